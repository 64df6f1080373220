use super::error_rate::*;
use super::prometheus::{parse_instant, Caveats, InstantAnswer, InstantResult, Labels, Point, Sample};
use crate::config::Thresholds;

const TH: Thresholds = Thresholds {
    error_rate_per_sec: 0.1,
    dominant_share: 0.5,
};

fn sample(code: Option<&str>, value: f64) -> Sample {
    let labels: Labels = code.map(|c| ("code".to_string(), c.to_string())).into_iter().collect();
    Sample {
        labels,
        point: Point {
            unix_secs: 1714564830.0,
            value,
        },
    }
}

fn vector(samples: Vec<Sample>) -> InstantAnswer {
    InstantAnswer {
        result: InstantResult::Vector(samples),
        caveats: Caveats::default(),
    }
}

fn rates(total: Option<f64>, by_code: &[(&str, f64)]) -> ErrorRates {
    ErrorRates {
        total,
        by_code: by_code.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
        partial: None,
    }
}

#[test]
fn rates_from_the_two_vectors() {
    let r = ErrorRates::from_results(
        &vector(vec![sample(None, 0.72)]),
        &vector(vec![
            sample(Some("500"), 0.02),
            sample(Some("429"), 0.58),
            sample(None, 0.02),
            sample(Some("503"), f64::NAN),
            sample(Some("401"), 0.1),
        ]),
        "code",
    );
    assert_eq!(r.total, Some(0.72));
    let codes: Vec<&str> = r.by_code.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["429", "401", "", "500", "503"]);
    assert!(r.by_code[4].1.is_nan());
}

#[test]
fn empty_nan_and_scalar_totals() {
    let none = ErrorRates::from_results(&vector(vec![]), &vector(vec![]), "code");
    assert_eq!(
        none,
        ErrorRates {
            total: None,
            by_code: vec![],
            partial: None,
        }
    );
    let nan = ErrorRates::from_results(&vector(vec![sample(None, f64::NAN)]), &vector(vec![]), "code");
    assert!(nan.total.unwrap().is_nan());
    let scalar = InstantAnswer {
        result: InstantResult::Scalar(Point {
            unix_secs: 0.0,
            value: 0.3,
        }),
        caveats: Caveats::default(),
    };
    let r = ErrorRates::from_results(&scalar, &scalar, "code");
    assert_eq!(
        r,
        ErrorRates {
            total: Some(0.3),
            by_code: vec![],
            partial: None,
        }
    );
}

#[test]
fn missing_or_unusable_data_is_unknown_never_ok() {
    for total in [
        None,
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(f64::NEG_INFINITY),
        Some(-0.5),
    ] {
        let a = assess(&rates(total, &[("429", 1.0)]), &TH);
        assert_eq!(a.verdict, ErrorVerdict::Unknown, "{total:?}");
        assert_eq!(a.dominant, None);
        assert!(a.evidence.en.contains("not healthy"), "{}", a.evidence.en);
        assert!(a.evidence.zh.contains("不要视为正常"));
    }
    assert!(assess(&rates(None, &[]), &TH)
        .evidence
        .en
        .contains("prometheus.error_metric"));
    assert!(assess(&rates(Some(f64::NAN), &[]), &TH).evidence.en.contains("is NaN"));
}

#[test]
fn threshold_boundaries() {
    let verdict = |t: f64| assess(&rates(Some(t), &[]), &TH).verdict;
    assert_eq!(verdict(0.0), ErrorVerdict::Ok);
    assert_eq!(verdict(0.0999), ErrorVerdict::Ok);
    assert_eq!(verdict(0.1), ErrorVerdict::Elevated);
    assert_eq!(verdict(0.1001), ErrorVerdict::Elevated);
    assert_eq!(verdict(50.0), ErrorVerdict::Elevated);
    assert_eq!(
        assess(&rates(Some(0.0), &[]), &TH).evidence.en,
        "0 errors/s over 5 min (threshold 0.1/s)"
    );
}

#[test]
fn evidence_names_the_dominant_code() {
    let a = assess(&rates(Some(0.72), &[("429", 0.5832), ("500", 0.1368)]), &TH);
    assert_eq!(a.verdict, ErrorVerdict::Elevated);
    let d = a.dominant.unwrap();
    assert_eq!(
        (d.class, d.codes.as_slice()),
        (StatusClass::RateLimit, &["429".to_string()][..])
    );
    assert!((d.share - 0.81).abs() < 1e-9);
    assert_eq!(
        a.evidence.en,
        "0.72 errors/s over 5 min (threshold 0.1/s); 81% are 429 (rate limited)"
    );
    assert_eq!(a.evidence.zh, "近 5 分钟 0.72 次错误/秒(阈值 0.1/秒);81% 为 429(限流)");
}

