use chrono::{Duration, FixedOffset, TimeZone};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use serde_json::json;

use super::*;
use crate::commands::ParamOverrides;
use crate::config::DeployConfig;
use crate::i18n::Lang;
use crate::incident::{IncidentContext, NewIncident, Status};
use crate::severity::Severity;
use crate::signals::fetch::FetchFailure;
use crate::signals::health::HealthVerdict;
use crate::signals::vendor::Indicator;
use crate::tree::AnswerSource;

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap() + Duration::minutes(min)
}

fn prom() -> PrometheusConfig {
    DeployConfig::sample().prometheus
}

fn incident(commander: &str, impact: &str) -> Incident {
    Incident::start(
        NewIncident {
            id: "inc-7".into(),
            severity: Severity::P2,
            commander: commander.into(),
            impact: impact.into(),
            context: IncidentContext {
                namespace: Some("prod".into()),
                alert_name: Some("AcmeAuthErrors".into()),
                runbook: None,
            },
            started_at: Some(t(-30)),
        },
        t(0),
    )
}

fn range_answer() -> Value {
    json!({"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {"code": "401"}, "values": [[1772790000, "0.2"], [1772790015, "0.9"], [1772790030, "0.4"]]}
    ]}})
}

fn live() -> LiveSnapshot {
    let mut vendor = Signal::default();
    vendor.record_success(
        VendorStatus {
            indicator: Indicator::Minor,
            description: "Partial `outage`".into(),
            updated_at: None,
        },
        Source::Primary,
        t(1),
    );
    vendor.record_failure(FetchFailure::Offline, t(2));
    let mut health = Signal::default();
    health.record_success(
        HealthStatus {
            verdict: HealthVerdict::Down,
            details: vec![("error".into(), "401 from vendor".into())],
        },
        Source::Primary,
        t(1),
    );
    let mut errors = Signal::default();
    errors.record_success(
        ErrorRates {
            total: Some(0.75),
            by_code: vec![("401".into(), 0.75)],
            partial: None,
        },
        Source::Backup,
        t(1),
    );
    LiveSnapshot {
        vendor: SignalSnapshot::of(&vendor),
        health: SignalSnapshot::of(&health),
        errors: SignalSnapshot::of(&errors),
    }
}

fn bundle(i: &Incident, metrics: Option<MetricsEvidence>) -> Bundle {
    let tree = crate::tree::test_tree();
    let config = DeployConfig::sample();
    let evidence = Evidence {
        environment: "production".into(),
        command_params: CommandParams::new(&config, &ParamOverrides::default(), None),
        live: live(),
        metrics,
    };
    Bundle::new(i, &tree, evidence, t(20)).with_vendor(&Bilingual::new("Acme", "艾克米"))
}

fn evidence(i: &Incident) -> MetricsEvidence {
    MetricsEvidence {
        range: MetricsRange::for_incident(i, &prom(), t(20)),
        fetched_at: t(20),
        source: Source::Primary,
        response: range_answer(),
    }
}

#[test]
fn metrics_span_the_incident_to_now_or_its_resolution() {
    let mut i = incident("alice", "x");
    let open = MetricsRange::for_incident(&i, &prom(), t(20) + Duration::milliseconds(700));
    assert_eq!(
        (open.start, open.end, open.step_secs, open.points()),
        (t(-30), t(20), 15, 201)
    );
    assert_eq!(open.query, "sum by (code) (rate(vendor_errors_total[5m]))");
    assert_eq!(
        open.url("/proxy/prometheus/"),
        format!(
            "/proxy/prometheus/api/v1/query_range?query=sum%20by%20%28code%29%20%28rate%28vendor_errors_total%5B5m%5D%29%29&start={}&end={}&step=15",
            t(-30).timestamp(),
            t(20).timestamp()
        )
    );
    i.set_status(Status::Resolved, t(10));
    let closed = MetricsRange::for_incident(&i, &prom(), t(500));
    assert_eq!((closed.start, closed.end), (t(-30), t(10)));
}

#[test]
fn long_incidents_stay_within_prometheus_point_limit() {
    let i = incident("alice", "x");
    for minutes in [0, 1, 2749, 2750, 2751, 60 * 24 * 7, 60 * 24 * 30] {
        let r = MetricsRange::for_incident(&i, &prom(), t(-30) + Duration::minutes(minutes));
        assert!(r.points() <= 11_000, "{minutes} min: {} points", r.points());
        assert!(r.step_secs >= 15);
        if r.step_secs > 15 {
            let finer = (r.end - r.start).num_seconds() / (r.step_secs - 1) + 1;
            assert!(finer > 11_000, "{minutes} min: step {} is not the finest", r.step_secs);
        }
    }
}

#[test]
fn json_holds_incident_path_live_checks_and_metrics() {
    let tree = crate::tree::test_tree();
    let mut i = incident("alice", "Sends failing");
    i.record_answer(&tree, "api_errors", 0, AnswerSource::Confirmed, None, t(1))
        .unwrap();
    i.add_note("Key expired", None, t(3)).unwrap();
    let b = bundle(&i, Some(evidence(&i)));
    let v: Value = serde_json::from_str(&b.to_json()).unwrap();
    assert_eq!(v["format"], BUNDLE_FORMAT);
    assert_eq!(v["version"], 1);
    assert_eq!(v["wizard_path"], "api_errors:yes*");
    assert_eq!(v["incident"]["id"], "inc-7");
    assert_eq!(v["incident"]["timeline"].as_array().unwrap().len(), 3);
    assert_eq!(v["command_params"]["kube_context"], "staging-eu");
    assert_eq!(v["live"]["vendor"]["last_good"]["value"]["indicator"], "Minor");
    assert!(v["live"]["vendor"]["failure"]["en"]
        .as_str()
        .unwrap()
        .contains("offline"));
    assert_eq!(v["live"]["health"]["failure"], Value::Null);
    assert_eq!(v["metrics"]["range"]["step_secs"], 15);
    assert_eq!(v["metrics"]["response"], range_answer());
    let metrics: MetricsEvidence = serde_json::from_str(&evidence(&i).to_json()).unwrap();
    assert_eq!(metrics, evidence(&i));
}

