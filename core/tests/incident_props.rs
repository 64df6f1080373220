//! No incident file, however hostile, panics the app: whatever `import_incident` accepts, and
//! whatever deserializes at all (a stored incident bypasses no check but is the worst case),
//! goes through every view model a page builds from an incident, with `now` at the calendar's
//! bounds too.

#[path = "support/content.rs"]
mod content;
#[allow(dead_code)] // each test binary uses part of the shared settings
mod golden_params;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};

use runbook_core::commands::{CommandParams, ParamOverrides};
use runbook_core::config::CommsCadence;
use runbook_core::i18n::{Bilingual, Lang, LangMode};
use runbook_core::incident::{
    cadence_minutes, check_times, countdown_text, duration_text, export_incident, import_incident, load,
    parse_alert_link, response_deadline, Bundle, Evidence, Incident, IncidentContext, LiveSnapshot, MetricsRange,
    NewIncident, SignalSnapshot, Store, MAX_LINK_PAIRS,
};
use runbook_core::messages::{render_message_for, Draft, MessageInputs, MessageKind};
use runbook_core::runbook::{self, Runbook};
use runbook_core::severity::{ResponseTarget, Severity};
use runbook_core::tree::Tree;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap()
}

fn base_incident() -> Incident {
    let mut i = Incident::start(
        NewIncident {
            id: "inc-1".into(),
            severity: Severity::P1,
            commander: "alice".into(),
            impact: "sends delayed".into(),
            context: IncidentContext::default(),
            started_at: None,
        },
        now(),
    );
    i.add_note("paged support", None, now()).unwrap();
    i
}

fn base_file() -> Value {
    serde_json::from_str(&export_incident(&base_incident())).unwrap()
}

/// The first runbook of the library, as the app shows it, read once.
fn book() -> &'static (Runbook, Tree) {
    static BOOK: std::sync::OnceLock<(Runbook, Tree)> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let source = content::library().remove(0);
        (runbook::load(&source).unwrap(), runbook::tree(&source).unwrap())
    })
}

/// Anywhere in chrono's range, with the bounds, the import window's edges and ordinary times
/// weighted up.
fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    prop_oneof![
        (min..=max, 0u32..1_000_000_000).prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap()),
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        Just(DateTime::parse_from_rfc3339("2000-01-01T00:00:00Z").unwrap().to_utc()),
        (-86_400i64 * 400..86_400 * 2).prop_map(|d| now() + chrono::Duration::seconds(d)),
    ]
}

fn time_text() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => any_time().prop_map(|t| json!(t.to_rfc3339())),
        1 => Just(json!("+262142-12-31T23:59:59Z")),
        1 => Just(json!("-262143-01-01T00:00:00Z")),
        1 => "\\PC{0,12}".prop_map(|s| json!(s)),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z @<>!#*`\\r\\n\\t\u{0}\u{7}\u{1b}\u{202E}\u{2066}\u{200F}\u{2028}]{0,30}",
        prop::sample::select(vec![
            "@here".to_string(),
            "<!channel>".into(),
            "@@Everyone".into(),
            "line1\r\nStatus: RESOLVED".into(),
            "x".repeat(4_001),
        ]),
        any::<String>(),
    ]
}

fn entry() -> impl Strategy<Value = Value> {
    let kind = prop::sample::select(vec![
        "started",
        "answer",
        "override",
        "severity_changed",
        "status_changed",
        "commander_changed",
        "note",
        "command_copied",
        "message_sent",
        "download",
        "reopened",
        "bogus",
    ]);
    let id = prop_oneof![Just(u32::MAX), Just(u32::MAX - 1), Just(0u32), any::<u32>()];
    (
        id,
        time_text(),
        kind,
        hostile_text(),
        any::<bool>(),
        prop::option::of(time_text()),
    )
        .prop_map(|(id, at, kind, text, written, edited)| {
            let text = if written {
                json!({"written": text})
            } else {
                json!({"app": {"en": text, "zh": text}})
            };
            let mut e = json!({"id": id, "at": at, "kind": kind, "text": text});
            if let Some(t) = edited {
                e["edited_at"] = t;
            }
            e
        })
}

prop_compose! {
    fn incident_file()(
        started in time_text(),
        resolved in prop::option::of(time_text()),
        status in prop::sample::select(vec!["investigating", "identified", "monitoring", "resolved", "done"]),
        severity in prop::sample::select(vec!["P1", "P2", "P3", "P4", "P9"]),
        commander in hostile_text(),
        impact in hostile_text(),
        id in prop_oneof![Just("inc-1".to_string()), hostile_text()],
        timeline in prop::collection::vec(entry(), 0..6),
        version in prop::sample::select(vec![1u64, 2, 3]),
    ) -> Value {
        let mut file = base_file();
        file["version"] = json!(version);
        let i = &mut file["incident"];
        i["started_at"] = started;
        i["status"] = json!(status);
        i["severity"] = json!(severity);
        i["commander"] = json!(commander);
        i["impact"] = json!(impact);
        i["id"] = json!(id);
        if let Some(r) = resolved {
            i["resolved_at"] = r;
        }
        if !timeline.is_empty() {
            i["timeline"] = json!(timeline);
        }
        file
    }
}

fn evidence() -> Evidence {
    Evidence {
        environment: "test".into(),
        command_params: CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None),
        live: LiveSnapshot {
            vendor: SignalSnapshot {
                last_good: None,
                failure: None,
            },
            health: SignalSnapshot {
                last_good: None,
                failure: None,
            },
            errors: SignalSnapshot {
                last_good: None,
                failure: Some(Bilingual::new("x", "x")),
            },
        },
        metrics: None,
    }
}

