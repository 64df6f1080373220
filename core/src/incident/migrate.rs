//! The first saved format (version 1) and its conversion to the current one. Version 1 kept
//! severity and status as free strings, the alert context flat on the incident, wizard answers
//! without how they were chosen, and a timeline of plain `{at, text}` lines without kinds.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::{EntryKind, EntryText, Incident, IncidentContext, StartSource, Status, Timeline, TimelineEntry};
use crate::i18n::Bilingual;
use crate::severity::Severity;
use crate::tree::{AnswerSource, Path, Step};

#[derive(Deserialize)]
struct V1Incident {
    id: String,
    severity: String,
    #[serde(default)]
    commander: String,
    #[serde(default)]
    impact: String,
    status: String,
    started_at: DateTime<Utc>,
    #[serde(default)]
    resolved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    namespace: Option<String>,
    #[serde(default)]
    alert: Option<String>,
    #[serde(default)]
    answers: Vec<V1Answer>,
    #[serde(default)]
    timeline: Vec<V1Line>,
}

#[derive(Deserialize)]
struct V1Answer {
    node: String,
    answer: usize,
}

#[derive(Deserialize)]
struct V1Line {
    at: DateTime<Utc>,
    text: String,
}

/// Converts one v1 incident. Values v1 allowed but v2 cannot hold are replaced, and each
/// replacement is written into the incident's timeline so nothing disappears unexplained.
fn incident_from_v1(old: V1Incident) -> Incident {
    let mut notes = Vec::new();
    let severity = Severity::parse(&old.severity).unwrap_or_else(|| {
        notes.push(Bilingual::new(
            format!(
                "Converted from the old format: severity \"{}\" was not recognised and was set to P2; check it.",
                old.severity
            ),
            format!("由旧格式转换:无法识别严重级别 \"{}\",已设为 P2;请核对。", old.severity),
        ));
        Severity::P2
    });
    let status = Status::parse(&old.status).unwrap_or_else(|| {
        let guess = if old.resolved_at.is_some() {
            Status::Resolved
        } else {
            Status::Investigating
        };
        notes.push(Bilingual::new(
            format!(
                "Converted from the old format: status \"{}\" was not recognised and was set to {}.",
                old.status,
                guess.label().en
            ),
            format!(
                "由旧格式转换:无法识别状态 \"{}\",已设为{}。",
                old.status,
                guess.label().zh
            ),
        ));
        guess
    });
    let resolved_at = match status {
        Status::Resolved => Some(old.resolved_at.unwrap_or(old.started_at)),
        _ => None,
    };
    let mut entries: Vec<TimelineEntry> = old
        .timeline
        .into_iter()
        .map(|l| TimelineEntry {
            id: 0,
            at: l.at,
            kind: EntryKind::Note,
            text: EntryText::Written(l.text),
            edited_at: None,
        })
        .collect();
    entries.extend(notes.into_iter().map(|n| TimelineEntry {
        id: 0,
        at: old.started_at,
        kind: EntryKind::Note,
        text: EntryText::App(n),
        edited_at: None,
    }));
    for (i, e) in entries.iter_mut().enumerate() {
        e.id = i as u32 + 1;
    }
    Incident {
        id: old.id,
        commander: old.commander,
        impact: old.impact,
        context: IncidentContext {
            namespace: old.namespace,
            alert_name: old.alert,
            runbook: None,
        },
        started_at: old.started_at,
        start_source: StartSource::Opened,
        severity,
        status,
        resolved_at,
        path: Path {
            steps: old
                .answers
                .into_iter()
                .map(|a| Step {
                    node: a.node,
                    answer: a.answer,
                    source: AnswerSource::Manual,
                })
                .collect(),
        },
        timeline: Timeline::from(entries),
    }
}

pub(super) fn v1_incident(value: Value) -> Result<Incident, serde_json::Error> {
    serde_json::from_value::<V1Incident>(value).map(incident_from_v1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    fn v1(severity: &str, status: &str) -> Value {
        json!({
            "id": "inc-7", "severity": severity, "commander": "alice", "impact": "sends delayed",
            "status": status, "started_at": "2026-03-06T10:00:00Z",
            "namespace": "prod", "alert": "AcmeErrorRateHigh",
            "answers": [{"node": "api_errors", "answer": 0}],
            "timeline": [{"at": "2026-03-06T10:05:00Z", "text": "paged vendor"}, {"at": "2026-03-06T10:01:00Z", "text": "opened"}]
        })
    }

    #[test]
    fn converts_every_field() {
        let inc = v1_incident(v1("p1", "Identified")).unwrap();
        assert_eq!((inc.severity(), inc.status()), (Severity::P1, Status::Identified));
        assert_eq!(inc.context.namespace.as_deref(), Some("prod"));
        assert_eq!(inc.context.alert_name.as_deref(), Some("AcmeErrorRateHigh"));
        assert_eq!(
            inc.path().steps,
            vec![Step {
                node: "api_errors".into(),
                answer: 0,
                source: AnswerSource::Manual
            }]
        );
        let texts: Vec<&str> = inc.timeline().entries().iter().map(|e| e.text.get(Lang::En)).collect();
        assert_eq!(texts, ["opened", "paged vendor"], "sorted by time");
        assert!(inc.timeline().entries().iter().all(|e| e.kind == EntryKind::Note));
        assert_eq!(inc.resolved_at(), None);
    }

    #[test]
    fn unknown_severity_and_status_are_replaced_and_noted() {
        let inc = v1_incident(v1("sev-1", "on fire")).unwrap();
        assert_eq!((inc.severity(), inc.status()), (Severity::P2, Status::Investigating));
        let notes: Vec<&str> = inc.timeline().entries().iter().map(|e| e.text.get(Lang::En)).collect();
        assert!(notes.iter().any(|n| n.contains("\"sev-1\"")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("\"on fire\"")), "{notes:?}");
    }

    #[test]
    fn resolved_v1_keeps_its_resolution_time() {
        let mut v = v1("P3", "resolved");
        v["resolved_at"] = json!("2026-03-06T12:00:00Z");
        let inc = v1_incident(v).unwrap();
        assert_eq!(inc.status(), Status::Resolved);
        assert_eq!(inc.resolved_at().unwrap().to_rfc3339(), "2026-03-06T12:00:00+00:00");
    }

    #[test]
    fn missing_required_fields_fail() {
        let mut v = v1("P3", "resolved");
        v.as_object_mut().unwrap().remove("started_at");
        assert!(v1_incident(v).is_err());
    }
}
