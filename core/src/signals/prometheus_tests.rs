use serde_json::json;

use super::prometheus::*;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn special_values() {
    assert!(parse_sample_value("NaN").unwrap().is_nan());
    assert_eq!(parse_sample_value("+Inf"), Some(f64::INFINITY));
    assert_eq!(parse_sample_value("-Inf"), Some(f64::NEG_INFINITY));
    assert_eq!(parse_sample_value("0.72"), Some(0.72));
    assert_eq!(parse_sample_value("1e-3"), Some(0.001));
    assert_eq!(parse_sample_value("abc"), None);
    assert_eq!(parse_sample_value(""), None);
}

#[test]
fn vector_with_labels_nan_and_missing_metric() {
    let body = json!({"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {"code": "429"}, "value": [1714567890.123, "0.58"]},
        {"metric": {"code": "500"}, "value": [1714567890.123, "NaN"]},
        {"metric": {}, "value": [1714567890.123, "+Inf"]},
        {"value": [1714567890.123, "-Inf"]}
    ]}});
    let InstantResult::Vector(s) = parse_instant(&body).unwrap().result else {
        panic!("not a vector")
    };
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].labels, labels(&[("code", "429")]));
    assert_eq!(
        s[0].point,
        Point {
            unix_secs: 1714567890.123,
            value: 0.58
        }
    );
    assert!(s[1].point.value.is_nan());
    assert_eq!(s[2].labels, Labels::new());
    assert_eq!(s[2].point.value, f64::INFINITY);
    assert_eq!(s[3].labels, Labels::new());
    assert_eq!(s[3].point.value, f64::NEG_INFINITY);
}

#[test]
fn empty_vector_and_scalar() {
    let empty = json!({"status": "success", "data": {"resultType": "vector", "result": []}});
    assert_eq!(parse_instant(&empty).unwrap().result, InstantResult::Vector(vec![]));
    let scalar = json!({"status": "success", "data": {"resultType": "scalar", "result": [1714567890, "2"]}});
    assert_eq!(
        parse_instant(&scalar).unwrap().result,
        InstantResult::Scalar(Point {
            unix_secs: 1714567890.0,
            value: 2.0
        })
    );
}

#[test]
fn matrix_series() {
    let body = json!({"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {"code": "429"}, "values": [[100, "1"], [160, "NaN"], [220, "3.5"]]},
        {"metric": {"code": "503"}, "values": []}
    ]}});
    let answer = parse_range(&body).unwrap();
    assert_eq!(answer.caveats, Caveats::default());
    let series = answer.series;
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].labels, labels(&[("code", "429")]));
    let values: Vec<f64> = series[0].points.iter().map(|p| p.value).collect();
    assert_eq!(values[0], 1.0);
    assert!(values[1].is_nan());
    assert_eq!(values[2], 3.5);
    assert_eq!(series[0].points[2].unix_secs, 220.0);
    assert!(series[1].points.is_empty());
    let none = json!({"data": {"resultType": "matrix", "result": []}});
    assert_eq!(parse_range(&none).unwrap(), RangeAnswer::default());
}

#[test]
fn result_type_must_match_the_query() {
    let matrix = json!({"data": {"resultType": "matrix", "result": []}});
    let e = parse_instant(&matrix).unwrap_err();
    assert_eq!(e.field, "data.resultType");
    assert!(e.problem.en.contains("vector or scalar, not \"matrix\""));
    let vector = json!({"data": {"resultType": "vector", "result": []}});
    assert_eq!(parse_range(&vector).unwrap_err().field, "data.resultType");
    let string = json!({"data": {"resultType": "string", "result": [1, "x"]}});
    assert_eq!(parse_instant(&string).unwrap_err().field, "data.resultType");
}

