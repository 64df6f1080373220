use super::super::{CodeRate, HealthObservation, Observations, Reading, Tree, VendorObservation};
use super::*;

fn tree() -> Tree {
    crate::tree::test_tree()
}

fn acme_page() -> Bilingual {
    crate::signals::vendor::status_page_name(Some(&Bilingual::new("Acme", "艾克米")))
}

fn timeout() -> Bilingual {
    Bilingual::new("Prometheus unreachable (timeout)", "Prometheus 无法访问(超时)")
}

fn codes(v: &[(&str, f64)]) -> Reading<Vec<CodeRate>> {
    Reading::Known(
        v.iter()
            .map(|(c, r)| CodeRate {
                code: (*c).into(),
                rate: *r,
            })
            .collect(),
    )
}

fn obs(rate: f64) -> Observations {
    Observations {
        error_rate: Reading::Known(rate),
        threshold: 0.1,
        dominant_share: 0.5,
        code_rates: codes(&[]),
        vendor: Reading::Known(VendorObservation {
            page: acme_page(),
            incident: false,
            description: "All Systems Operational".into(),
        }),
        health: Reading::Known(HealthObservation {
            healthy: true,
            down: false,
            detail: "status: ok".into(),
        }),
    }
}

fn suggested(tree: &Tree, node: &str, o: &Observations) -> (Option<String>, Bilingual) {
    let n = tree.node(node).unwrap();
    let s = suggest(n, o).expect("question has a signal");
    (s.answer.map(|i| n.answers()[i].value.clone()), s.evidence)
}

#[test]
fn api_errors_at_and_around_the_threshold() {
    let t = tree();
    for (rate, want) in [(0.0, "no"), (0.0999, "no"), (0.1, "yes"), (0.1001, "yes"), (5.0, "yes")] {
        assert_eq!(
            suggested(&t, "api_errors", &obs(rate)).0.as_deref(),
            Some(want),
            "{rate}"
        );
    }
}

#[test]
fn api_errors_evidence_names_rate_threshold_and_top_code() {
    let t = tree();
    let mut o = obs(0.72);
    o.code_rates = codes(&[("429", 0.5832), ("500", 0.1368)]);
    let (_, ev) = suggested(&t, "api_errors", &o);
    assert_eq!(ev.en, "0.72 errors/s over 5 min, threshold 0.1/s; 81% are 429");
    assert_eq!(ev.zh, "近5分钟 0.72 次错误/秒,阈值 0.1 次/秒;81% 为 429");
}

#[test]
fn api_errors_unknown_or_unusable() {
    let t = tree();
    let mut o = obs(0.5);
    o.error_rate = Reading::Unknown(timeout());
    let (answer, ev) = suggested(&t, "api_errors", &o);
    assert_eq!(answer, None);
    assert_eq!(ev.en, "unknown: Prometheus unreachable (timeout)");
    assert_eq!(ev.zh, "未知:Prometheus 无法访问(超时)");
    for bad in [f64::NAN, -1.0, f64::INFINITY] {
        assert_eq!(suggested(&t, "api_errors", &obs(bad)).0, None, "{bad}");
    }
    let mut o = obs(0.5);
    o.threshold = 0.0;
    let (answer, ev) = suggested(&t, "api_errors", &o);
    assert_eq!(answer, None);
    assert!(ev.en.contains("config.json"));
}

#[test]
fn error_type_at_and_around_the_dominant_share() {
    let t = tree();
    let case = |c: &[(&str, f64)]| {
        let mut o = obs(1.0);
        o.code_rates = codes(c);
        suggested(&t, "error_type", &o)
    };
    assert_eq!(
        case(&[("429", 0.5), ("500", 0.3), ("401", 0.2)]).0.as_deref(),
        Some("rate_limited")
    );
    assert_eq!(
        case(&[("429", 0.49), ("500", 0.31), ("401", 0.2)]).0.as_deref(),
        Some("other")
    );
    assert_eq!(
        case(&[("401", 0.3), ("403", 0.3), ("429", 0.4)]).0.as_deref(),
        Some("auth")
    );
    assert_eq!(
        case(&[("500", 0.2), ("503", 0.7), ("429", 0.1)]).0.as_deref(),
        Some("vendor")
    );
    assert_eq!(case(&[("404", 0.9), ("429", 0.1)]).0.as_deref(), Some("other"));
    let (tie, ev) = case(&[("429", 0.5), ("503", 0.5)]);
    assert_eq!(tie.as_deref(), Some("other"), "a tie dominates nothing");
    assert!(ev.en.starts_with("no status class dominates (needs 50%)"), "{}", ev.en);
    let (_, ev) = case(&[("429", 0.81), ("500", 0.19)]);
    assert_eq!(ev.en, "81% of 1 errors/s are 429 (rate limited) (dominant from 50%)");
}

