//! The message view model filled from the incident session: what the incident knows, plus what
//! only the person writing knows (current action, summary). Without an incident, the runbook's
//! placeholders stay in place.

use chrono::{DateTime, Duration, DurationRound, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::{render, MessageContext, MessageKind, MessageTemplates, LANGUAGE_SEPARATOR};
use crate::config::CommsCadence;
use crate::i18n::{Bilingual, Lang, LangMode};
use crate::incident::{after_minutes, cadence_minutes, displayable, EntryKind, Incident, Status};
use crate::severity::Severity;
use crate::tree::{walk, ErrorType, Path, Tree};

/// What the writer adds to the incident's facts; blank fields keep the template's placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub current_action: String,
    pub summary: String,
}

/// Everything besides the incident that goes into a message.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageInputs {
    /// Every time in a message is shown in this offset, with the offset written out.
    pub offset: FixedOffset,
    pub now: DateTime<Utc>,
    pub cadence: CommsCadence,
    /// From the wizard's outcome; see [`error_type_of`].
    pub error_type: Option<Bilingual>,
    pub draft: Draft,
}

/// A runbook's side of its messages: the vendor's name (manifest) and the templates
/// (`messages.json`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunbookMessages<'a> {
    pub vendor: &'a Bilingual,
    pub templates: &'a MessageTemplates,
}

/// The error type the wizard's answers led to, once they reach an outcome that has one.
pub fn error_type_of(tree: &Tree, path: &Path) -> Option<ErrorType> {
    walk(tree, path)?.node.error_type()
}

/// The update going out now restarts the cadence, so it promises `now + cadence`, rounded up
/// to the minute the message shows.
fn next_update(now: DateTime<Utc>, cadence: u32) -> DateTime<Utc> {
    let due = after_minutes(now, cadence);
    let minute = Duration::minutes(1);
    match due.duration_trunc(minute) {
        Ok(floor) if floor < due => floor.checked_add_signed(minute).unwrap_or(due),
        Ok(floor) => floor,
        Err(_) => due,
    }
}