#[test]
fn dominant_share_boundaries() {
    let dominant = |auth: f64, other: f64| {
        assess(&rates(Some(1.0), &[("401", auth), ("403", 0.0), ("404", other)]), &TH)
            .dominant
            .map(|d| d.class)
    };
    assert_eq!(
        dominant(0.5, 0.5),
        Some(StatusClass::Auth),
        "exactly the share counts; ties keep the first class"
    );
    assert_eq!(dominant(0.51, 0.49), Some(StatusClass::Auth));
    assert_eq!(dominant(0.49, 0.51), Some(StatusClass::Other));
    // (0.02 + 0.01) / (0.02 + 0.01 + 0.02 + 0.01) is 0.49999999999999994 in floating point: still half.
    let summed = assess(
        &rates(
            Some(0.06),
            &[("401", 0.02), ("403", 0.01), ("429", 0.02), ("500", 0.01)],
        ),
        &TH,
    );
    assert_eq!(summed.dominant.map(|d| d.class), Some(StatusClass::Auth));
    assert!(
        summed.evidence.en.ends_with("; 50% are 401/403 (authentication)"),
        "{}",
        summed.evidence.en
    );
    let three = assess(&rates(Some(1.0), &[("401", 0.34), ("429", 0.33), ("503", 0.33)]), &TH);
    assert_eq!(three.dominant, None);
    assert_eq!(
        three.evidence.en,
        "1 errors/s over 5 min (threshold 0.1/s); no status class reaches 50% (largest: 401 at 34%)"
    );
    assert!(three
        .evidence
        .zh
        .ends_with(";没有状态类别达到 50%(最多的是 401,占 34%)"));
}

#[test]
fn classes_group_codes() {
    assert_eq!(StatusClass::of("401"), StatusClass::Auth);
    assert_eq!(StatusClass::of("403"), StatusClass::Auth);
    assert_eq!(StatusClass::of("429"), StatusClass::RateLimit);
    assert_eq!(StatusClass::of("500"), StatusClass::VendorError);
    assert_eq!(StatusClass::of("599"), StatusClass::VendorError);
    assert_eq!(StatusClass::of("5xx"), StatusClass::VendorError);
    assert_eq!(StatusClass::of("5000"), StatusClass::Other);
    assert_eq!(StatusClass::of("400"), StatusClass::Other);
    assert_eq!(StatusClass::of(""), StatusClass::Other);
    assert_eq!(StatusClass::of("timeout"), StatusClass::Other);

    let a = assess(
        &rates(Some(2.0), &[("502", 1.0), ("500", 0.6), ("503", 0.3), ("504", 0.1)]),
        &TH,
    );
    let d = a.dominant.unwrap();
    assert_eq!(d.class, StatusClass::VendorError);
    assert_eq!(d.share, 1.0);
    assert!(
        a.evidence
            .en
            .ends_with("; 100% are 502/500/503/… (vendor server errors)"),
        "{}",
        a.evidence.en
    );
}

#[test]
fn nan_codes_and_missing_labels_in_the_breakdown() {
    let a = assess(&rates(Some(0.4), &[("", 0.3), ("429", 0.1), ("500", f64::NAN)]), &TH);
    let d = a.dominant.unwrap();
    assert_eq!(d.class, StatusClass::Other);
    assert!((d.share - 0.75).abs() < 1e-9);
    assert!(
        a.evidence.en.ends_with("; 75% are (no code) (other errors)"),
        "{}",
        a.evidence.en
    );
    assert!(
        a.evidence.zh.ends_with(";75% 为 (无状态码)(其他错误)"),
        "{}",
        a.evidence.zh
    );
    let all_nan = assess(&rates(Some(0.4), &[("429", f64::NAN)]), &TH);
    assert_eq!(all_nan.dominant, None);
    assert_eq!(all_nan.evidence.en, "0.4 errors/s over 5 min (threshold 0.1/s)");
}

