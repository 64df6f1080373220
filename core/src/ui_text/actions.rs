//! UI strings of the commands page. Its groups, notes and error-handling rows are the runbook's
//! content (`commands.json`, [`crate::commands::page`]); these are the page's own words.

use crate::i18n::{Bilingual, Text};

pub const TITLE: Text = Text::new("Commands", "命令");
pub const INTRO: Text = Text::new(
    "Copy-ready commands from the runbook, filled in from config.json and this incident's settings. Every kubectl line names its cluster and namespace; commands that change the cluster come with a dry run and a rollback.",
    "手册中的可复制命令,参数取自 config.json 和本次事件的设置。每条 kubectl 命令都写明集群和命名空间;会修改集群的命令附带预览(dry run)和回滚命令。",
);

pub const TARGET: Text = Text::new("Commands run against", "命令作用于");
pub const KUBE_CONTEXT: Text = Text::new("Kube context", "Kube context");
pub const NAMESPACE: Text = Text::new("Namespace", "命名空间");
pub const DEPLOYMENT: Text = Text::new("Deployment", "Deployment");
pub const CHANGED_FOR_INCIDENT: Text = Text::new("changed for this incident", "本次事件已修改");
pub const FROM_THE_ALERT: Text = Text::new("from the alert", "来自告警");
pub const USE_CONFIG_VALUE: Text = Text::new("Use config.json's value", "改用 config.json 中的值");
pub const USE_ALERT_NAMESPACE: Text = Text::new("Use the alert's namespace", "使用告警中的命名空间");

/// The incident's alert came from another namespace than the one the commands use.
pub fn alert_namespace_differs(alert: &str, used: &str) -> Bilingual {
    Bilingual::new(
        format!("The alert came from namespace \"{alert}\", but the commands use \"{used}\". Check which one is affected before running anything."),
        format!("告警来自命名空间 \"{alert}\",但命令使用的是 \"{used}\"。执行任何命令前请先确认受影响的是哪一个。"),
    )
}

/// Shown above [`crate::commands::CommandParams::target_refusals`] when a target is outside
/// config.json's `kube.allowed_contexts` / `kube.allowed_namespaces`.
pub const TARGET_READ_ONLY: Text = Text::new("Read-only commands only for this target", "此目标只提供只读命令");

pub const OVERRIDES_TITLE: Text = Text::new("Command settings for this incident", "本次事件的命令参数");
pub const OVERRIDES_INTRO: Text = Text::new(
    "An empty field uses the value from config.json, shown greyed in it. Changes apply to every command at once and are kept in this browser; no field takes a key.",
    "留空的字段使用 config.json 中的值(以灰色显示)。修改会立即应用到所有命令,并保存在本浏览器中;任何字段都不接收密钥。",
);
pub const FROM_CONFIG: Text = Text::new("Default from config.json", "config.json 默认值");
pub const BUILT_IN_DEFAULT: Text = Text::new("Built-in default", "内置默认值");
pub const CHANGED: Text = Text::new("changed", "已修改");
pub const RESET_TO_CONFIG: Text = Text::new("Reset to config", "恢复为配置值");
pub const RESET_ALL: Text = Text::new("Reset all to config", "全部恢复为配置值");

pub const WIZARD_RESULT: Text = Text::new("The wizard's result for this incident", "本次事件的向导结果");
pub const OPEN_WIZARD: Text = Text::new(
    "Not sure which applies? Answer the decision tree.",
    "不确定属于哪一类?请回答决策树。",
);

/// The heading and columns of the runbook's error-handling table (`page.failures`).
pub const FAILURES_TITLE: Text = Text::new("If a command fails", "命令执行失败时");
pub const FAILURE_ISSUE: Text = Text::new("Issue", "问题");
pub const FAILURE_CAUSE: Text = Text::new("Cause", "原因");
pub const FAILURE_SOLUTION: Text = Text::new("Solution", "解决方案");

pub const IN_BROWSER: Text = Text::new("Evidence from this browser", "浏览器内取证");
pub const IN_BROWSER_INTRO: Text = Text::new(
    "Fetched through this site's proxy, no cluster access needed. The metrics are the error rate by status code over the incident's span, as on the triage chart.",
    "通过本站代理获取,无需集群权限。指标为事件期间按状态码统计的错误率,与分诊图表一致。",
);
pub const NO_INCIDENT: Text = Text::new(
    "No incident is active: the evidence exports need its start time.",
    "当前没有进行中的事件:导出证据需要事件的开始时间。",
);
pub const START_INCIDENT: Text = Text::new("Start an incident", "开始一个事件");
pub const INCIDENT_SPAN: Text = Text::new("Incident span", "事件时间范围");
pub const NOW_ONGOING: Text = Text::new("now (ongoing)", "现在(进行中)");
pub const FETCH_METRICS: Text = Text::new("Fetch metrics for the incident span", "获取事件期间的指标");
pub const FETCHING: Text = Text::new("Fetching…", "获取中…");
pub const DOWNLOAD_METRICS: Text = Text::new("Download metrics.json", "下载 metrics.json");
pub const DOWNLOAD_BUNDLE_JSON: Text = Text::new("Download incident bundle (JSON)", "下载事件证据包(JSON)");
pub const DOWNLOAD_BUNDLE_MD: Text = Text::new("Download incident bundle (Markdown)", "下载事件证据包(Markdown)");
pub const BUNDLE_NOTE: Text = Text::new(
    "The bundle holds the incident with its timeline, the wizard's answers, the command settings, the last live checks and, once fetched, the metrics.",
    "证据包包含事件及其时间线、向导答案、命令参数、最近的实时检查结果,以及(获取后的)指标。",
);
pub const METRICS_FILE: Text = Text::new("error-rate metrics", "错误率指标");
pub const BUNDLE_FILE: Text = Text::new("incident bundle", "事件证据包");

/// What a successful metrics fetch brought back.
pub fn metrics_fetched(series: usize, points: i64, step_secs: i64, fetched: &str) -> Bilingual {
    Bilingual::new(
        format!("{series} series, up to {points} points each (step {step_secs} s), fetched at {fetched}."),
        format!("{series} 条序列,每条最多 {points} 个数据点(步长 {step_secs} 秒),获取于 {fetched}。"),
    )
}

pub fn download_failed(file: &str, reason: &str) -> Bilingual {
    Bilingual::new(
        format!("{file} could not be saved ({reason}). Allow downloads for this site and try again."),
        format!("无法保存 {file}({reason})。请允许本站下载文件后重试。"),
    )
}