fn non_blank(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// The incident as the templates see it, with app-written timeline entries in `lang`.
/// Downloads are left out of the timeline: they are bookkeeping, not events of the incident.
pub fn context_from_incident(
    incident: &Incident,
    inputs: &MessageInputs,
    vendor: &Bilingual,
    lang: Lang,
) -> MessageContext {
    let local = |t: DateTime<Utc>| displayable(t).with_timezone(&inputs.offset);
    let status = incident.status();
    let resolved = status == Status::Resolved;
    let cadence = cadence_minutes(&inputs.cadence, incident.severity());
    let timeline = incident
        .timeline()
        .entries()
        .iter()
        .filter(|e| e.kind != EntryKind::Download)
        .map(|e| (local(e.at), e.text.get(lang).to_string()))
        .collect();
    MessageContext {
        vendor: vendor.clone(),
        severity: incident.severity(),
        status: status.label().into(),
        status_slack: status.slack_label().en.to_string(),
        impact: non_blank(&incident.impact),
        current_action: non_blank(&inputs.draft.current_action),
        next_update: (!resolved).then(|| local(next_update(inputs.now, cadence))),
        commander: non_blank(&incident.commander),
        started_at: local(incident.started_at),
        ended_at: incident.resolved_at().map(local),
        now: local(inputs.now),
        error_type: inputs.error_type.clone(),
        summary: non_blank(&inputs.draft.summary),
        timeline,
        last_updated: local(inputs.now),
    }
}

/// No incident yet: the runbook's template (a P1 under investigation) with its placeholders,
/// plus whatever the writer typed.
pub fn placeholder_context(inputs: &MessageInputs, vendor: &Bilingual) -> MessageContext {
    let now = displayable(inputs.now).with_timezone(&inputs.offset);
    MessageContext {
        vendor: vendor.clone(),
        severity: Severity::P1,
        status: Status::Investigating.label().into(),
        status_slack: Status::Investigating.slack_label().en.to_string(),
        impact: None,
        current_action: non_blank(&inputs.draft.current_action),
        next_update: None,
        commander: None,
        started_at: now,
        ended_at: None,
        now,
        error_type: inputs.error_type.clone(),
        summary: non_blank(&inputs.draft.summary),
        timeline: Vec::new(),
        last_updated: now,
    }
}

fn single(lang: Lang) -> LangMode {
    match lang {
        Lang::En => LangMode::En,
        Lang::Zh => LangMode::Zh,
    }
}

/// The message ready to copy from the runbook's templates, each language with its own timeline
/// wording; the templates' placeholders when there is no incident.
pub fn render_message_for(
    kind: MessageKind,
    runbook: RunbookMessages<'_>,
    incident: Option<&Incident>,
    inputs: &MessageInputs,
    mode: LangMode,
) -> String {
    mode.langs()
        .iter()
        .map(|&lang| {
            let ctx = match incident {
                Some(i) => context_from_incident(i, inputs, runbook.vendor, lang),
                None => placeholder_context(inputs, runbook.vendor),
            };
            render(kind, runbook.templates, &ctx, single(lang))
        })
        .collect::<Vec<_>>()
        .join(LANGUAGE_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::incident::{IncidentContext, NewIncident};
    use crate::messages::test_templates::{test_templates, test_vendor};
    use crate::tree::{test_tree, AnswerSource};

    /// The message of the synthetic runbook.
    fn render_message(
        kind: MessageKind,
        incident: Option<&Incident>,
        inputs: &MessageInputs,
        mode: LangMode,
    ) -> String {
        let (vendor, templates) = (test_vendor(), test_templates());
        render_message_for(
            kind,
            RunbookMessages {
                vendor: &vendor,
                templates: &templates,
            },
            incident,
            inputs,
            mode,
        )
    }

    fn context_from_incident(incident: &Incident, inputs: &MessageInputs, lang: Lang) -> MessageContext {
        super::context_from_incident(incident, inputs, &test_vendor(), lang)
    }

    fn t(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap() + Duration::minutes(min)
    }

    fn plus8() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn inputs(now: DateTime<Utc>) -> MessageInputs {
        MessageInputs {
            offset: plus8(),
            now,
            cadence: CommsCadence {
                p1: 20,
                p2: 60,
                p3: 240,
                p4: 1440,
            },
            error_type: Some(test_templates().error_type_label(ErrorType::Auth).clone()),
            draft: Draft::default(),
        }
    }

    fn incident() -> Incident {
        let mut i = Incident::start(
            NewIncident {
                id: "inc-7".into(),
                severity: Severity::P2,
                commander: "@alice".into(),
                impact: "Campaign sends delayed".into(),
                context: IncidentContext::default(),
                started_at: Some(t(-30)),
            },
            t(0),
        );
        i.add_note("Key rotated by vendor?", None, t(5)).unwrap();
        i.record_download(&Bilingual::new("bundle.json", "bundle.json"), t(6));
        i
    }

    #[test]
    fn facts_come_from_the_incident_in_the_readers_offset() {
        let now = t(10) + Duration::seconds(20);
        let ctx = context_from_incident(&incident(), &inputs(now), Lang::En);
        assert_eq!(ctx.severity, Severity::P2);
        assert_eq!(
            (ctx.status.en.as_str(), ctx.status_slack.as_str()),
            ("Investigating", "INVESTIGATING")
        );
        assert_eq!(ctx.commander.as_deref(), Some("alice"));
        assert_eq!(ctx.impact.as_deref(), Some("Campaign sends delayed"));
        assert_eq!(ctx.started_at.to_rfc3339(), "2026-03-06T17:30:00+08:00");
        assert_eq!(ctx.ended_at, None);
        assert_eq!((ctx.current_action.clone(), ctx.summary.clone()), (None, None));
        let texts: Vec<&str> = ctx.timeline.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["Incident started: P2", "Key rotated by vendor?"]);
        assert_eq!(ctx.timeline[1].0.to_rfc3339(), "2026-03-06T18:05:00+08:00");
    }

    #[test]
    fn next_update_is_one_cadence_from_now_rounded_up_to_the_minute() {
        let ctx = context_from_incident(&incident(), &inputs(t(10) + Duration::seconds(20)), Lang::En);
        assert_eq!(ctx.next_update.unwrap().to_rfc3339(), "2026-03-06T19:11:00+08:00");
        let exact = context_from_incident(&incident(), &inputs(t(10)), Lang::En);
        assert_eq!(exact.next_update.unwrap().to_rfc3339(), "2026-03-06T19:10:00+08:00");
        let mut p1 = incident();
        p1.set_severity(Severity::P1, None, t(8));
        let ctx = context_from_incident(&p1, &inputs(t(10)), Lang::En);
        assert_eq!(ctx.next_update.unwrap().to_rfc3339(), "2026-03-06T18:30:00+08:00");
    }

    #[test]
    fn a_resolved_incident_has_an_end_and_no_next_update() {
        let mut i = incident();
        i.set_status(Status::Resolved, t(40));
        let ctx = context_from_incident(&i, &inputs(t(50)), Lang::En);
        assert_eq!(ctx.ended_at.unwrap().to_rfc3339(), "2026-03-06T18:40:00+08:00");
        assert_eq!(ctx.next_update, None);
        assert_eq!(ctx.status_slack, "RESOLVED");
        let postmortem = render_message(MessageKind::Postmortem, Some(&i), &inputs(t(50)), LangMode::En);
        assert!(postmortem.contains("**Duration:** 1 hour 10 minutes\n"), "{postmortem}");
    }

    #[test]
    fn the_draft_fills_action_and_summary_and_blank_keeps_placeholders() {
        let mut with_draft = inputs(t(10));
        with_draft.draft = Draft {
            current_action: "Rotating the API key".into(),
            summary: "Expired key broke sends.".into(),
        };
        let slack = render_message(MessageKind::SlackUpdate, Some(&incident()), &with_draft, LangMode::En);
        assert!(slack.contains("Current action: Rotating the API key\n"), "{slack}");
        assert!(slack.contains("Next update: 19:10 UTC+08:00\n"), "{slack}");
        assert!(slack.ends_with("Incident commander: @alice"), "{slack}");
        let pm = render_message(MessageKind::Postmortem, Some(&incident()), &with_draft, LangMode::En);
        assert!(pm.starts_with("## Incident: Acme 401/403 - Authentication\n"), "{pm}");
        assert!(pm.contains("### Summary\nExpired key broke sends.\n"), "{pm}");
        let mut blank = inputs(t(10));
        blank.draft.current_action = "  \n".into();
        let slack = render_message(MessageKind::SlackUpdate, Some(&incident()), &blank, LangMode::En);
        assert!(slack.contains("Current action: [What you're doing]"), "{slack}");
    }

    #[test]
    fn both_languages_each_get_their_own_timeline_wording() {
        let pm = render_message(
            MessageKind::Postmortem,
            Some(&incident()),
            &inputs(t(10)),
            LangMode::Both,
        );
        let (en, zh) = pm.split_once(LANGUAGE_SEPARATOR).unwrap();
        assert!(en.contains("- 17:30 - Incident started: P2\n"), "{en}");
        assert!(zh.contains("- 17:30 - 事件开始:P2\n"), "{zh}");
        assert!(zh.starts_with("## 事件:艾克米 401/403 - 认证错误\n"), "{zh}");
        assert!(!pm.contains("bundle.json"), "downloads are not incident events");
    }

    #[test]
    fn without_an_incident_the_templates_keep_their_placeholders() {
        let mut no_type = inputs(t(0));
        no_type.error_type = None;
        let slack = render_message(MessageKind::SlackUpdate, None, &no_type, LangMode::En);
        assert_eq!(
            slack,
            "🔴 P1 INCIDENT: Acme Integration\nStatus: INVESTIGATING\nImpact: [Describe user impact]\n\
             Current action: [What you're doing]\nNext update: [Time]\nIncident commander: @[name]"
        );
        let status = render_message(MessageKind::StatusPage, None, &no_type, LangMode::Zh);
        assert!(status.contains("部分用户可能遇到[具体影响]。"), "{status}");
        assert!(status.ends_with("最后更新:2026-03-06 18:00 UTC+08:00"), "{status}");
        let pm = render_message(MessageKind::Postmortem, None, &no_type, LangMode::En);
        assert!(pm.starts_with("## Incident: Acme [Error Type]\n"), "{pm}");
        assert!(pm.contains("- HH:MM - [Event]\n- HH:MM - [Event]"), "{pm}");
    }

    #[test]
    fn error_type_follows_the_wizard_to_an_outcome() {
        let tree = test_tree();
        let mut path = Path::default();
        assert_eq!(error_type_of(&tree, &path), None);
        path.choose(&tree, "api_errors", 0, AnswerSource::Manual).unwrap();
        path.choose(&tree, "vendor_incident", 1, AnswerSource::Manual).unwrap();
        assert_eq!(error_type_of(&tree, &path), None, "still a question");
        for (answer, expected) in [
            (0, ErrorType::Auth),
            (1, ErrorType::RateLimited),
            (2, ErrorType::Vendor),
            (3, ErrorType::Other),
        ] {
            path.choose(&tree, "error_type", answer, AnswerSource::Manual).unwrap();
            assert_eq!(error_type_of(&tree, &path), Some(expected));
        }
    }

    /// The error-type labels are the outcomes' headlines (core/tests checks the shipped runbooks).
    #[test]
    fn labels_match_the_headings_in_the_tree() {
        let tree = test_tree();
        for node in &tree.nodes {
            match node.error_type() {
                Some(ErrorType::Other) | None => {}
                Some(kind) => {
                    assert_eq!(&node.text().bilingual(), test_templates().error_type_label(kind));
                }
            }
        }
    }

    #[test]
    fn slack_never_mentions_the_whole_channel() {
        for commander in ["here", "@channel", "EVERYONE", "<!here>", "@@Channel", "alice @here"] {
            let mut i = incident();
            i.set_commander(commander, t(7));
            i.impact = "down for @channel <!everyone>".into();
            let slack = render_message(MessageKind::SlackUpdate, Some(&i), &inputs(t(10)), LangMode::Both);
            let lower = slack.to_lowercase();
            for mass in ["@here", "@channel", "@everyone", "<!"] {
                assert!(!lower.contains(mass), "{commander}: {slack}");
            }
            assert!(
                slack.contains("nobody was mentioned") && slack.contains("未提及任何人"),
                "{slack}"
            );
            assert!(slack.contains("Impact: down for channel <everyone>"), "{slack}");
        }
        let slack = render_message(
            MessageKind::SlackUpdate,
            Some(&incident()),
            &inputs(t(10)),
            LangMode::En,
        );
        assert!(slack.ends_with("Incident commander: @alice"), "{slack}");
    }

    #[test]
    fn written_text_cannot_forge_a_line_or_reorder_one() {
        let mut i = incident();
        i.impact = "line1\r\nStatus: RESOLVED \u{202E}\u{2066}x\u{200F}".into();
        i.add_note("line1\r\nStatus: RESOLVED\u{202E}", None, t(8)).unwrap();
        for kind in MessageKind::ALL {
            let text = render_message(kind, Some(&i), &inputs(t(10)), LangMode::Both);
            assert!(!text.lines().any(|l| l.starts_with("Status: RESOLVED")), "{text}");
            assert!(!text.contains(['\r', '\u{202E}', '\u{2066}', '\u{200F}']), "{text}");
        }
    }

    #[test]
    fn messages_at_the_calendar_bounds_do_not_overflow() {
        for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let mut inputs = inputs(now);
            inputs.offset = FixedOffset::east_opt(86_399).unwrap();
            inputs.cadence.p2 = u32::MAX;
            for kind in MessageKind::ALL {
                render_message(kind, Some(&incident()), &inputs, LangMode::Both);
                render_message(kind, None, &inputs, LangMode::Both);
            }
        }
    }
}