/// The two answers as a backend sent them, through the parser and into the verdict.
fn from_bodies(total: serde_json::Value, by_code: serde_json::Value) -> ErrorRates {
    ErrorRates::from_results(
        &parse_instant(&total).unwrap(),
        &parse_instant(&by_code).unwrap(),
        "code",
    )
}

fn vector_body(rows: &[(&str, &str)], extra: serde_json::Value) -> serde_json::Value {
    let result: Vec<serde_json::Value> = rows
        .iter()
        .map(|(code, v)| {
            let metric = if code.is_empty() {
                serde_json::json!({})
            } else {
                serde_json::json!({ "code": code })
            };
            serde_json::json!({ "metric": metric, "value": [1714564830.5, v] })
        })
        .collect();
    let mut body = serde_json::json!({"status": "success", "data": {"resultType": "vector", "result": result}});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

#[test]
fn partial_answers_are_never_ok() {
    let thanos_warning = serde_json::json!({"warnings": [
        "No StoreAPIs matched for this query",
        "fetch series for {__name__=\"vendor_errors_total\"}: receive series from Addr: 10.0.0.7:10901: rpc error: code = Unavailable"
    ]});
    let vm_partial = serde_json::json!({"isPartial": true});
    for extra in [thanos_warning, vm_partial] {
        let low = from_bodies(
            vector_body(&[("", "0.02")], extra.clone()),
            vector_body(&[("429", "0.02")], serde_json::json!({})),
        );
        let a = assess(&low, &TH);
        assert_eq!(
            a.verdict,
            ErrorVerdict::Unknown,
            "{extra}: a low rate from partial data"
        );
        assert!(a.evidence.en.contains("Partial data"), "{}", a.evidence.en);
        assert!(a.evidence.zh.contains("数据不完整"), "{}", a.evidence.zh);

        // What is there is already above the threshold: a problem, still marked partial.
        let high = from_bodies(
            vector_body(&[("", "0.7")], serde_json::json!({})),
            vector_body(&[("429", "0.6"), ("500", "0.1")], extra.clone()),
        );
        let a = assess(&high, &TH);
        assert_eq!(a.verdict, ErrorVerdict::Elevated, "{extra}");
        assert!(a.evidence.en.contains("Partial data"), "{}", a.evidence.en);
    }
    let thanos = from_bodies(
        vector_body(
            &[("", "0.02")],
            serde_json::json!({"warnings": ["No StoreAPIs matched for this query"]}),
        ),
        vector_body(&[], serde_json::json!({})),
    );
    assert!(thanos.partial.unwrap().en.contains("No StoreAPIs matched"));
}

#[test]
fn complete_answers_with_infos_or_is_partial_false_are_judged_as_usual() {
    let extra = serde_json::json!({
        "isPartial": false,
        "warnings": [],
        "infos": ["PromQL info: metric might not be a counter, name does not end in _total or _sum or _count or _bucket: \"x\""]
    });
    let r = from_bodies(
        vector_body(&[("", "0.02")], extra.clone()),
        vector_body(&[("429", "0.02")], extra),
    );
    assert_eq!(r.partial, None);
    assert_eq!(assess(&r, &TH).verdict, ErrorVerdict::Ok);
}

#[test]
fn old_stored_rates_without_partial_still_load() {
    let r: ErrorRates = serde_json::from_str(r#"{"total": 0.5, "by_code": [["429", 0.5]]}"#).unwrap();
    assert_eq!(r, rates(Some(0.5), &[("429", 0.5)]));
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"total":0.5,"by_code":[["429",0.5]]}"#
    );
}

#[test]
fn the_wizard_reads_partial_rates_as_unknown() {
    use crate::tree::{Observations, Reading};
    use chrono::TimeZone;
    let now = chrono::Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
    let mut errors = super::Signal::default();
    let partial = from_bodies(
        vector_body(&[("", "0.02")], serde_json::json!({"isPartial": true})),
        vector_body(&[("429", "0.02")], serde_json::json!({})),
    );
    errors.record_success(partial, super::Source::Primary, now);
    let o = Observations::for_vendor(
        None,
        &super::Signal::Pending,
        &super::Signal::Pending,
        &errors,
        &TH,
        30,
        now,
    );
    let Reading::Unknown(why) = &o.error_rate else {
        panic!("a partial rate was read as known: {:?}", o.error_rate);
    };
    assert!(why.en.contains("Partial data"), "{}", why.en);
    assert!(matches!(o.code_rates, Reading::Unknown(_)));
}
