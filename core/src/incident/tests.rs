use chrono::{Duration, TimeZone};

use super::*;
use crate::i18n::Lang;

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap() + Duration::minutes(min)
}

fn new(started_at: Option<DateTime<Utc>>, alert: Option<&str>) -> NewIncident {
    NewIncident {
        id: "inc-1".into(),
        severity: Severity::P2,
        commander: " alice ".into(),
        impact: "Campaign sends delayed".into(),
        context: IncidentContext {
            namespace: Some("prod".into()),
            alert_name: alert.map(str::to_string),
            runbook: None,
        },
        started_at,
    }
}

fn texts(i: &Incident) -> Vec<(EntryKind, String)> {
    i.timeline()
        .entries()
        .iter()
        .map(|e| (e.kind, e.text.get(Lang::En).to_string()))
        .collect()
}

#[test]
fn start_uses_the_alert_time_when_believable() {
    let i = Incident::start(new(Some(t(-30)), Some("AcmeErrorRateHigh")), t(0));
    assert_eq!((i.started_at, i.start_source), (t(-30), StartSource::Alert));
    assert_eq!(
        (i.status(), i.severity(), i.commander.as_str()),
        (Status::Investigating, Severity::P2, "alice")
    );
    assert_eq!(
        texts(&i),
        [(
            EntryKind::Started,
            "Incident started: P2, from alert AcmeErrorRateHigh (start time from the alert)".into()
        )]
    );
    assert_eq!(i.timeline().entries()[0].at, t(-30));
}

#[test]
fn start_without_or_with_a_future_alert_time_uses_now_and_says_so() {
    for given in [None, Some(t(5))] {
        let i = Incident::start(new(given, Some("AcmeAuthErrors")), t(0));
        assert_eq!((i.started_at, i.start_source), (t(0), StartSource::Opened));
        assert!(texts(&i)[0].1.contains("no usable start time"));
    }
    let plain = Incident::start(new(None, None), t(0));
    assert_eq!(texts(&plain)[0].1, "Incident started: P2");
}

#[test]
fn answers_overrides_and_changes_are_recorded() {
    let tree = crate::tree::test_tree();
    let mut i = Incident::start(new(None, None), t(0));
    let ev = Bilingual::new(
        "0.72 errors/s over 5 min, threshold 0.1/s",
        "近5分钟 0.72 次错误/秒,阈值 0.1 次/秒",
    );
    i.record_answer(&tree, "api_errors", 0, AnswerSource::Confirmed, Some(&ev), t(1))
        .unwrap();
    i.record_answer(
        &tree,
        "vendor_incident",
        1,
        AnswerSource::Overridden { suggested: 0 },
        None,
        t(2),
    )
    .unwrap();
    i.record_answer(&tree, "api_errors", 1, AnswerSource::Manual, None, t(3))
        .unwrap();
    assert!(i
        .record_answer(&tree, "error_type", 0, AnswerSource::Manual, None, t(4))
        .is_err());
    let got = texts(&i);
    assert_eq!(
        got[1],
        (
            EntryKind::Answer,
            "Vendor API returning errors? → YES (as live evidence suggested); evidence: 0.72 errors/s over 5 min, threshold 0.1/s".into()
        )
    );
    assert_eq!(
        got[2],
        (
            EntryKind::Override,
            "Is the status page showing an incident? → NO (live evidence suggested YES)".into()
        )
    );
    assert_eq!(
        got[3],
        (
            EntryKind::Answer,
            "Changed answer: Vendor API returning errors? → NO".into()
        )
    );
    assert_eq!(got.len(), 4, "the refused answer is not recorded");
    assert_eq!(i.path().steps.len(), 1);
    let zh = i.timeline().entries()[2].text.get(Lang::Zh).to_string();
    assert_eq!(zh, "状态页是否显示有事件? → 否(实时证据建议为 是)");
}

#[test]
fn back_and_restart_move_the_wizard_only() {
    let tree = crate::tree::test_tree();
    let mut i = Incident::start(new(None, None), t(0));
    i.record_answer(&tree, "api_errors", 0, AnswerSource::Manual, None, t(1))
        .unwrap();
    i.record_answer(&tree, "vendor_incident", 0, AnswerSource::Manual, None, t(2))
        .unwrap();
    i.back();
    assert_eq!(i.path().steps.len(), 1);
    i.restart_wizard();
    assert!(i.path().steps.is_empty());
    assert_eq!(i.timeline().entries().len(), 3);
}

