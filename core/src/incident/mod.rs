//! One incident being worked: who leads it, how bad it is, where the wizard stands, and a
//! timeline of everything done. Every change takes `now` from the caller and is recorded.

mod alert_link;
mod bundle;
mod merge;
mod migrate;
mod store;
mod timeline;
mod timers;

pub use alert_link::{parse_alert_link, AlertPrefill, MAX_LINK_PAIRS};
pub use bundle::{
    evidence_file_name, Bundle, Evidence, LiveSnapshot, MetricsEvidence, MetricsRange, SignalSnapshot, BUNDLE_FORMAT,
    BUNDLE_VERSION,
};
pub use merge::merge;
pub use store::{
    check_import_size, export_incident, import_incident, load, LoadOutcome, Store, EXPORT_FORMAT, MAX_IMPORT_BYTES,
    STORE_VERSION,
};
pub use timeline::{checked_note, note_time, EntryKind, EntryText, Timeline, TimelineEntry, MAX_NOTE_CHARS};
pub(crate) use timers::after_minutes;
pub use timers::{cadence_minutes, countdown_text, displayable, duration_text, response_deadline, Clocks, Countdown};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Text};
use crate::severity::Severity;
use crate::tree::{walk, AnswerSource, Path, Tree};
use crate::ui_text::incident as ui_text;
use crate::validate;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
    ];

    pub fn label(self) -> Text {
        match self {
            Status::Investigating => Text::new("Investigating", "排查中"),
            Status::Identified => Text::new("Identified", "已定位"),
            Status::Monitoring => Text::new("Monitoring", "监控中"),
            Status::Resolved => Text::new("Resolved", "已解决"),
        }
    }

    /// As written in the Slack template's "Status:" line.
    pub fn slack_label(self) -> Text {
        match self {
            Status::Investigating => Text::new("INVESTIGATING", "排查中"),
            Status::Identified => Text::new("IDENTIFIED", "已定位"),
            Status::Monitoring => Text::new("MONITORING", "监控中"),
            Status::Resolved => Text::new("RESOLVED", "已解决"),
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.label().en.eq_ignore_ascii_case(s.trim()))
    }
}

/// Where the start time came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartSource {
    /// The alert link said when the alert became active.
    Alert,
    /// No start time was given: the moment the incident was opened.
    Opened,
}

/// Values filled in from an alert link or by hand when opening.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentContext {
    pub namespace: Option<String>,
    pub alert_name: Option<String>,
    /// The id of the runbook the incident follows (none: opened before the library, the first
    /// runbook's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runbook: Option<String>,
}

/// What the person opening the incident supplies.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIncident {
    pub id: String,
    pub severity: Severity,
    pub commander: String,
    pub impact: String,
    pub context: IncidentContext,
    /// From the alert link; `None` means "now".
    pub started_at: Option<DateTime<Utc>>,
}

/// The incident commander as typed, if it names someone (not blank, not a bare "@").
pub fn check_commander(typed: &str) -> Result<(), Bilingual> {
    if typed.trim_matches(|c: char| c == '@' || c.is_whitespace()).is_empty() {
        return Err(ui_text::COMMANDER_REQUIRED.into());
    }
    Ok(())
}

