//! Every fixed string of the app's chrome, in both languages. A `Text` needs both, so the
//! compiler rejects a missing translation.

use crate::i18n::{Bilingual, Text};

pub const APP_TITLE: Text = Text::new("Incident runbook", "事件响应手册");
pub const SKIP_TO_CONTENT: Text = Text::new("Skip to content", "跳到正文");
pub const MAIN_NAV: Text = Text::new("Main", "主导航");
pub const NAV_LIBRARY: Text = Text::new("Library", "手册库");
pub const NAV_RUNBOOK: Text = Text::new("Runbook", "手册");
pub const NAV_TRIAGE: Text = Text::new("Triage", "分诊");
pub const NAV_WIZARD: Text = Text::new("Wizard", "决策向导");
pub const NAV_ACTIONS: Text = Text::new("Commands", "命令");
pub const NAV_COMMS: Text = Text::new("Comms", "沟通");
pub const NAV_INCIDENT: Text = Text::new("Incident", "事件");
/// The main navigation, in order: the app's header and the pre-rendered page both render it.
pub const NAV_LINKS: [(&str, Text); 6] = [
    ("", NAV_RUNBOOK),
    ("/triage", NAV_TRIAGE),
    ("/wizard", NAV_WIZARD),
    ("/actions", NAV_ACTIONS),
    ("/comms", NAV_COMMS),
    ("/incident", NAV_INCIDENT),
];
pub const LANGUAGE: Text = Text::new("Language", "语言");
pub const LANG_EN: Text = Text::new("English", "English");
pub const LANG_ZH: Text = Text::new("中文", "中文");
pub const LANG_BOTH: Text = Text::new("Both", "双语");
pub const CONTENTS: Text = Text::new("Contents", "目录");
pub const ENVIRONMENT: Text = Text::new("Environment", "环境");
pub const NOT_FOUND: Text = Text::new("Page not found.", "页面不存在。");
pub const BACK_TO_LIBRARY: Text = Text::new("Back to the runbook library", "返回手册库");
pub const SECTION_NOT_FOUND: Text = Text::new("No runbook section has this id.", "手册中没有这个章节。");
pub const CONFIG_PROBLEMS: Text = Text::new(
    "Problems in config.json — the app runs with built-in defaults for these settings:",
    "config.json 有问题 — 以下配置已改用内置默认值:",
);
pub const CONFIG_WAITING: Text = Text::new(
    "Waiting for config.json: no command is shown until this deployment's settings have loaded.",
    "正在等待 config.json:部署配置加载之前不显示任何命令。",
);
pub const NO_CONFIG_LOADED: Text = Text::new("no config loaded", "未加载配置");
/// The header's environment badge when config.json names no environment.
pub const ENVIRONMENT_NOT_SET: Text = Text::new("environment not set", "未设置环境");

