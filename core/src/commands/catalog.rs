//! What each command is for, in both languages. Only static text: values live in the command.

use crate::i18n::Text;

use super::CommandId;

pub(super) struct Description {
    pub title: Text,
    pub purpose: Text,
    pub warning: Option<Text>,
    pub mutating: bool,
}

const SET_ENV_WARNING: Text = Text::new(
    "Changing an environment variable restarts every pod of the deployment (rolling update). The rollback removes the variable: if it already had a value, note it first with `kubectl set env deployment/<name> --list`.",
    "修改环境变量会滚动重启该 Deployment 的所有 pod。回滚会删除该变量:若它原本有值,请先用 `kubectl set env deployment/<名称> --list` 记下。",
);

pub(super) fn describe(id: CommandId) -> Description {
    let read = |title, purpose| Description {
        title,
        purpose,
        warning: None,
        mutating: false,
    };
    let change = |title, purpose, warning| Description {
        title,
        purpose,
        warning: Some(warning),
        mutating: true,
    };
    match id {
        CommandId::VendorStatus => read(
            Text::new("Check Instantly status", "检查 Instantly 状态"),
            Text::new(
                "Asks Instantly's status page whether Instantly reports an incident (Quick Triage step 1).",
                "查询 Instantly 状态页,确认其是否公布了事件(快速分诊第 1 步)。",
            ),
        ),
        CommandId::IntegrationHealth => read(
            Text::new("Check our integration health", "检查我方集成健康状态"),
            Text::new(
                "Shows the Instantly part of our public health endpoint (Quick Triage step 2).",
                "显示我方公开健康检查接口中 Instantly 部分的结果(快速分诊第 2 步)。",
            ),
        ),
        CommandId::ErrorRate => read(
            Text::new("Check error rate (last 5 min)", "查看近5分钟错误率"),
            Text::new(
                "Asks Prometheus for the per-second rate of the error metric over the last 5 minutes (Quick Triage step 3).",
                "向 Prometheus 查询错误指标近 5 分钟的每秒速率(快速分诊第 3 步)。",
            ),
        ),
        CommandId::RecentErrorLogs => read(
            Text::new("Recent error logs", "查看近期错误日志"),
            Text::new(
                "The last 20 log lines containing \"error\" from every pod and container matching the label selector (Quick Triage step 4).",
                "从匹配标签选择器的所有 pod 和容器中,取最近 20 行包含 \"error\" 的日志(快速分诊第 4 步)。",
            ),
        ),
        CommandId::VerifyApiKey => read(
            Text::new("Verify API key (fingerprint)", "验证API密钥(指纹)"),
            Text::new(
                "Prints the first 12 hex characters of the SHA-256 of the key stored in the Secret, never the key itself. Compare fingerprints before and after a rotation, or between environments.",
                "输出 Secret 中密钥的 SHA-256 前 12 位十六进制字符,绝不输出密钥本身。可用于对比轮换前后或不同环境的指纹。",
            ),
        ),
        CommandId::VerifyApiKeySuffix => read(
            Text::new("Verify API key (last 4 characters)", "验证API密钥(末 4 位)"),
            Text::new(
                "Prints only the last 4 characters of the stored key, to compare with the key shown in the Instantly dashboard.",
                "只输出所存密钥的最后 4 个字符,用于与 Instantly 仪表盘中显示的密钥比对。",
            ),
        ),
        CommandId::RotateSecret => change(
            Text::new("Update the API key Secret", "更新 API 密钥 Secret"),
            Text::new(
                "Asks for the new key at a hidden prompt and patches it into the existing Secret through standard input: the key never appears in the command line, the shell history or the process list, and no annotation keeps a copy of it (no kubectl apply). The Secret must already exist: the command never creates it, and an error message that would show the key is not shown. The dry run sends a placeholder instead of a key.",
                "在不回显的提示符下输入新密钥,通过标准输入以 patch 方式写入已存在的 Secret:密钥不会出现在命令行、shell 历史或进程列表中,也不会有注解保留它的副本(不使用 kubectl apply)。Secret 必须已存在:此命令绝不创建它;可能显示密钥的错误信息不会显示。预览(dry run)发送的是占位值而非密钥。",
            ),
            Text::new(
                "Changes the production Secret. Pods keep the old key until they restart: run \"Restart the deployment\" next. The rollback asks for the previous key.",
                "会修改生产环境的 Secret。pod 重启前仍使用旧密钥:接着执行\"重启 Deployment\"。回滚时需输入之前的密钥。",
            ),
        ),
        CommandId::RestartDeployment => change(
            Text::new("Restart the deployment", "重启 Deployment"),
            Text::new(
                "Rolling restart so the pods pick up the new Secret or configuration, then waits until the rollout has finished. kubectl rollout restart has no dry run, so the preview is a server-side dry run of the change it makes (a new restartedAt annotation on the pod template): it checks the deployment exists and that you may change it, and restarts nothing.",
                "滚动重启,让 pod 加载新的 Secret 或配置,并等待发布完成。kubectl rollout restart 没有 dry run,因此预览是对它所做修改(在 pod 模板上设置新的 restartedAt 注解)的服务端 dry run:检查该 Deployment 是否存在以及你是否有权修改,不会重启任何 pod。",
            ),
            Text::new(
                "Restarts every pod of the deployment, one batch at a time. The rollback returns to the previous revision.",
                "会分批重启该 Deployment 的所有 pod。回滚会恢复到上一个版本。",
            ),
        ),
        CommandId::RateLimitHeaders => read(
            Text::new("Check rate limit headers", "检查限流头"),
            Text::new(
                "Shows the rate-limit headers of Instantly's API. The request carries no API key, so only the headers sent to anonymous requests appear.",
                "显示 Instantly API 返回的限流响应头。请求不带 API 密钥,因此只能看到匿名请求的响应头。",
            ),
        ),
        CommandId::QueueMode => change(
            Text::new("Enable request queuing", "启用请求排队"),
            Text::new(
                "Sets RATE_LIMIT_MODE=queue on the deployment so requests wait in a queue instead of failing with 429.",
                "在 Deployment 上设置 RATE_LIMIT_MODE=queue,让请求排队等待,而不是以 429 失败。",
            ),
            SET_ENV_WARNING,
        ),
        CommandId::FallbackOn => change(
            Text::new("Enable graceful degradation", "启用优雅降级"),
            Text::new(
                "Sets INSTANTLY_FALLBACK=true on the deployment so the integration degrades gracefully while Instantly fails.",
                "在 Deployment 上设置 INSTANTLY_FALLBACK=true,在 Instantly 故障期间优雅降级。",
            ),
            SET_ENV_WARNING,
        ),
        CommandId::DebugBundle => read(
            Text::new("Generate debug bundle", "生成调试包"),
            Text::new(
                "Runs the repository's debug bundle script from the repository root. The script uses your current kube context, so the line runs it only when that context is the configured one.",
                "在仓库根目录运行调试包脚本。该脚本使用当前 kube context,因此仅当当前 context 与配置一致时才会运行。",
            ),
        ),
        CommandId::ExportLogs => read(
            Text::new("Export relevant logs", "导出相关日志"),
            Text::new(
                "Saves every log line, with timestamps, of the matching pods since the incident started (the last hour when no incident is declared) to a file for the postmortem.",
                "将匹配 pod 自事件开始以来(未声明事件时为最近 1 小时)的全部日志(带时间戳)保存到文件,供事后复盘使用。",
            ),
        ),
        CommandId::ExportMetrics => read(
            Text::new("Capture metrics", "导出指标"),
            Text::new(
                "Saves the error metric over the incident's time span (absolute start and end times) from Prometheus to a JSON file for the postmortem.",
                "从 Prometheus 导出事件时间范围内(绝对起止时间)的错误指标到 JSON 文件,供事后复盘使用。",
            ),
        ),
        CommandId::HealthCheck => read(
            Text::new("One-line health check", "单行健康检查"),
            Text::new(
                "Prints the Instantly status reported by our health endpoint, or UNHEALTHY when the endpoint fails or reports no status.",
                "输出我方健康检查接口报告的 Instantly 状态;接口失败或无状态时输出 UNHEALTHY。",
            ),
        ),
    }
}
