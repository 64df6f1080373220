use chrono::TimeZone;
use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::incident::{EntryKind, IncidentContext, NewIncident};
use crate::severity::Severity;

fn t(min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 10, min, 0).unwrap()
}

fn incident(id: &str) -> Incident {
    let mut i = Incident::start(
        NewIncident {
            id: id.into(),
            severity: Severity::P2,
            commander: "alice".into(),
            impact: "Campaign sends delayed".into(),
            context: IncidentContext {
                namespace: Some("prod".into()),
                alert_name: Some("AcmeErrorRateHigh".into()),
                runbook: None,
            },
            started_at: Some(t(0)),
        },
        t(2),
    );
    i.add_note("paged vendor support", None, t(3)).unwrap();
    i
}

fn store() -> Store {
    let mut s = Store::default();
    s.open(incident("a")).unwrap();
    s.resolve(t(30)).unwrap();
    s.open(incident("b")).unwrap();
    s
}

#[test]
fn nothing_saved_is_an_empty_store_without_a_message() {
    for raw in [None, Some(""), Some("  \n")] {
        let out = load(raw);
        assert_eq!(out.store, Store::default());
        assert_eq!((out.recovered_backup, out.read_only, out.message), (None, false, None));
    }
}

#[test]
fn save_and_load_round_trip() {
    let s = store();
    let out = load(Some(&s.to_json()));
    assert_eq!(out.store, s);
    assert_eq!((out.recovered_backup, out.read_only, out.message), (None, false, None));
}

#[test]
fn unreadable_data_is_read_only() {
    for raw in ["not json", "[1,2]", "{}", r#"{"version":"2"}"#, r#"{"version":0}"#] {
        let out = load(Some(raw));
        assert_eq!(out.store, Store::default(), "{raw}");
        assert!(out.read_only, "{raw}");
        let m = out.message.unwrap();
        assert!(
            m.en.contains("left exactly as it is") && m.zh.contains("保持不变"),
            "{raw}: {m:?}"
        );
    }
}

#[test]
fn newer_version_is_kept_aside_not_overwritten() {
    let raw = r#"{"version":3,"active":null,"archive":[],"shiny":true}"#;
    let out = load(Some(raw));
    assert!(out.read_only);
    assert_eq!(out.recovered_backup, None, "nothing to back up: it is not written over");
    assert!(out.message.unwrap().en.contains("newer version"));
}

#[test]
fn one_damaged_incident_does_not_lose_the_others() {
    let mut v: Value = serde_json::from_str(&store().to_json()).unwrap();
    v["archive"].as_array_mut().unwrap().push(json!({"id": "broken"}));
    let raw = v.to_string();
    let out = load(Some(&raw));
    assert_eq!(out.store.active.as_ref().map(|i| i.id.as_str()), Some("b"));
    assert_eq!(out.store.archive.len(), 1);
    assert!(out.read_only, "saving would drop the damaged record");
    assert!(out
        .message
        .unwrap()
        .en
        .starts_with("1 saved incident record(s) could not be read"));
}

#[test]
fn v1_store_is_upgraded_and_original_kept() {
    let raw = json!({
        "version": 1,
        "active": {
            "id": "old-1", "severity": "p1", "commander": "bob", "impact": "no sends",
            "status": "monitoring", "started_at": "2026-03-06T09:00:00Z",
            "namespace": "prod", "alert": "AcmeErrorRateCritical",
            "answers": [{"node": "api_errors", "answer": 1}],
            "timeline": [{"at": "2026-03-06T09:10:00Z", "text": "restarted pods"}]
        },
        "archive": [{
            "id": "old-0", "severity": "P4", "status": "resolved",
            "started_at": "2026-03-01T09:00:00Z", "resolved_at": "2026-03-01T10:00:00Z"
        }]
    })
    .to_string();
    let out = load(Some(&raw));
    let active = out.store.active.as_ref().unwrap();
    assert_eq!(
        (active.id.as_str(), active.severity(), active.status()),
        ("old-1", Severity::P1, Status::Monitoring)
    );
    assert_eq!(
        out.store.archive[0].resolved_at(),
        Some(Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap())
    );
    assert_eq!(out.store.version, STORE_VERSION);
    assert_eq!(out.recovered_backup.as_deref(), Some(raw.as_str()));
    assert!(!out.read_only);
    assert!(out.message.unwrap().en.contains("upgraded"));
    let again = load(Some(&out.store.to_json()));
    assert_eq!(again.store, out.store, "the upgraded store saves as v2");
    assert_eq!(again.message, None);
}