/// config.json could not be read at all, so there is no cluster to write commands for.
pub fn config_failed(reason: &Bilingual) -> Bilingual {
    Bilingual::new(
        format!("config.json failed: {}. No command is shown until this deployment's settings load: reload once it is fixed.", reason.en),
        format!("config.json 加载失败:{}。部署配置加载之前不显示任何命令:修复后请重新加载。", reason.zh),
    )
}
pub const DISMISS: Text = Text::new("Dismiss", "关闭");
pub const SEVERITY_LEVEL: Text = Text::new("Level", "级别");
pub const SEVERITY_DEFINITION: Text = Text::new("Definition", "定义");
pub const SEVERITY_RESPONSE: Text = Text::new("Response time", "响应时效");
pub const SEVERITY_EXAMPLES: Text = Text::new("Examples", "示例");
pub const REVIEWED: Text = Text::new("Runbook reviewed", "手册审阅日期");
pub const BUILD: Text = Text::new("Build", "构建版本");
pub const SECTION_EMPTY: Text = Text::new(
    "The source runbook has no entries in this section yet.",
    "源手册此部分暂无内容。",
);
pub const TRIAGE_TITLE: Text = Text::new("Live triage", "实时分诊");
pub const TRIAGE_INTRO: Text = Text::new(
    "Live answers to the runbook's quick-triage checks, through this site's proxy. Unknown means unknown: never read it as healthy.",
    "通过本站代理实时执行手册中的快速分诊检查。“未知”就是未知,不代表正常。",
);
pub const REFRESH_NOW: Text = Text::new("Refresh now", "立即刷新");
pub const LAST_SYNC: Text = Text::new("Last successful sync", "最近一次成功同步");
pub const NEVER: Text = Text::new("never", "从未");
pub const FETCHED: Text = Text::new("Fetched", "获取于");
pub const SOURCE: Text = Text::new("Source", "来源");
pub const PAGE_LOADING: Text = Text::new("Loading this page…", "正在加载此页…");
pub const PAGE_UNAVAILABLE: Text = Text::new(
    "This page could not be loaded: the network is unreachable and the page is not in the offline copy yet. The runbook still works.",
    "无法加载此页：网络不可达，且离线副本中还没有此页。手册仍可使用。",
);
pub const RETRY: Text = Text::new("Retry", "重试");
pub const LOADING: Text = Text::new("Checking…", "检查中…");
pub const VERDICT_OK: Text = Text::new("OK", "正常");
pub const VERDICT_WARN: Text = Text::new("Degraded", "降级");
pub const VERDICT_BAD: Text = Text::new("Problem", "异常");
pub const VERDICT_UNKNOWN: Text = Text::new("Unknown", "未知");
/// The vendor check's title without the vendor's name; with it, see
/// [`crate::signals::vendor::status_check_title`].
pub const CHECK_VENDOR: Text = Text::new("1. Vendor status", "1. 供应商状态");
pub const CHECK_HEALTH: Text = Text::new("2. Our integration health", "2. 我方集成健康状态");
pub const CHECK_ERRORS: Text = Text::new("3. Error rate (last 5 min)", "3. 近 5 分钟错误率");
pub const CHECK_LOGS: Text = Text::new("4. Recent error logs", "4. 近期错误日志");
pub const ERROR_CHART: Text = Text::new("Error rate by status code", "按状态码的错误率");
pub const CHART_WINDOW: Text = Text::new("Time window", "时间范围");
pub const TOTAL: Text = Text::new("Total", "合计");
pub const STATUS_CODE: Text = Text::new("Status code", "状态码");
pub const RATE: Text = Text::new("Rate (errors/s)", "速率(次错误/秒)");
pub const VENDOR_UPDATED: Text = Text::new("Vendor page updated", "供应商页面更新于");
pub const PRIMARY_FAILED: Text = Text::new("Primary Prometheus failed:", "主 Prometheus 失败:");
pub const DETAILS: Text = Text::new("Details", "详情");
pub const COPY: Text = Text::new("Copy", "复制");
pub const COPIED: Text = Text::new("Copied to the clipboard.", "已复制到剪贴板。");
pub const COPY_BLOCKED: Text = Text::new(
    "This browser did not allow clipboard access. The text is selected below: press Ctrl+C (⌘C), or long-press and choose Copy.",
    "浏览器未允许访问剪贴板。下方文本已选中:请按 Ctrl+C(⌘C),或长按后选择“复制”。",
);
pub const SHARE: Text = Text::new("Share", "分享");
pub const DRY_RUN: Text = Text::new("Preview first (dry run / diff)", "先预览(dry run / diff)");
pub const ROLLBACK: Text = Text::new("Roll back", "回滚");
pub const MUTATING: Text = Text::new("Changes the cluster", "会修改集群");
pub const NO_COMMAND_WHILE_INVALID: Text = Text::new(
    "No command is shown until these values are fixed:",
    "以下取值修正之前不显示命令:",
);

pub mod actions;
pub mod comms;
pub mod incident;
pub mod library;
pub mod wizard;
pub const OFFLINE: Text = Text::new(
    "Offline: the runbook, wizard, commands, messages and your incident keep working from this device. Live checks show their last values.",
    "离线:手册、决策向导、命令、消息和当前事件仍可在本设备上使用。实时检查显示最后一次的数据。",
);
pub const CONTENT_VERSION: Text = Text::new("Content version", "内容版本");
pub const UPDATE_READY: Text = Text::new("A new version of the runbook is ready.", "手册有新版本可用。");
pub const UPDATE_FAILED: Text = Text::new(
    "A new version of the runbook could not be installed: one of its files could not be downloaded. The old version keeps running on this device, online and offline; it tries again in a few minutes and on the next reload.",
    "手册的新版本无法安装:其中一个文件无法下载。本设备继续运行旧版本(在线和离线均如此);几分钟后及下次重新加载时会再次尝试。",
);
pub const RELOAD_TO_UPDATE: Text = Text::new("Reload to update", "重新加载以更新");