#[test]
fn malformed_answers_name_the_field() {
    let field = |v: serde_json::Value| parse_instant(&v).unwrap_err().field;
    assert_eq!(field(json!({"status": "success"})), "data");
    assert_eq!(field(json!({"data": {"result": []}})), "data.resultType");
    assert_eq!(field(json!({"data": {"resultType": "vector"}})), "data.result");
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": {}}})),
        "data.result"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"metric": {}}]}})),
        "data.result[0].value"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"value": [1, "1"]}, {"value": [1]}]}})),
        "data.result[1].value"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"value": [true, "1"]}]}})),
        "data.result[0].value[0]"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"value": ["NaN", "1"]}]}})),
        "data.result[0].value[0]"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"value": [1, null]}]}})),
        "data.result[0].value[1]"
    );
    let bad =
        parse_instant(&json!({"data": {"resultType": "vector", "result": [{"value": [1, "lots"]}]}})).unwrap_err();
    assert_eq!(bad.field, "data.result[0].value[1]");
    assert!(bad.problem.en.contains("\"lots\""));
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"metric": {"code": 429}, "value": [1, "1"]}]}})),
        "data.result[0].metric.code"
    );
    let range = json!({"data": {"resultType": "matrix", "result": [{"metric": {}, "values": [[1, "1"], [2, "x"]]}]}});
    assert_eq!(parse_range(&range).unwrap_err().field, "data.result[0].values[1][1]");
    let no_values = json!({"data": {"resultType": "matrix", "result": [{"metric": {}}]}});
    assert_eq!(parse_range(&no_values).unwrap_err().field, "data.result[0].values");
}

#[test]
fn times_as_strings_and_values_as_numbers_are_read() {
    let body = json!({"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {"code": "429"}, "value": ["1714567890.5", 0.58]},
        {"metric": {"code": "500"}, "value": [1714567890, 3]}
    ]}});
    let InstantResult::Vector(s) = parse_instant(&body).unwrap().result else {
        panic!("not a vector")
    };
    assert_eq!(
        s[0].point,
        Point {
            unix_secs: 1714567890.5,
            value: 0.58
        }
    );
    assert_eq!(
        s[1].point,
        Point {
            unix_secs: 1714567890.0,
            value: 3.0
        }
    );
    let range =
        json!({"data": {"resultType": "matrix", "result": [{"metric": {}, "values": [["100", "1"], [160, 2.5]]}]}});
    let points: Vec<(f64, f64)> = parse_range(&range).unwrap().series[0]
        .points
        .iter()
        .map(|p| (p.unix_secs, p.value))
        .collect();
    assert_eq!(points, [(100.0, 1.0), (160.0, 2.5)]);
}