#[test]
fn resolve_archives_and_reopen_brings_back() {
    let mut s = store();
    assert!(s.open(incident("c")).is_err(), "one active at a time");
    assert!(s.reopen("a", t(40)).is_err(), "b is still open");
    s.resolve(t(45)).unwrap();
    assert!(s.active.is_none());
    assert_eq!(s.archive.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(s.archive[0].resolved_at(), Some(t(45)));
    assert!(s.resolve(t(46)).is_err());
    s.reopen("a", t(50)).unwrap();
    let a = s.active.as_ref().unwrap();
    assert_eq!((a.status(), a.resolved_at()), (Status::Investigating, None));
    assert_eq!(a.timeline().entries().last().unwrap().kind, EntryKind::Reopened);
    assert_eq!(s.archive.len(), 1);
    let mut s2 = Store::default();
    assert!(s2.reopen("zzz", t(1)).unwrap_err().en.contains("zzz"));
}

#[test]
fn export_import_round_trip() {
    let s = store();
    let original = &s.archive[0];
    let text = export_incident(original);
    assert!(
        text.contains("\n  \"format\": \"incident-runbook/incident\""),
        "pretty: {text}"
    );
    assert_eq!(&import_incident(&text, t(59)).unwrap(), original);
}

#[test]
fn import_reads_a_v1_export() {
    let text = json!({
        "format": EXPORT_FORMAT, "version": 1,
        "incident": {"id": "old", "severity": "P3", "status": "investigating", "started_at": "2026-03-06T09:00:00Z"}
    })
    .to_string();
    let i = import_incident(&text, t(59)).unwrap();
    assert_eq!((i.id.as_str(), i.severity()), ("old", Severity::P3));
}

/// The export of `store()`'s resolved incident, as JSON text after `edit`.
fn export_with(edit: &dyn Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&export_incident(&store().archive[0])).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn bad_imports_are_refused_in_both_languages() {
    let cases = [
        ("not json".to_string(), "not valid JSON"),
        (json!({"hello": 1}).to_string(), "not an incident export"),
        (export_with(&|v| v["version"] = json!(9)), "version 9"),
        (
            export_with(&|v| {
                v["incident"]
                    .as_object_mut()
                    .unwrap()
                    .remove("started_at")
                    .map(drop)
                    .unwrap_or(())
            }),
            "incomplete",
        ),
        (
            export_with(&|v| v["incident"]["context"]["namespace"] = json!("Prod;rm")),
            "namespace",
        ),
        (
            export_with(&|v| v["incident"]["context"]["alert_name"] = json!("9 bad")),
            "alert name",
        ),
        (export_with(&|v| v["incident"]["id"] = json!(" ")), "incident id"),
        (
            export_with(&|v| v["incident"]["resolved_at"] = Value::Null),
            "no resolution time",
        ),
        (
            export_with(&|v| v["incident"]["resolved_at"] = json!("2020-01-01T00:00:00Z")),
            "resolved before it started",
        ),
        (
            export_with(&|v| v["incident"]["status"] = json!("monitoring")),
            "not marked resolved",
        ),
        ("x".repeat(MAX_IMPORT_BYTES + 1), "limit"),
    ];
    for (text, expect) in cases {
        let e = import_incident(&text, t(59)).unwrap_err();
        assert!(e.en.contains(expect), "{expect}: {}", e.en);
        assert!(e.en.starts_with("Cannot import") && e.zh.starts_with("无法导入"));
    }
}

#[test]
fn imports_with_times_outside_2000_to_tomorrow_are_refused_naming_the_field() {
    let cases = [
        (
            export_with(&|v| v["incident"]["started_at"] = json!("+262142-12-31T23:59:59Z")),
            "\"started_at\" is +262142-12-31T23:59:59+00:00, outside 2000-01-01T00:00:00Z to 2026-03-07T10:59:00+00:00",
        ),
        (
            export_with(&|v| v["incident"]["started_at"] = json!("1999-12-31T23:59:59Z")),
            "\"started_at\" is 1999-12-31T23:59:59+00:00",
        ),
        (
            export_with(&|v| v["incident"]["resolved_at"] = json!("2026-03-07T11:00:00Z")),
            "\"resolved_at\"",
        ),
        (
            export_with(&|v| v["incident"]["timeline"][1]["at"] = json!("-262143-01-01T00:00:00Z")),
            "\"timeline[0].at\"",
        ),
        (
            export_with(&|v| v["incident"]["timeline"][0]["edited_at"] = json!("+99999-01-01T00:00:00Z")),
            "\"timeline[0].edited_at\"",
        ),
    ];
    for (text, expect) in cases {
        let e = import_incident(&text, t(59)).unwrap_err();
        assert!(e.en.contains(expect), "{expect}: {}", e.en);
        let field = expect.split(' ').next().unwrap();
        assert!(e.zh.starts_with("无法导入") && e.zh.contains(field), "{}", e.zh);
    }
    let long_note = export_with(&|v| v["incident"]["timeline"][1]["text"] = json!({"written": "x".repeat(4_001)}));
    let e = import_incident(&long_note, t(59)).unwrap_err();
    assert!(
        e.en.contains("\"timeline[1].text\": The note is 4001 characters"),
        "{}",
        e.en
    );
    assert!(e.zh.contains("4001"), "{}", e.zh);
    let tomorrow = export_with(&|v| v["incident"]["resolved_at"] = json!("2026-03-07T10:59:00Z"));
    assert!(
        import_incident(&tomorrow, t(59)).is_ok(),
        "now + 1 day is still accepted"
    );
}

#[test]
fn import_size_is_checked_from_the_size_alone() {
    assert!(check_import_size(MAX_IMPORT_BYTES as u64).is_ok());
    let e = check_import_size(3_000_000).unwrap_err();
    assert!(e.en.contains("3000000 bytes") && e.zh.contains("3000000 字节"), "{e:?}");
}

#[test]
fn import_into_store_refuses_a_duplicate_id() {
    let mut s = store();
    let copy = s.archive[0].clone();
    assert!(s.import(copy.clone()).unwrap_err().en.contains("\"a\""));
    let mut fresh = Store::default();
    fresh.import(copy).unwrap();
    assert_eq!(fresh.find("a").map(|i| i.status()), Some(Status::Resolved));
}

fn json_ish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("1".to_string()),
        Just("\"P2\"".to_string()),
        Just("\"2026-03-06T10:00:00Z\"".to_string()),
        "\\PC{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id"),
                        Just("active"),
                        Just("archive"),
                        Just("timeline"),
                        Just("severity"),
                        Just("x")
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|kv| {
                let body: Vec<String> = kv.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

proptest! {
    #[test]
    fn load_never_panics_on_any_text(raw in "\\PC{0,200}") {
        let out = load(Some(&raw));
        prop_assert_eq!(out.message.is_some(), out.read_only || out.recovered_backup.is_some());
        if let Some(backup) = out.recovered_backup {
            prop_assert_eq!(backup, raw);
        }
    }

    #[test]
    fn load_never_panics_on_json_shaped_text(body in json_ish(), version in 0u64..4) {
        let raw = format!("{{\"version\":{version},\"active\":{body},\"archive\":[{body}]}}");
        let out = load(Some(&raw));
        if out.message.is_some() {
            prop_assert!(out.read_only || out.recovered_backup.as_deref() == Some(raw.as_str()));
        }
    }

    #[test]
    fn import_never_panics(raw in "\\PC{0,200}") {
        let _ = import_incident(&raw, t(59));
    }
}

#[test]
fn communications_follow_the_open_incident_then_the_last_resolved() {
    let mut s = store();
    assert_eq!(s.current().map(|i| i.id.as_str()), Some("b"));
    s.resolve(t(45)).unwrap();
    assert_eq!(
        s.current().map(|i| i.id.as_str()),
        Some("b"),
        "postmortems are written after resolving"
    );
    assert_eq!(Store::default().current(), None);
}