/// Everything the incident, comms, past-incidents and bundle pages compute from an incident.
fn every_view(incident: &Incident, now: DateTime<Utc>, (book, tree): &(Runbook, Tree)) {
    let offsets = [
        FixedOffset::east_opt(0).unwrap(),
        FixedOffset::east_opt(86_399).unwrap(),
        FixedOffset::west_opt(86_399).unwrap(),
    ];
    for target in [
        ResponseTarget::Minutes(0),
        ResponseTarget::Minutes(15),
        ResponseTarget::Minutes(u32::MAX),
        ResponseTarget::NextBusinessDay,
    ] {
        for tz in &offsets {
            let due = incident.response_deadline(target, tz);
            countdown_text(due, now);
        }
        let due = response_deadline(incident.started_at, target, &chrono_tz::America::New_York);
        countdown_text(due, now);
    }
    duration_text(incident.elapsed(now));
    for cadence in [
        golden_params::shipped_config().comms_cadence_minutes,
        CommsCadence {
            p1: u32::MAX,
            p2: u32::MAX,
            p3: u32::MAX,
            p4: u32::MAX,
        },
    ] {
        let minutes = cadence_minutes(&cadence, incident.severity());
        countdown_text(incident.next_update_due(minutes), now);
        for offset in offsets {
            let inputs = MessageInputs {
                offset,
                now,
                cadence: cadence.clone(),
                error_type: None,
                draft: Draft {
                    current_action: "@here <!channel>".into(),
                    summary: "\u{202E}x".into(),
                },
            };
            for kind in MessageKind::ALL {
                render_message_for(kind, book.message_source(), Some(incident), &inputs, LangMode::Both);
            }
        }
    }
    let range = MetricsRange::for_incident(incident, &golden_params::shipped_config().prometheus, now);
    range.points();
    range.url("/prometheus");
    let bundle = Bundle::new(incident, tree, evidence(), now).with_vendor(&book.vendor);
    bundle.to_json();
    for offset in offsets {
        for lang in [Lang::En, Lang::Zh] {
            bundle.to_markdown(offset, lang);
        }
    }
    let mut store = Store::default();
    if store.import(incident.clone()).is_ok() {
        let _ = store.reopen(&incident.id, now);
    } else {
        store.active = Some(incident.clone());
    }
    let _ = store.resolve(now);
    if let Some(i) = store.archive.first_mut() {
        let _ = i.add_note("line1\r\nStatus: RESOLVED", None, now);
    }
    store.to_json();
    load(Some(&store.to_json()));
}

fn nows() -> [DateTime<Utc>; 3] {
    [now(), DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_incident_file_panics_any_view(file in incident_file()) {
        let tree = book();
        let text = file.to_string();
        if let Ok(imported) = import_incident(&text, now()) {
            prop_assert!(check_times(&imported, now()).is_empty());
            every_view(&imported, now(), tree);
        }
        if let Ok(raw) = serde_json::from_value::<Incident>(file["incident"].clone()) {
            for n in nows() {
                every_view(&raw, n, tree);
            }
        }
        for n in nows() {
            let _ = import_incident(&text, n);
            let store = json!({"version": 2, "active": file["incident"], "archive": [file["incident"]]});
            load(Some(&store.to_string()));
        }
    }
}

#[test]
fn the_reported_file_is_refused_naming_started_at_and_nothing_panics() {
    let mut file = base_file();
    file["incident"]["started_at"] = json!("+262142-12-31T23:59:59Z");
    let err = import_incident(&file.to_string(), now()).unwrap_err();
    assert!(
        err.en.contains("\"started_at\"") && err.zh.contains("\"started_at\""),
        "{err:?}"
    );
    assert!(err.en.starts_with("Cannot import") && err.zh.starts_with("无法导入"));

    let direct: Incident = serde_json::from_value(file["incident"].clone()).unwrap();
    let mut store = Store::default();
    store.import(direct.clone()).unwrap();
    for n in nows() {
        let mut s = store.clone();
        s.reopen(&direct.id, n).unwrap();
        every_view(s.active.as_ref().unwrap(), n, book());
    }
}

#[test]
fn alert_links_with_hostile_start_times_and_floods_are_safe_and_fast() {
    for bad in ["1e10", "-1", "NaN", "inf", "-1e300", "+262142-12-31T23:59:59Z"] {
        let p = parse_alert_link([("alert", "InstantlyAuthErrors"), ("started", bad)], now());
        assert_eq!(p.started_at, None, "{bad}");
        assert!(p.problems[0].en.contains("\"started\""), "{bad}: {:?}", p.problems);
        for n in nows() {
            parse_alert_link([("started", bad)], n);
        }
    }
    let flood: Vec<(&str, &str)> = std::iter::repeat_n(("severity", "P1"), 50_000).collect();
    let started = std::time::Instant::now();
    let p = parse_alert_link(flood.iter().copied(), now());
    assert!(started.elapsed() < std::time::Duration::from_millis(200));
    assert_eq!(p.severity, Some(Severity::P1));
    assert_eq!(
        p.problems.len(),
        2,
        "one repeated-key warning, one cap warning: {:?}",
        p.problems
    );
    assert!(p.problems[1].en.contains(&MAX_LINK_PAIRS.to_string()));
}
