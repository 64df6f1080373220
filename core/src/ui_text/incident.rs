//! UI strings of the incident page, the incident bar and the timeline.

use crate::i18n::Text;
use crate::incident::EntryKind;

pub const TITLE: Text = Text::new("Incident", "事件");
pub const NEW_TITLE: Text = Text::new("New incident", "新建事件");
pub const NO_ACTIVE: Text = Text::new("No incident is open.", "当前没有进行中的事件。");
pub const ALREADY_OPEN: Text = Text::new(
    "An incident is already open. Resolve it before starting another one:",
    "已有进行中的事件。请先将其标记为已解决,再开始新的事件:",
);
pub const GO_TO_INCIDENT: Text = Text::new("Go to the open incident", "前往进行中的事件");

// Starting an incident
pub const START_HEADING: Text = Text::new("Start an incident", "开始事件");
pub const SEVERITY: Text = Text::new("Severity", "严重级别");
pub const SEVERITY_SUGGESTED: Text = Text::new("Suggested from the evidence:", "根据证据建议:");
pub const SEVERITY_FROM_ALERT: Text = Text::new("The alert link says:", "告警链接给出:");
pub const SUGGESTED_TAG: Text = Text::new("suggested", "建议");
pub const COMMANDER: Text = Text::new("Incident commander", "事件负责人");
pub const COMMANDER_HINT: Text = Text::new("Slack handle, e.g. alice", "Slack 用户名,例如 alice");
pub const IMPACT: Text = Text::new("Impact", "影响");
pub const IMPACT_HINT: Text = Text::new(
    "Who or what is affected, e.g. campaign sends delayed for all customers. Can be filled in later.",
    "受影响的用户或功能,例如所有客户的营销邮件发送延迟。可稍后补充。",
);
pub const NAMESPACE: Text = Text::new("Kubernetes namespace", "Kubernetes 命名空间");
pub const NAMESPACE_HINT: Text = Text::new(
    "Generated commands use it. Leave empty for the configured namespace:",
    "生成的命令会使用它。留空则使用配置中的命名空间:",
);
pub const USE_ALERT_TIME: Text = Text::new("Start the clock when the alert fired:", "从告警触发时开始计时:");
pub const START: Text = Text::new("Start incident", "开始事件");
pub const COMMANDER_REQUIRED: Text = Text::new(
    "Enter the incident commander (a Slack handle) before starting.",
    "开始前请填写事件负责人(Slack 用户名)。",
);
pub const NAMESPACE_LABEL_IN_ERROR: Text = Text::new("Namespace", "命名空间");
pub const START_FAILED: Text = Text::new("The incident was not started:", "事件未能开始:");

// Alert link prefill
pub const PREFILL_HEADING: Text = Text::new("From the alert link", "来自告警链接");
pub const PREFILL_ALERT: Text = Text::new("Alert", "告警");
pub const PREFILL_STARTED: Text = Text::new("Alert fired", "告警触发时间");
pub const PREFILL_EMPTY: Text = Text::new(
    "This link carried no alert values; fill in the incident below.",
    "此链接未携带告警信息;请在下方填写事件信息。",
);
pub const PREFILL_PROBLEMS: Text = Text::new(
    "Problems in the alert link (adjust the values below):",
    "告警链接中的问题(请在下方修正取值):",
);
pub const NOT_GIVEN: Text = Text::new("not given", "未提供");

// The open incident
pub const INCIDENT_ID: Text = Text::new("Incident id", "事件编号");
pub const STARTED: Text = Text::new("Started", "开始时间");
pub const STARTED_FROM_ALERT: Text = Text::new("(when the alert fired)", "(告警触发时间)");
pub const STARTED_OPENED: Text = Text::new("(when it was opened here)", "(在此打开的时间)");
pub const LOCAL: Text = Text::new("local", "本地");
pub const STATUS: Text = Text::new("Status", "状态");
pub const ELAPSED: Text = Text::new("Elapsed", "已持续");
pub const RESPONSE: Text = Text::new("Response", "响应");
pub const NO_RESPONSE_TARGET: Text = Text::new("no target in the runbook", "手册中没有时效要求");
pub const NEXT_UPDATE: Text = Text::new("Next update", "下次通报");
pub const WRITE_UPDATE: Text = Text::new("Write the update", "撰写通报");
pub const SAVE: Text = Text::new("Save", "保存");
pub const CANCEL: Text = Text::new("Cancel", "取消");
pub const EDIT: Text = Text::new("Edit", "编辑");
pub const SAVED: Text = Text::new("Saved.", "已保存。");
pub const WIZARD_POSITION: Text = Text::new("Decision tree", "决策树");
pub const WIZARD_NOT_STARTED: Text = Text::new("No answers yet.", "尚未作答。");
pub const WIZARD_CONTINUE: Text = Text::new("Continue in the decision tree", "在决策树中继续");
pub const RESOLVE: Text = Text::new("Resolve incident", "标记为已解决");
pub const RESOLVE_HINT: Text = Text::new(
    "Resolving stops the clock and moves the incident to the past incidents; it can be reopened.",
    "标记为已解决会停止计时并移入历史事件;之后仍可重新打开。",
);
pub const EXPORT: Text = Text::new("Export JSON", "导出 JSON");
pub const EXPORT_FAILED: Text = Text::new("The download did not start:", "下载未能开始:");