#[test]
fn severity_status_and_commander_changes_are_recorded_once() {
    let mut i = Incident::start(new(None, None), t(0));
    let why = Bilingual::new("customers report no sends", "客户反馈无法发送");
    i.set_severity(Severity::P1, Some(&why), t(1));
    i.set_severity(Severity::P1, None, t(2));
    i.set_status(Status::Identified, t(3));
    i.set_status(Status::Identified, t(4));
    i.set_commander("bob", t(5));
    i.set_commander(" @bob ", t(6));
    assert_eq!(
        texts(&i)[1..],
        [
            (
                EntryKind::SeverityChanged,
                "Severity P2 → P1: customers report no sends".into()
            ),
            (EntryKind::StatusChanged, "Status Investigating → Identified".into()),
            (EntryKind::CommanderChanged, "Incident commander: @bob".into()),
        ]
    );
    assert_eq!(i.timeline().entries()[2].text.get(Lang::Zh), "状态 排查中 → 已定位");
}

#[test]
fn resolving_stamps_time_and_elapsed_stops() {
    let mut i = Incident::start(new(Some(t(-10)), Some("AcmeErrorRateHigh")), t(0));
    assert_eq!(i.elapsed(t(20)), Duration::minutes(30));
    i.set_status(Status::Resolved, t(50));
    assert_eq!(i.resolved_at(), Some(t(50)));
    assert_eq!(i.elapsed(t(500)), Duration::minutes(60));
    i.set_status(Status::Monitoring, t(60));
    assert_eq!(i.resolved_at(), None);
    assert_eq!(i.elapsed(t(-20)), Duration::zero(), "clock behind the start");
}

#[test]
fn notes_keep_their_time_and_cannot_be_future_or_empty() {
    let mut i = Incident::start(new(None, None), t(0));
    let late = i.add_note("restarted pods", None, t(10)).unwrap();
    let early = i.add_note("saw first 401 at 10:05", Some(t(5)), t(11)).unwrap();
    assert!(i.add_note("later", Some(t(12)), t(11)).is_err());
    assert!(i.add_note("  ", None, t(11)).is_err());
    let order: Vec<u32> = i.timeline().entries().iter().skip(1).map(|e| e.id).collect();
    assert_eq!(order, [early, late]);
    i.edit_note(late, "restarted 3 pods", t(20)).unwrap();
    assert_eq!(i.timeline().entries()[2].text.get(Lang::En), "restarted 3 pods");
}

#[test]
fn next_update_is_due_after_the_last_message_or_the_start() {
    let mut i = Incident::start(new(Some(t(-5)), Some("AcmeErrorRateHigh")), t(0));
    assert_eq!(i.next_update_due(20), t(15));
    let slack = Bilingual::new("Internal (Slack)", "内部(Slack)");
    i.record_message_sent(&slack, t(12));
    i.record_command_copied(&Bilingual::new("Verify API key is set", "验证API密钥是否配置"), t(13));
    i.record_download(&Bilingual::new("incident-logs.txt", "incident-logs.txt"), t(14));
    assert_eq!(i.next_update_due(20), t(32));
    assert_eq!(i.next_update_due(60), t(72));
    let got = texts(&i);
    assert_eq!(got[1], (EntryKind::MessageSent, "Sent update: Internal (Slack)".into()));
    assert_eq!(
        got[2],
        (EntryKind::CommandCopied, "Copied command: Verify API key is set".into())
    );
    assert_eq!(got[3], (EntryKind::Download, "Downloaded: incident-logs.txt".into()));
}

#[test]
fn status_labels_match_the_slack_template() {
    assert_eq!(
        Status::Investigating.slack_label(),
        Text::new("INVESTIGATING", "排查中")
    );
    for s in Status::ALL {
        assert_eq!(Status::parse(&s.label().en.to_lowercase()), Some(s));
        assert_eq!(s.slack_label().en, s.label().en.to_uppercase());
    }
    assert_eq!(Status::parse("done"), None);
}

#[test]
fn incident_round_trips_through_json() {
    let mut i = Incident::start(new(Some(t(-5)), Some("AcmeErrorRateHigh")), t(0));
    i.add_note("note", None, t(1)).unwrap();
    let json = serde_json::to_string(&i).unwrap();
    assert_eq!(serde_json::from_str::<Incident>(&json).unwrap(), i);
}

#[test]
fn a_new_incident_needs_a_commander_and_a_valid_namespace_if_one_is_typed() {
    assert_eq!(check_new_incident("@alice", "  "), Ok(None));
    assert_eq!(check_new_incident("alice", " payments "), Ok(Some("payments".into())));
    for blank in ["", "  ", "@", " @@ "] {
        assert!(check_commander(blank).is_err(), "{blank:?}");
    }
    let problems = check_new_incident("@", "Prod; id").unwrap_err();
    assert_eq!(problems.len(), 2);
    assert!(problems[0].en.contains("incident commander"));
    assert!(
        problems[1].en.starts_with("Namespace: \"Prod; id\" must be"),
        "{}",
        problems[1].en
    );
    assert!(
        problems[1].zh.starts_with("命名空间:\"Prod; id\""),
        "{}",
        problems[1].zh
    );
}