/// The start form's rules: a commander is required, and a namespace, when one is typed, must be
/// a DNS-1123 label. Returns the namespace to record (`None` when left empty), or every problem.
pub fn check_new_incident(commander: &str, namespace: &str) -> Result<Option<String>, Vec<Bilingual>> {
    let mut problems = Vec::new();
    if let Err(why) = check_commander(commander) {
        problems.push(why);
    }
    let ns = namespace.trim();
    if !ns.is_empty() {
        if let Err(why) = validate::dns1123_label(ns) {
            let label = Bilingual::from(ui_text::NAMESPACE_LABEL_IN_ERROR);
            let quoted = Bilingual::new(format!("\"{ns}\" {}", why.en), format!("\"{ns}\" {}", why.zh));
            problems.push(Bilingual::labelled(&label, &quoted));
        }
    }
    if problems.is_empty() {
        Ok((!ns.is_empty()).then(|| ns.to_string()))
    } else {
        Err(problems)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub commander: String,
    pub impact: String,
    pub context: IncidentContext,
    pub started_at: DateTime<Utc>,
    pub start_source: StartSource,
    severity: Severity,
    status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolved_at: Option<DateTime<Utc>>,
    path: Path,
    timeline: Timeline,
}

impl Incident {
    /// Opens an incident. A start time later than `now` is not believed: `now` is used instead.
    pub fn start(new: NewIncident, now: DateTime<Utc>) -> Incident {
        let (started_at, start_source) = match new.started_at {
            Some(t) if t <= now => (t, StartSource::Alert),
            _ => (now, StartSource::Opened),
        };
        let sev = new.severity.as_str();
        let mut text = Bilingual::new(format!("Incident started: {sev}"), format!("事件开始:{sev}"));
        if let Some(alert) = &new.context.alert_name {
            text = match start_source {
                StartSource::Alert => Bilingual::new(
                    format!("{}, from alert {alert} (start time from the alert)", text.en),
                    format!("{},来自告警 {alert}(开始时间取自告警)", text.zh),
                ),
                StartSource::Opened => Bilingual::new(
                    format!("{}, from alert {alert} (the alert gave no usable start time; using when this incident was opened)", text.en),
                    format!("{},来自告警 {alert}(告警未提供可用的开始时间;以打开本事件的时间为准)", text.zh),
                ),
            };
        }
        let mut timeline = Timeline::default();
        timeline.push(started_at, EntryKind::Started, EntryText::App(text));
        Incident {
            id: new.id,
            commander: handle(&new.commander).to_string(),
            impact: new.impact,
            context: new.context,
            started_at,
            start_source,
            severity: new.severity,
            status: Status::Investigating,
            resolved_at: None,
            path: Path::default(),
            timeline,
        }
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.resolved_at
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Records a wizard answer (with the evidence shown at the time, if any). Answering an
    /// earlier question again replaces the later answers, and says so.
    pub fn record_answer(
        &mut self,
        tree: &Tree,
        node_id: &str,
        answer: usize,
        source: AnswerSource,
        evidence: Option<&Bilingual>,
        now: DateTime<Utc>,
    ) -> Result<(), Bilingual> {
        let changed =
            walk(tree, &self.path).is_some_and(|w| self.path.steps[..w.followed].iter().any(|s| s.node == node_id));
        self.path.choose(tree, node_id, answer, source)?;
        let Some(node) = tree.node(node_id) else { return Ok(()) };
        let label = |i: usize| node.answers().get(i).map(|a| a.label.bilingual());
        let Some(chosen) = label(answer) else { return Ok(()) };
        let q = node.text();
        let (lead_en, lead_zh) = if changed {
            ("Changed answer: ", "修改答案:")
        } else {
            ("", "")
        };
        let mut en = format!("{lead_en}{} → {}", q.en, chosen.en);
        let mut zh = format!("{lead_zh}{} → {}", q.zh, chosen.zh);
        let kind = match source {
            AnswerSource::Overridden { suggested } => {
                if let Some(s) = label(suggested) {
                    en.push_str(&format!(" (live evidence suggested {})", s.en));
                    zh.push_str(&format!("(实时证据建议为 {})", s.zh));
                }
                EntryKind::Override
            }
            AnswerSource::Confirmed => {
                en.push_str(" (as live evidence suggested)");
                zh.push_str("(与实时证据建议一致)");
                EntryKind::Answer
            }
            AnswerSource::Manual => EntryKind::Answer,
        };
        if let Some(ev) = evidence {
            en.push_str(&format!("; evidence: {}", ev.en));
            zh.push_str(&format!(";证据:{}", ev.zh));
        }
        self.timeline.push(now, kind, EntryText::App(Bilingual::new(en, zh)));
        Ok(())
    }

    /// Steps the wizard back one answer (navigation only; the next answer is recorded).
    pub fn back(&mut self) {
        self.path.back();
    }

    pub fn restart_wizard(&mut self) {
        self.path.restart();
    }

    pub fn set_severity(&mut self, severity: Severity, reason: Option<&Bilingual>, now: DateTime<Utc>) {
        if severity == self.severity {
            return;
        }
        let (from, to) = (self.severity.as_str(), severity.as_str());
        let mut text = Bilingual::new(format!("Severity {from} → {to}"), format!("严重级别 {from} → {to}"));
        if let Some(r) = reason {
            text = Bilingual::new(format!("{}: {}", text.en, r.en), format!("{}:{}", text.zh, r.zh));
        }
        self.severity = severity;
        self.timeline
            .push(now, EntryKind::SeverityChanged, EntryText::App(text));
    }

    /// Changes the status. Resolving stamps `resolved_at`; any other status clears it.
    pub fn set_status(&mut self, status: Status, now: DateTime<Utc>) {
        if status == self.status {
            return;
        }
        let (from, to) = (self.status.label(), status.label());
        self.status = status;
        self.resolved_at = (status == Status::Resolved).then_some(now);
        let text = Bilingual::new(
            format!("Status {} → {}", from.en, to.en),
            format!("状态 {} → {}", from.zh, to.zh),
        );
        self.timeline.push(now, EntryKind::StatusChanged, EntryText::App(text));
    }

    pub fn set_commander(&mut self, commander: &str, now: DateTime<Utc>) {
        let commander = handle(commander);
        if commander == self.commander {
            return;
        }
        let text = Bilingual::new(
            format!("Incident commander: @{commander}"),
            format!("事件负责人:@{commander}"),
        );
        self.commander = commander.to_string();
        self.timeline
            .push(now, EntryKind::CommanderChanged, EntryText::App(text));
    }

    /// Adds a note at `at` (default `now`); notes cannot be dated in the future.
    pub fn add_note(&mut self, text: &str, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<u32, Bilingual> {
        let text = checked_note(text)?;
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Bilingual::new(
                "A note cannot be dated in the future; pick a time up to now.",
                "备注时间不能晚于现在;请选择不晚于当前的时间。",
            ));
        }
        Ok(self.timeline.push(at, EntryKind::Note, EntryText::Written(text)))
    }

    pub fn edit_note(&mut self, id: u32, text: &str, now: DateTime<Utc>) -> Result<(), Bilingual> {
        self.timeline.edit_note(id, text, now)
    }

    /// e.g. "Copied command: Verify API key is set".
    pub fn record_command_copied(&mut self, what: &Bilingual, now: DateTime<Utc>) {
        self.record(EntryKind::CommandCopied, ("Copied command", "已复制命令"), what, now);
    }

    /// e.g. "Sent update: Internal (Slack)". Restarts the communication cadence.
    pub fn record_message_sent(&mut self, what: &Bilingual, now: DateTime<Utc>) {
        self.record(EntryKind::MessageSent, ("Sent update", "已发送通报"), what, now);
    }

    pub fn record_download(&mut self, what: &Bilingual, now: DateTime<Utc>) {
        self.record(EntryKind::Download, ("Downloaded", "已下载"), what, now);
    }

    fn record(&mut self, kind: EntryKind, lead: (&str, &str), what: &Bilingual, now: DateTime<Utc>) {
        let text = Bilingual::new(format!("{}: {}", lead.0, what.en), format!("{}:{}", lead.1, what.zh));
        self.timeline.push(now, kind, EntryText::App(text));
    }

    /// Moves a resolved incident back to Investigating.
    pub(crate) fn reopen(&mut self, now: DateTime<Utc>) {
        self.status = Status::Investigating;
        self.resolved_at = None;
        let text = Bilingual::new("Reopened: status → Investigating", "重新打开:状态 → 排查中");
        self.timeline.push(now, EntryKind::Reopened, EntryText::App(text));
    }
}

/// Every time an incident holds, bounded by [`validate::time_in_range`]; each problem names its
/// field. Imports and stored incidents both go through this, so no timer or message sees a time
/// its arithmetic cannot handle.
pub fn check_times(incident: &Incident, now: DateTime<Utc>) -> Vec<Bilingual> {
    let field = |name: &str, t: DateTime<Utc>| {
        validate::time_in_range(t, now)
            .err()
            .map(|why| Bilingual::new(format!("\"{name}\" {}", why.en), format!("\"{name}\" {}", why.zh)))
    };
    let mut problems: Vec<Bilingual> = [
        field("started_at", incident.started_at),
        incident.resolved_at.and_then(|t| field("resolved_at", t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut bad_entries = incident.timeline.entries().iter().enumerate().flat_map(|(n, e)| {
        [
            field(&format!("timeline[{n}].at"), e.at),
            e.edited_at.and_then(|t| field(&format!("timeline[{n}].edited_at"), t)),
        ]
        .into_iter()
        .flatten()
    });
    if let Some(first) = bad_entries.next() {
        let more = bad_entries.count();
        problems.push(if more == 0 {
            first
        } else {
            Bilingual::new(
                format!("{} (and {more} more timeline times out of range)", first.en),
                format!("{}(另有 {more} 个时间线时间超出范围)", first.zh),
            )
        });
    }
    problems
}

/// A commander as a bare handle: the Slack template adds the '@'.
fn handle(commander: &str) -> &str {
    commander.trim().trim_start_matches('@').trim()
}

#[cfg(test)]
mod tests;