/// Bodies as each backend sends them (shapes from their API documentation and, for
/// VictoriaMetrics 1.79, from the real server).
#[test]
fn caveats_of_each_backend() {
    let data = json!({"resultType": "vector", "result": [{"metric": {}, "value": [1714567890, "0.02"]}]});
    let prometheus = json!({"status": "success", "data": data});
    let prometheus_infos = json!({"status": "success", "data": data,
        "infos": ["PromQL info: metric might not be a counter, name does not end in _total or _sum or _count or _bucket: \"x\" (1:6)"]});
    let thanos = json!({"status": "success", "data": data,
        "warnings": ["No StoreAPIs matched for this query", "partial response: store 10.0.0.7:10901 timed out"]});
    let mimir = json!({"status": "success", "data": data,
        "warnings": ["PromQL warning: encountered a mix of histograms and floats for metric name \"x\""]});
    let victoria_cluster = json!({"status": "success", "isPartial": true, "data": data});
    let victoria_complete = json!({"status": "success", "isPartial": false, "data": data});

    let caveats = |v: &serde_json::Value| parse_instant(v).unwrap().caveats;
    assert_eq!(caveats(&prometheus), Caveats::default());
    assert_eq!(caveats(&victoria_complete), Caveats::default());
    assert_eq!(caveats(&prometheus).partial_note(), None);
    let infos = caveats(&prometheus_infos);
    assert!(!infos.partial);
    assert_eq!(infos.infos.len(), 1);
    assert_eq!(infos.partial_note(), None);

    let t = caveats(&thanos);
    assert!(t.partial);
    assert_eq!(
        t.warnings,
        [
            "No StoreAPIs matched for this query",
            "partial response: store 10.0.0.7:10901 timed out"
        ]
    );
    let note = t.partial_note().unwrap();
    assert!(
        note.en.starts_with("Partial data:") && note.en.contains("No StoreAPIs matched"),
        "{}",
        note.en
    );
    assert!(
        note.zh.starts_with("数据不完整") && note.zh.contains("No StoreAPIs matched"),
        "{}",
        note.zh
    );
    assert!(caveats(&mimir).partial);
    let vm = caveats(&victoria_cluster);
    assert!(vm.partial && vm.warnings.is_empty());
    assert!(vm.partial_note().unwrap().en.contains("isPartial"));

    // Odd shapes are kept, cut short, never a parse failure.
    let odd =
        json!({"status": "success", "data": data, "warnings": "one string", "infos": [{"k": 1}, "x".repeat(500)]});
    let c = caveats(&odd);
    assert_eq!(c.warnings, ["one string"]);
    assert_eq!(c.infos[0], r#"{"k":1}"#);
    assert!(c.infos[1].chars().count() <= 161);
}

/// Error answers as each backend sends them: named, and asked of the backup unless the query
/// itself was refused.
#[test]
fn error_bodies_are_named_and_only_query_errors_skip_the_backup() {
    use super::fetch::{classify, FetchFailure, RawResponse};
    let http = |status: u16, body: &str| RawResponse::Http {
        status,
        body: body.to_string(),
        retry_after: None,
    };
    let cases = [
        // Prometheus: a parse error, an execution limit, a timeout.
        (
            400,
            r#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected end of input"}"#,
            false,
        ),
        (
            422,
            r#"{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}"#,
            false,
        ),
        (
            503,
            r#"{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}"#,
            true,
        ),
        // Thanos and Mimir.
        (
            503,
            r#"{"status":"error","errorType":"unavailable","error":"no store matched for this query"}"#,
            true,
        ),
        (
            500,
            r#"{"status":"error","errorType":"internal","error":"expanding series: rpc error: code = Unavailable"}"#,
            true,
        ),
        // VictoriaMetrics 1.79: errorType is the HTTP status.
        (
            422,
            r#"{"status":"error","errorType":"422","error":"error when executing query=\"sum(rate(x[5m])\": argList: unexpected token"}"#,
            false,
        ),
        (
            503,
            r#"{"status":"error","errorType":"503","error":"cannot handle more than 8 concurrent search requests"}"#,
            true,
        ),
        // The proxy's allow-list.
        (
            403,
            r#"{"status":"error","errorType":"proxy_refused","error":"this query is not one the app sends"}"#,
            false,
        ),
    ];
    for (status, body, backup) in cases {
        let failure = classify(http(status, body), parse_instant).unwrap_err();
        let FetchFailure::PrometheusError { error_type, error } = &failure else {
            panic!("{body}: {failure:?}");
        };
        assert!(!error_type.is_empty() && !error.is_empty(), "{body}");
        let message = failure.message();
        assert!(
            message.en.contains(error_type.as_str()) && message.zh.contains(error_type.as_str()),
            "{}",
            message.en
        );
        assert_eq!(backup_may_answer(&failure), backup, "{body}");
    }
    // Plain-text errors from a query frontend or a load balancer: named by status and what
    // they say, never a value.
    for (status, body) in [
        (503, "too many outstanding requests\n"),
        (502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        (422, "expanding series: context deadline exceeded"),
    ] {
        let failure = classify(http(status, body), parse_instant).unwrap_err();
        assert!(
            matches!(&failure, FetchFailure::ServerError { status: s, excerpt } | FetchFailure::OtherStatus { status: s, excerpt }
                if *s == status && !excerpt.is_empty()),
            "{failure:?}"
        );
        assert!(failure.message().en.contains(&status.to_string()));
        assert!(backup_may_answer(&failure));
    }
}

/// Range answers carry the backend's caveats with the series, as instant answers do: a
/// Thanos partial response or a VictoriaMetrics cluster `isPartial` range is never complete.
#[test]
fn range_caveats_of_each_backend() {
    let result = json!([
        {"metric": {"code": "429"}, "values": [[1714567800, "0.5"], ["1714567860", 0.75], [1714567920, "NaN"]]},
        {"metric": {"code": "503"}, "values": [[1714567800, "+Inf"], [1714567860, "-Inf"]]}
    ]);
    let data = json!({"resultType": "matrix", "result": result});
    let prometheus = json!({"status": "success", "data": data});
    let thanos = json!({"status": "success", "data": data,
        "warnings": ["partial response: store 10.0.0.7:10901 timed out", "No StoreAPIs matched for this query"]});
    let victoria_cluster = json!({"status": "success", "isPartial": true, "data": data});
    let victoria_complete = json!({"status": "success", "isPartial": false, "data": data});
    let with_infos =
        json!({"status": "success", "data": data, "infos": ["PromQL info: metric might not be a counter"]});

    for body in [&prometheus, &thanos, &victoria_cluster, &victoria_complete, &with_infos] {
        let answer = parse_range(body).unwrap();
        assert_eq!(answer.series.len(), 2, "{body}");
        let points = &answer.series[0].points;
        assert_eq!(
            (
                points[0].unix_secs,
                points[0].value,
                points[1].unix_secs,
                points[1].value
            ),
            (1714567800.0, 0.5, 1714567860.0, 0.75)
        );
        assert!(points[2].value.is_nan());
        let special: Vec<f64> = answer.series[1].points.iter().map(|p| p.value).collect();
        assert_eq!(special, [f64::INFINITY, f64::NEG_INFINITY]);
    }

    let complete = parse_range(&prometheus).unwrap();
    assert_eq!(complete.caveats, Caveats::default());
    assert_eq!(complete.partial_note(), None);
    assert_eq!(parse_range(&victoria_complete).unwrap().caveats, Caveats::default());
    let infos = parse_range(&with_infos).unwrap();
    assert_eq!((infos.caveats.partial, infos.caveats.infos.len()), (false, 1));
    assert_eq!(infos.partial_note(), None);

    let t = parse_range(&thanos).unwrap();
    assert!(t.caveats.partial);
    assert_eq!(
        t.caveats.warnings[0],
        "partial response: store 10.0.0.7:10901 timed out"
    );
    let note = t.partial_note().unwrap();
    assert!(
        note.en.starts_with("Partial data:") && note.en.contains("store 10.0.0.7:10901 timed out"),
        "{}",
        note.en
    );
    assert!(
        note.zh.starts_with("数据不完整") && note.zh.contains("store 10.0.0.7:10901 timed out"),
        "{}",
        note.zh
    );

    let vm = parse_range(&victoria_cluster).unwrap();
    assert!(vm.caveats.partial && vm.caveats.warnings.is_empty());
    let note = vm.partial_note().unwrap();
    assert!(
        note.en.contains("isPartial") && note.zh.contains("isPartial"),
        "{note:?}"
    );

    // Hostile warnings are cut and made one safe line.
    let hostile = json!({"status": "success", "data": data,
        "warnings": [format!("store\n down\u{202E}{}", "x".repeat(400))]});
    let h = parse_range(&hostile).unwrap();
    let w = &h.caveats.warnings[0];
    assert!(w.starts_with("store down") && w.chars().count() <= 160, "{w}");
    assert!(!w.contains(['\n', '\u{202E}']), "{w:?}");
}

fn http(status: u16, body: &str) -> super::fetch::RawResponse {
    super::fetch::RawResponse::Http {
        status,
        body: body.to_string(),
        retry_after: None,
    }
}

/// Error bodies that are not Prometheus' own error JSON are named by status and by what they
/// say, in both languages, and are never read as an answer.
#[test]
fn text_and_foreign_json_error_bodies_are_named_with_an_excerpt() {
    use super::fetch::classify;
    // Real VictoriaMetrics 1.79.5 (-search.maxConcurrentRequests reached): text/plain 503.
    let victoria_503 = "remoteAddr: \"127.0.0.1:50746\"; requestURI: /api/v1/query_range?query=sum+by+%28code%29+%28rate%28vendor_errors_total%5b5m%5d%29%29&start=1796169593&end=1796173193&step=1; cannot handle more than 1 concurrent search requests during 1ms; possible solutions: increase `-search.maxQueueDuration`; increase `-search.maxQueryDuration`; increase `-search.maxConcurrentRequests`; increase server capacity\n";
    let cases: [(u16, &str, &str); 6] = [
        (
            422,
            "error when executing query=\"sum by (code) (rate(x[5m]))\": cannot select more than -search.maxSamplesPerQuery=10 samples\n",
            "cannot select more than -search.maxSamplesPerQuery=10 samples",
        ),
        (503, victoria_503, "cannot handle more than 1 concurrent search requests during 1ms"),
        (503, "service unavailable\n", "service unavailable"),
        (503, "too many outstanding requests\n", "too many outstanding requests"),
        // JSON, but not Prometheus' error shape: what it says is named.
        (
            503,
            r#"{"code":503,"error":"ingester ring unavailable"}"#,
            "ingester ring unavailable",
        ),
        (
            503,
            r#"{"status":"error","error":"no healthy upstream"}"#,
            "no healthy upstream",
        ),
    ];
    for (status, body, said) in cases {
        for parse in [
            |v: &serde_json::Value| parse_range(v).map(|_| ()),
            |v: &serde_json::Value| parse_instant(v).map(|_| ()),
        ] {
            let failure = classify(http(status, body), parse).unwrap_err();
            let m = failure.message();
            assert!(m.en.contains(&format!("HTTP {status}")), "{}", m.en);
            assert!(m.zh.contains(&format!("HTTP {status}")), "{}", m.zh);
            assert!(m.en.contains(said), "{body}: {}", m.en);
            assert!(m.zh.contains(said), "{body}: {}", m.zh);
            assert!(m.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", m.zh);
            // The proxy's request line is not repeated back.
            assert!(!m.en.contains("remoteAddr") && !m.en.contains("requestURI"), "{}", m.en);
        }
    }
}

#[test]
fn error_body_excerpts_are_short_and_safe() {
    use super::fetch::classify;
    let hostile = format!("bad\u{202E}gateway\u{0}\r\n\t{}", "y".repeat(2000));
    let m = classify(http(503, &hostile), parse_range).unwrap_err().message();
    assert!(m.en.contains("bad gateway") || m.en.contains("badgateway"), "{}", m.en);
    assert!(!m.en.contains(['\u{202E}', '\u{0}', '\r', '\n', '\t']), "{:?}", m.en);
    assert!(m.en.chars().count() < 400, "{} chars", m.en.chars().count());
    assert!(!m.zh.contains('\u{202E}'));
    // An HTML error page is named by its text, not its markup.
    let nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let m = classify(http(502, nginx), parse_range).unwrap_err().message();
    assert!(
        m.en.contains("Server error (HTTP 502)") && m.en.contains("502 Bad Gateway"),
        "{}",
        m.en
    );
    assert!(!m.en.contains('<'), "{}", m.en);
    // An empty body names the status alone, as before.
    let m = classify(http(503, " \n"), parse_range).unwrap_err().message();
    assert!(
        m.en.starts_with("Server error (HTTP 503)") && !m.en.contains('"'),
        "{}",
        m.en
    );
}