#[test]
fn markdown_reads_in_the_chosen_language_and_offset() {
    let mut i = incident("alice", "Sends failing");
    i.add_note("Key expired", None, t(3)).unwrap();
    let b = bundle(&i, Some(evidence(&i)));
    let plus8 = FixedOffset::east_opt(8 * 3600).unwrap();
    let en = b.to_markdown(plus8, Lang::En);
    for expected in [
        "# Incident bundle `inc-7`\n",
        "- Started: 2026-03-06 17:30:00 UTC+08:00 (start time from the alert)\n",
        "- Duration: 50 min (ongoing)\n",
        "- Alert: `AcmeAuthErrors`, namespace `prod`\n",
        "- Commands ran against: context `staging-eu`, namespace `mail`, deployment `mail-sync`\n",
        "- Wizard answers: none yet\n",
        "```text\n2026-03-06 17:30:00 UTC+08:00  Incident started: P2, from alert AcmeAuthErrors (start time from the alert)\n2026-03-06 18:03:00 UTC+08:00  Key expired\n```",
        "- Acme status: Minor incident `` Partial `outage` `` — fetched",
        "  - failing now: `",
        "- Our integration health: Down (`error`: `401 from vendor`) — fetched",
        "- Error rate (last 5 min): 0.750 errors/s (`401` 0.750 errors/s) — fetched 2026-03-06 18:01:00 UTC+08:00 (backup)",
        "- Fetched 2026-03-06 18:20:00 UTC+08:00 (primary)\n",
        "- `{code=\"401\"}`: 3 points, peak 0.900 errors/s at 2026-03-06 17:40:15 UTC+08:00, last 0.400 errors/s",
    ] {
        assert!(en.contains(expected), "missing {expected:?} in\n{en}");
    }
    let zh = b.to_markdown(plus8, Lang::Zh);
    assert!(zh.contains("- 艾克米 状态:"), "{zh}");
    let mut unnamed = b.clone();
    unnamed.vendor = None;
    assert!(unnamed
        .to_markdown(plus8, Lang::En)
        .contains("- Vendor status: Minor incident"));
    assert!(zh.contains("## 时间线\n"), "{zh}");
    assert!(zh.contains("18:03:00 UTC+08:00  Key expired"), "{zh}");
    assert!(zh.contains("事件开始:P2"), "{zh}");
}

#[test]
fn markdown_says_what_is_missing() {
    let i = incident("alice", "x");
    let none = bundle(&i, None).to_markdown(FixedOffset::east_opt(0).unwrap(), Lang::En);
    assert!(none.contains("Not fetched in the browser."), "{none}");
    let mut empty = evidence(&i);
    empty.response = json!({"status": "success", "data": {"resultType": "matrix", "result": []}});
    let md = bundle(&i, Some(empty)).to_markdown(FixedOffset::east_opt(0).unwrap(), Lang::En);
    assert!(md.contains("No series matched"), "{md}");
    let mut wrong = evidence(&i);
    wrong.response = json!({"status": "success", "data": {"resultType": "vector", "result": []}});
    let md = bundle(&i, Some(wrong)).to_markdown(FixedOffset::east_opt(0).unwrap(), Lang::En);
    assert!(
        md.contains("The saved answer is not a range result: `data.resultType`"),
        "{md}"
    );
}

/// Hostile names and notes stay literal: the document keeps exactly its own headings, no HTML,
/// and every line of the timeline inside its one code block.
#[test]
fn hostile_text_cannot_change_the_markdown_structure() {
    let hostile = "```\n# Owned\n<img src=x onerror=alert(1)>\n````` [x](javascript:alert(1)) \u{202E}";
    let mut i = incident(hostile, hostile);
    i.add_note(hostile, None, t(2)).unwrap();
    let b = bundle(&i, Some(evidence(&i)));
    for lang in Lang::ALL {
        let md = b.to_markdown(FixedOffset::east_opt(0).unwrap(), lang);
        let mut headings = 0;
        let mut code_blocks = 0;
        for event in Parser::new(&md) {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    headings += 1;
                    assert!(matches!(level, HeadingLevel::H1 | HeadingLevel::H2));
                }
                Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
                Event::Html(h) | Event::InlineHtml(h) => panic!("HTML got through: {h}"),
                Event::Start(Tag::Link { .. }) => panic!("a link got through"),
                _ => {}
            }
        }
        assert_eq!((headings, code_blocks), (5, 1), "{md}");
        assert!(!md.contains('\u{202E}'));
    }
}

#[test]
fn file_names_follow_the_command_line_exports() {
    assert_eq!(
        evidence_file_name(Some(t(-30)), "bundle.json"),
        "incident-20260306T0930Z-bundle.json"
    );
    assert_eq!(evidence_file_name(None, "postmortem.md"), "incident-postmortem.md");
}
