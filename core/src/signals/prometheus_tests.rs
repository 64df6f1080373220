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
    let InstantResult::Vector(s) = parse_instant(&body).unwrap() else {
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
    assert_eq!(parse_instant(&empty).unwrap(), InstantResult::Vector(vec![]));
    let scalar = json!({"status": "success", "data": {"resultType": "scalar", "result": [1714567890, "2"]}});
    assert_eq!(
        parse_instant(&scalar).unwrap(),
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
    let series = parse_range(&body).unwrap();
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].labels, labels(&[("code", "429")]));
    let values: Vec<f64> = series[0].points.iter().map(|p| p.value).collect();
    assert_eq!(values[0], 1.0);
    assert!(values[1].is_nan());
    assert_eq!(values[2], 3.5);
    assert_eq!(series[0].points[2].unix_secs, 220.0);
    assert!(series[1].points.is_empty());
    let none = json!({"data": {"resultType": "matrix", "result": []}});
    assert_eq!(parse_range(&none).unwrap(), vec![]);
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
        field(json!({"data": {"resultType": "vector", "result": [{"value": ["1", "1"]}]}})),
        "data.result[0].value[0]"
    );
    assert_eq!(
        field(json!({"data": {"resultType": "vector", "result": [{"value": [1, 1]}]}})),
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
