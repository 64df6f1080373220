//! Communication texts from the runbook's templates (`messages.json`: Slack update, status page
//! notice, postmortem), filled from a view model of the incident, in English, Chinese or both.

mod context;
mod postmortem;
pub(crate) mod sanitize;
mod template;
#[cfg(test)]
pub(crate) mod test_templates;
mod time;
mod updates;

pub use context::{
    context_from_incident, error_type_of, placeholder_context, render_message_for, Draft, MessageInputs,
    RunbookMessages,
};
pub use template::{fields, ErrorTypeLabels, LangTemplate, MessageTemplates, Place, Template, TemplateProblem};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang, LangMode, Text};
use crate::severity::Severity;

/// Put between the English and the Chinese text in `LangMode::Both`.
pub const LANGUAGE_SEPARATOR: &str = "\n\n---\n\n";

/// Everything the templates need. Free-text fields are the user's words: missing or blank
/// ones keep the runbook's bracketed placeholder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageContext {
    /// The vendor's name, from the runbook's manifest.
    pub vendor: Bilingual,
    pub severity: Severity,
    /// The status in words, e.g. "Investigating" / "排查中".
    pub status: Bilingual,
    /// The uppercase English status Slack shows, e.g. "INVESTIGATING".
    pub status_slack: String,
    pub impact: Option<String>,
    pub current_action: Option<String>,
    pub next_update: Option<DateTime<FixedOffset>>,
    pub commander: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    /// `None` while the incident is open: durations then run to `now`.
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub now: DateTime<FixedOffset>,
    pub error_type: Option<Bilingual>,
    pub summary: Option<String>,
    pub timeline: Vec<(DateTime<FixedOffset>, String)>,
    pub last_updated: DateTime<FixedOffset>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    SlackUpdate,
    StatusPage,
    Postmortem,
}

impl MessageKind {
    pub const ALL: [MessageKind; 3] = [
        MessageKind::SlackUpdate,
        MessageKind::StatusPage,
        MessageKind::Postmortem,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::SlackUpdate => "slack_update",
            MessageKind::StatusPage => "status_page",
            MessageKind::Postmortem => "postmortem",
        }
    }

    pub fn title(self) -> Text {
        match self {
            MessageKind::SlackUpdate => Text::new("Internal (Slack)", "内部(Slack)"),
            MessageKind::StatusPage => Text::new("External (Status Page)", "外部(状态页)"),
            MessageKind::Postmortem => Text::new("Postmortem Template", "事后复盘模板"),
        }
    }
}

fn render_in(kind: MessageKind, templates: &MessageTemplates, ctx: &MessageContext, lang: Lang) -> String {
    let template = templates.get(kind).get(lang);
    match kind {
        MessageKind::SlackUpdate => updates::slack_update(template, ctx, lang),
        MessageKind::StatusPage => updates::status_page(template, ctx, lang),
        MessageKind::Postmortem => postmortem::postmortem(template, ctx, lang),
    }
}

/// The message ready to copy, from the runbook's templates: one language, or English then
/// Chinese split by [`LANGUAGE_SEPARATOR`].
pub fn render(kind: MessageKind, templates: &MessageTemplates, ctx: &MessageContext, mode: LangMode) -> String {
    mode.langs()
        .iter()
        .map(|&lang| render_in(kind, templates, ctx, lang))
        .collect::<Vec<_>>()
        .join(LANGUAGE_SEPARATOR)
}