#[test]
fn error_type_without_errors_or_data() {
    let t = tree();
    let (answer, ev) = suggested(&t, "error_type", &obs(0.0));
    assert_eq!(answer, None);
    assert_eq!(ev.en, "no errors in the last 5 min to classify");
    let mut o = obs(1.0);
    o.code_rates = Reading::Unknown(timeout());
    assert_eq!(suggested(&t, "error_type", &o).0, None);
    o.code_rates = codes(&[("429", f64::NAN)]);
    assert_eq!(suggested(&t, "error_type", &o).0, None);
    o.code_rates = codes(&[("429", 1.0)]);
    o.dominant_share = 1.5;
    assert_eq!(suggested(&t, "error_type", &o).0, None);
}

#[test]
fn vendor_and_health_signals() {
    let t = tree();
    let mut o = obs(1.0);
    assert_eq!(suggested(&t, "vendor_incident", &o).0.as_deref(), Some("no"));
    o.vendor = Reading::Known(VendorObservation {
        page: acme_page(),
        incident: true,
        description: "Partial System Outage".into(),
    });
    let (answer, ev) = suggested(&t, "vendor_incident", &o);
    assert_eq!(answer.as_deref(), Some("yes"));
    assert_eq!(ev.en, "the Acme status page reports an incident: Partial System Outage");
    assert_eq!(ev.zh, "艾克米 状态页显示有事件:Partial System Outage");
    assert_eq!(suggested(&t, "service_healthy", &o).0.as_deref(), Some("yes"));
    o.health = Reading::Known(HealthObservation {
        healthy: false,
        down: true,
        detail: "status: down".into(),
    });
    let (answer, ev) = suggested(&t, "service_healthy", &o);
    assert_eq!(answer.as_deref(), Some("no"));
    assert_eq!(ev.zh, "健康检查:异常(status: down)");
}

#[test]
fn outcomes_have_nothing_to_suggest() {
    let t = tree();
    assert_eq!(suggest(t.node("monitor").unwrap(), &obs(0.0)), None);
}

#[test]
fn every_signal_unknown() {
    let t = tree();
    let o = Observations::unknown(timeout(), 0.1, 0.5);
    for node in t.nodes.iter().filter(|n| n.signal().is_some()) {
        let s = suggest(node, &o).unwrap();
        assert_eq!(s.answer, None, "{}", node.id());
        assert!(s.evidence.en.starts_with("unknown: ") && s.evidence.zh.starts_with("未知:"));
    }
    let (sev, why) = suggest_severity(&o, None);
    assert_eq!(sev, Severity::P2);
    assert!(why.en.contains("not enough live evidence"));
    let (sev, why) = suggest_severity(&o, t.node("monitor"));
    assert_eq!(sev, Severity::P4);
    assert!(
        why.en.contains("Likely resolved or intermittent. Monitor."),
        "{}",
        why.en
    );
}

#[test]
fn severity_at_and_around_each_threshold() {
    for (rate, want) in [
        (0.0, Severity::P4),
        (0.05, Severity::P3),
        (0.0999, Severity::P3),
        (0.1, Severity::P2),
        (0.9999, Severity::P2),
        (1.0, Severity::P1),
        (7.0, Severity::P1),
    ] {
        let (sev, why) = suggest_severity(&obs(rate), None);
        assert_eq!(sev, want, "{rate}: {}", why.en);
        assert!(why.en.starts_with(want.as_str()) && why.zh.starts_with(want.as_str()));
    }
}

#[test]
fn severity_from_health_and_vendor() {
    let mut o = obs(0.0);
    o.error_rate = Reading::Unknown(timeout());
    o.health = Reading::Known(HealthObservation {
        healthy: false,
        down: true,
        detail: "connection refused".into(),
    });
    assert_eq!(suggest_severity(&o, None).0, Severity::P1);
    o.health = Reading::Known(HealthObservation {
        healthy: false,
        down: false,
        detail: "status: degraded".into(),
    });
    let (sev, why) = suggest_severity(&o, None);
    assert_eq!(sev, Severity::P2, "degraded is not a complete outage");
    assert!(why.en.contains("degraded"), "{}", why.en);
    let mut o = obs(0.0);
    o.vendor = Reading::Known(VendorObservation {
        page: acme_page(),
        incident: true,
        description: "Major Outage".into(),
    });
    let (sev, why) = suggest_severity(&o, None);
    assert_eq!(sev, Severity::P2);
    assert!(why.en.contains("Major Outage"));
}

#[test]
fn outcome_can_raise_but_not_lower_the_severity() {
    let t = tree();
    let (sev, why) = suggest_severity(&obs(0.05), t.node("auth_errors"));
    assert_eq!(sev, Severity::P2);
    assert!(why.en.contains("401/403 - Authentication") && why.en.contains("live evidence alone says P3"));
    let (sev, _) = suggest_severity(&obs(0.5), t.node("monitor"));
    assert_eq!(sev, Severity::P2);
}