// Timeline
pub const TIMELINE: Text = Text::new("Timeline", "时间线");
pub const TIMELINE_EMPTY: Text = Text::new("Nothing recorded yet.", "暂无记录。");
pub const NOTE: Text = Text::new("Note", "备注");
pub const NOTE_HINT: Text = Text::new(
    "What happened or was decided; it is logged with the current time.",
    "发生了什么或做了什么决定;将按当前时间记录。",
);
pub const NOTE_TIME: Text = Text::new(
    "When it happened (local time, optional; empty means now)",
    "发生时间(本地时间,可选;留空表示现在)",
);
pub const ADD_NOTE: Text = Text::new("Add note", "添加备注");
pub const EDIT_NOTE: Text = Text::new("Edit note", "编辑备注");
pub const EDITED: Text = Text::new("edited", "已编辑");

// Past incidents, export and import
pub const PAST: Text = Text::new("Past incidents", "历史事件");
pub const PAST_NONE: Text = Text::new("No past incidents in this browser.", "此浏览器中没有历史事件。");
pub const RESOLVED_AT: Text = Text::new("Resolved", "解决时间");
pub const NOT_RESOLVED: Text = Text::new("not resolved", "未解决");
pub const DURATION: Text = Text::new("Duration", "持续时间");
pub const REOPEN: Text = Text::new("Reopen", "重新打开");
pub const SHOW_TIMELINE: Text = Text::new("Show timeline", "查看时间线");
pub const REOPEN_FAILED: Text = Text::new("The incident was not reopened:", "事件未能重新打开:");
pub const IMPORT: Text = Text::new("Import an exported incident (JSON file)", "导入已导出的事件(JSON 文件)");
pub const IMPORTED: Text = Text::new("Imported into the past incidents:", "已导入历史事件:");
pub const IMPORT_UNREADABLE: Text = Text::new(
    "Cannot import: the file could not be read. Choose the file again.",
    "无法导入:无法读取该文件。请重新选择文件。",
);

// Incident bar and storage
pub const BAR_LABEL: Text = Text::new("Open incident", "进行中的事件");
pub const STORAGE_PROBLEM: Text = Text::new("Incident storage:", "事件存储:");
pub const DISMISS: Text = Text::new("Dismiss", "关闭");

/// The timeline's name for an entry's kind.
pub fn entry_kind_label(kind: EntryKind) -> Text {
    match kind {
        EntryKind::Started => Text::new("Started", "开始"),
        EntryKind::Answer => Text::new("Answer", "回答"),
        EntryKind::Override => Text::new("Override", "推翻建议"),
        EntryKind::SeverityChanged => Text::new("Severity", "严重级别"),
        EntryKind::StatusChanged => Text::new("Status", "状态"),
        EntryKind::CommanderChanged => Text::new("Commander", "负责人"),
        EntryKind::Note => Text::new("Note", "备注"),
        EntryKind::CommandCopied => Text::new("Copied", "已复制"),
        EntryKind::MessageSent => Text::new("Update sent", "已发送通报"),
        EntryKind::Download => Text::new("Download", "下载"),
        EntryKind::Reopened => Text::new("Reopened", "重新打开"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_kind_has_a_distinct_label_in_both_languages() {
        let kinds = [
            EntryKind::Started,
            EntryKind::Answer,
            EntryKind::Override,
            EntryKind::SeverityChanged,
            EntryKind::StatusChanged,
            EntryKind::CommanderChanged,
            EntryKind::Note,
            EntryKind::CommandCopied,
            EntryKind::MessageSent,
            EntryKind::Download,
            EntryKind::Reopened,
        ];
        let labels: Vec<Text> = kinds.into_iter().map(entry_kind_label).collect();
        for (i, a) in labels.iter().enumerate() {
            assert!(!a.en.is_empty() && !a.zh.is_empty());
            for b in &labels[i + 1..] {
                assert!(a.en != b.en && a.zh != b.zh, "{a:?} and {b:?}");
            }
        }
    }
}
