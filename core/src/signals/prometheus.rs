//! Prometheus HTTP API answers: instant queries (vector or scalar) and range queries (matrix).
//! Sample values arrive as strings and may be "NaN", "+Inf" or "-Inf"; they are kept as such.

use std::collections::BTreeMap;

use serde_json::Value;

use super::fetch::ShapeError;
use super::fmt::excerpt;
use super::json;
use crate::i18n::{Bilingual, Text};

pub type Labels = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub unix_secs: f64,
    pub value: f64,
}

/// One element of an instant vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub labels: Labels,
    pub point: Point,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InstantResult {
    /// Empty when no series matched.
    Vector(Vec<Sample>),
    Scalar(Point),
}

/// One series of a range query, points in time order.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub labels: Labels,
    pub points: Vec<Point>,
}

/// Prometheus' text form of a float, including "NaN", "+Inf" and "-Inf".
pub fn parse_sample_value(s: &str) -> Option<f64> {
    match s {
        "NaN" => Some(f64::NAN),
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        _ => s.parse().ok(),
    }
}

/// `/api/v1/query`: a vector or a scalar.
pub fn parse_instant(v: &Value) -> Result<InstantResult, ShapeError> {
    let (result_type, result) = data(v)?;
    match result_type {
        "vector" => {
            let items = json::array(result, "data.result")?;
            let samples = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = json::index("data.result", i);
                    Ok(Sample {
                        labels: labels(item, &path)?,
                        point: point(json::field(item, &path, "value")?, &json::join(&path, "value"))?,
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok(InstantResult::Vector(samples))
        }
        "scalar" => Ok(InstantResult::Scalar(point(result, "data.result")?)),
        other => Err(unexpected_type(
            other,
            Text::new("vector or scalar", "vector 或 scalar"),
        )),
    }
}

/// `/api/v1/query_range`: a matrix.
pub fn parse_range(v: &Value) -> Result<Vec<Series>, ShapeError> {
    let (result_type, result) = data(v)?;
    if result_type != "matrix" {
        return Err(unexpected_type(result_type, Text::new("matrix", "matrix")));
    }
    json::array(result, "data.result")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = json::index("data.result", i);
            let values_path = json::join(&path, "values");
            let points = json::array(json::field(item, &path, "values")?, &values_path)?
                .iter()
                .enumerate()
                .map(|(j, p)| point(p, &json::index(&values_path, j)))
                .collect::<Result<_, _>>()?;
            Ok(Series {
                labels: labels(item, &path)?,
                points,
            })
        })
        .collect()
}

fn data(v: &Value) -> Result<(&str, &Value), ShapeError> {
    let data = json::field(v, "", "data")?;
    let result_type = json::string(json::field(data, "data", "resultType")?, "data.resultType")?;
    Ok((result_type, json::field(data, "data", "result")?))
}

fn unexpected_type(found: &str, expected: Text) -> ShapeError {
    ShapeError::invalid(
        "data.resultType",
        Bilingual::new(
            format!("must be {}, not \"{found}\"", expected.en),
            format!("应为 {},实际为 \"{found}\"", expected.zh),
        ),
    )
}

/// A sample's `metric` object; absent means no labels.
fn labels(item: &Value, path: &str) -> Result<Labels, ShapeError> {
    let metric_path = json::join(path, "metric");
    match json::object(item, path)?.get("metric") {
        None | Some(Value::Null) => Ok(Labels::new()),
        Some(m) => json::object(m, &metric_path)?
            .iter()
            .map(|(k, v)| Ok((k.clone(), json::string(v, &json::join(&metric_path, k))?.to_string())))
            .collect(),
    }
}

/// `[<unix seconds>, "<value>"]`.
fn point(v: &Value, path: &str) -> Result<Point, ShapeError> {
    let pair = json::array(v, path)?;
    let [t, value] = pair.as_slice() else {
        return Err(ShapeError::invalid(
            path,
            Bilingual::new("must be a [time, value] pair", "应为 [时间, 值] 二元组"),
        ));
    };
    let unix_secs = t
        .as_f64()
        .ok_or_else(|| ShapeError::wrong_type(format!("{path}[0]"), json::NUMBER, t))?;
    let value_path = format!("{path}[1]");
    let raw = json::string(value, &value_path)?;
    let value = parse_sample_value(raw).ok_or_else(|| {
        let raw = excerpt(raw, 40);
        ShapeError::invalid(
            &value_path,
            Bilingual::new(format!("is not a number: \"{raw}\""), format!("不是数字:\"{raw}\"")),
        )
    })?;
    Ok(Point { unix_secs, value })
}
