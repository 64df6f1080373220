//! UI strings of the wizard page.

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Decision tree", "决策树");
pub const INTRO: Text = Text::new(
    "Answer each question. Live evidence suggests an answer; you confirm it or choose another, which is recorded as an override.",
    "逐一回答问题。实时证据会给出建议答案;由你确认,或选择其他答案(记录为推翻建议)。",
);
pub const LINK_PROBLEMS: Text = Text::new(
    "Some answers in this link could not be used:",
    "此链接中的部分答案无法使用:",
);
pub const RECORDING_ON: Text = Text::new(
    "Answers are recorded in the open incident's timeline.",
    "答案会记录到进行中事件的时间线。",
);
pub const RECORDING_OFF: Text = Text::new(
    "No incident is open: answers are kept only in this page's link. Start an incident to record them.",
    "当前没有进行中的事件:答案只保存在本页链接中。开始事件后才会记录。",
);
pub const ANSWERED: Text = Text::new("Your answers", "已作答");
pub const STEP_CONFIRMED: Text = Text::new("as the evidence suggested", "与证据建议一致");
pub const STEP_OVERRIDDEN: Text = Text::new("override; the evidence suggested", "推翻建议;证据建议为");
pub const STEP_MANUAL: Text = Text::new("answered without a suggestion", "无建议时手动作答");
pub const CHANGE: Text = Text::new("Change", "修改");
pub const SUGGESTED: Text = Text::new("Suggested from live evidence:", "实时证据建议:");
pub const EVIDENCE_UNKNOWN: Text = Text::new("Live evidence: unknown", "实时证据:未知");
pub const NO_SIGNAL: Text = Text::new(
    "No live signal answers this question: answer from what you see.",
    "没有实时信号可回答此问题:请根据你看到的情况作答。",
);
pub const SEE_LIVE_SIGNALS: Text = Text::new("See the live signals", "查看实时信号");
pub const CONFIRM: Text = Text::new("Confirm", "确认");
pub const ANSWERS: Text = Text::new("Answers", "答案");
pub const SUGGESTED_TAG: Text = Text::new("suggested", "建议");
pub const OVERRIDE_WARNING: Text = Text::new(
    "You are answering against the live evidence; this is recorded as an override.",
    "你的答案与实时证据不一致;将记录为推翻建议。",
);
pub const YOU_CHOSE: Text = Text::new("Your answer:", "你的答案:");
pub const EVIDENCE_SAYS: Text = Text::new("Evidence suggests:", "证据建议:");
pub const RECORD_OVERRIDE: Text = Text::new("Record override", "记录推翻");
pub const CANCEL: Text = Text::new("Cancel", "取消");
pub const BACK: Text = Text::new("Back", "上一步");
pub const RESTART: Text = Text::new("Restart", "重新开始");
pub const SHARE_LINK: Text = Text::new("Link to this step with these answers:", "指向此步骤及已选答案的链接:");
pub const LINK_WHAT: Text = Text::new("Decision tree link", "决策树链接");
pub const APP_MARK: Text = Text::new("(app)", "(应用)");
pub const APP_WORDING: Text = Text::new(
    "wording added by this app; the runbook has no words for this",
    "本应用补充的措辞;手册中没有相应文字",
);
pub const NOT_RECORDED: Text = Text::new("The answer was not recorded in the incident:", "答案未能记录到事件中:");

// Outcome
pub const OUTCOME: Text = Text::new("Outcome", "结论");
pub const ACTIONS: Text = Text::new("Immediate actions", "立即处理措施");
pub const RUNBOOK_SECTION: Text = Text::new("In the runbook:", "手册章节:");
pub const NEXT_STEP: Text = Text::new("Next step", "下一步");
pub const SUGGESTED_SEVERITY: Text = Text::new("Suggested severity", "建议严重级别");
pub const INCIDENT_OPEN: Text = Text::new("Open incident:", "进行中的事件:");
pub const SET_SEVERITY_TO: Text = Text::new("Set severity to", "将严重级别改为");
pub const SEVERITY_MATCHES: Text = Text::new(
    "The open incident already has this severity.",
    "进行中的事件已是此严重级别。",
);
