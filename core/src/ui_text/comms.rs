//! UI strings of the comms page.

use crate::i18n::{Bilingual, Text};
use crate::messages::MessageKind;
use crate::severity::Severity;

pub const TITLE: Text = Text::new("Communication", "沟通");
pub const INTRO: Text = Text::new(
    "The runbook's templates, filled in from the incident. Add what only you know, choose the language, then copy: every copy is recorded in the incident's timeline.",
    "手册中的沟通模板,已按事件信息填写。补充只有你知道的内容,选择语言后复制:每次复制都会记录到事件时间线中。",
);
pub const NO_INCIDENT: Text = Text::new(
    "No incident is active: the messages keep the runbook's placeholders in [brackets].",
    "当前没有进行中的事件:消息中保留手册的 [方括号] 占位符。",
);
pub const START_INCIDENT: Text = Text::new("Start an incident to fill them in", "开始一个事件以自动填写");
pub const INCIDENT: Text = Text::new("Incident", "事件");
pub const NEXT_UPDATE_DUE: Text = Text::new("Next update due", "下次更新截止");

pub fn cadence(minutes: u32, severity: Severity) -> Bilingual {
    let sev = severity.as_str();
    Bilingual::new(
        format!("updates every {minutes} min for {sev}"),
        format!("{sev} 每 {minutes} 分钟更新一次"),
    )
}

pub const YOUR_INPUT: Text = Text::new("What the incident does not know", "需要你补充的内容");
pub const CURRENT_ACTION: Text = Text::new("Current action", "当前动作");
pub const CURRENT_ACTION_HINT: Text = Text::new(
    "For the Slack update, e.g. \"Rotating the API key\". Left empty, the template's placeholder stays.",
    "用于 Slack 通报,例如“正在轮换 API 密钥”。留空则保留模板占位符。",
);
pub const SUMMARY: Text = Text::new("Summary (postmortem)", "摘要(事后复盘)");
pub const SUMMARY_HINT: Text = Text::new(
    "One or two sentences describing the incident.",
    "用一两句话描述本次事件。",
);
pub const ERROR_TYPE: Text = Text::new("Error type", "错误类型");
pub const ERROR_TYPE_FROM_WIZARD: Text = Text::new("from the decision tree", "来自决策树");
pub const ERROR_TYPE_UNKNOWN: Text = Text::new(
    "not determined yet; the template's placeholder stays.",
    "尚未确定;保留模板占位符。",
);
pub const OPEN_WIZARD: Text = Text::new("Answer the decision tree", "回答决策树");
pub const MESSAGE_LANG: Text = Text::new("Message language", "消息语言");
pub const DOWNLOAD_POSTMORTEM: Text = Text::new("Download postmortem (.md)", "下载事后复盘(.md)");
pub const POSTMORTEM_FILE: Text = Text::new("postmortem", "事后复盘");

/// What each message is for and what copying it does.
pub fn hint(kind: MessageKind) -> Text {
    match kind {
        MessageKind::SlackUpdate => Text::new(
            "For the incident channel. Copying records the update and restarts the update countdown.",
            "发到事件频道。复制即记录一次通报,并重新开始更新倒计时。",
        ),
        MessageKind::StatusPage => Text::new(
            "For the public status page: no internal details.",
            "用于公开状态页:不含内部细节。",
        ),
        MessageKind::Postmortem => Text::new(
            "Markdown skeleton with the timeline so far. Root cause, users affected, revenue impact and action items are left for you.",
            "包含目前时间线的 Markdown 框架。根因、受影响用户、收入影响和行动项需要你来填写。",
        ),
    }
}
