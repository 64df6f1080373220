//! Prometheus HTTP API answers: instant queries (vector or scalar) and range queries (matrix),
//! from Prometheus or a compatible backend (Thanos, Mimir, VictoriaMetrics).
//! Sample values arrive as strings and may be "NaN", "+Inf" or "-Inf"; they are kept as such.
//! Some backends and proxies send times as strings or values as numbers: both are read.

use std::collections::BTreeMap;

use serde_json::Value;

use super::fetch::{FetchFailure, ShapeError};
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

/// An instant answer with what the backend said about it besides the data.
#[derive(Clone, Debug, PartialEq)]
pub struct InstantAnswer {
    pub result: InstantResult,
    pub caveats: Caveats,
}

/// What a backend says about an answer besides its data. Prometheus, Thanos and Mimir send
/// `warnings` (Thanos reports a store that did not answer as one, under its partial-response
/// strategy) and, since Prometheus 2.46, `infos`; VictoriaMetrics cluster sets `isPartial` when
/// a storage node did not answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Caveats {
    /// `isPartial: true`, or any warning: the data may be missing some series or samples.
    pub partial: bool,
    /// `warnings`, then `infos`, each cut to a safe excerpt.
    pub warnings: Vec<String>,
    pub infos: Vec<String>,
}

const MAX_CAVEATS: usize = 5;
const CAVEAT_CHARS: usize = 160;

impl Caveats {
    /// Never fails: a caveat of an unexpected shape is kept as its JSON text.
    pub fn parse(v: &Value) -> Caveats {
        let list = |key: &str| -> Vec<String> {
            match v.get(key) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(items)) => items.iter().take(MAX_CAVEATS).map(caveat_text).collect(),
                Some(other) => vec![caveat_text(other)],
            }
        };
        let warnings = list("warnings");
        let is_partial = matches!(v.get("isPartial"), Some(Value::Bool(true)));
        Caveats {
            partial: is_partial || !warnings.is_empty(),
            warnings,
            infos: list("infos"),
        }
    }

    /// "Partial data: ..." in both languages, naming what the backend said; `None` when complete.
    pub fn partial_note(&self) -> Option<Bilingual> {
        if !self.partial {
            return None;
        }
        let said = if self.warnings.is_empty() {
            Bilingual::new("isPartial is true", "isPartial 为 true")
        } else {
            let w = self.warnings.join("; ");
            Bilingual::new(format!("warnings: {w}"), format!("警告:{w}"))
        };
        Some(Bilingual::new(
            format!(
                "Partial data: the Prometheus backend says the answer may be incomplete ({}).",
                said.en
            ),
            format!("数据不完整:Prometheus 后端表示结果可能缺失部分数据({})。", said.zh),
        ))
    }
}

fn caveat_text(v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    excerpt(&text, CAVEAT_CHARS)
}

/// One series of a range query, points in time order.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub labels: Labels,
    pub points: Vec<Point>,
}

/// A range answer with what the backend said about it besides the data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RangeAnswer {
    /// Empty when no series matched.
    pub series: Vec<Series>,
    pub caveats: Caveats,
}

impl RangeAnswer {
    /// "Partial data: ..." in both languages when the backend said the range may be incomplete.
    pub fn partial_note(&self) -> Option<Bilingual> {
        self.caveats.partial_note()
    }
}

/// Error types of a query the backend refused as such, which a backup would refuse too:
/// Prometheus, Thanos and Mimir name them; VictoriaMetrics sends the HTTP status instead; the
/// proxy's allow-list (deploy/prometheus_guard.js) sends `proxy_refused`.
const QUERY_ERROR_TYPES: [&str; 5] = ["bad_data", "execution", "400", "422", "proxy_refused"];

/// Whether the backup may answer where the primary failed: yes, unless the primary refused
/// the query itself. A backend that is overloaded, timing out or missing a store (`timeout`,
/// `unavailable`, `internal`, VictoriaMetrics' `"503"`) is worth asking the backup about.
pub fn backup_may_answer(failure: &FetchFailure) -> bool {
    match failure {
        FetchFailure::PrometheusError { error_type, .. } => !QUERY_ERROR_TYPES.contains(&error_type.as_str()),
        _ => true,
    }
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

/// `/api/v1/query`: a vector or a scalar, with the backend's caveats.
pub fn parse_instant(v: &Value) -> Result<InstantAnswer, ShapeError> {
    Ok(InstantAnswer {
        result: parse_instant_result(v)?,
        caveats: Caveats::parse(v),
    })
}

fn parse_instant_result(v: &Value) -> Result<InstantResult, ShapeError> {
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

/// `/api/v1/query_range`: a matrix, with the backend's caveats.
pub fn parse_range(v: &Value) -> Result<RangeAnswer, ShapeError> {
    Ok(RangeAnswer {
        series: parse_matrix(v)?,
        caveats: Caveats::parse(v),
    })
}

fn parse_matrix(v: &Value) -> Result<Vec<Series>, ShapeError> {
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
    let time_path = format!("{path}[0]");
    let unix_secs = number(t, &time_path)?;
    if !unix_secs.is_finite() {
        return Err(ShapeError::invalid(
            &time_path,
            Bilingual::new("must be a finite time", "应为有限的时间值"),
        ));
    }
    let value = number(value, &format!("{path}[1]"))?;
    Ok(Point { unix_secs, value })
}

/// A JSON number, or a string in Prometheus' float syntax.
fn number(v: &Value, path: &str) -> Result<f64, ShapeError> {
    let raw = match v {
        Value::Number(n) => return n.as_f64().ok_or_else(|| ShapeError::wrong_type(path, json::NUMBER, v)),
        Value::String(s) => s,
        other => return Err(ShapeError::wrong_type(path, json::NUMBER, other)),
    };
    parse_sample_value(raw).ok_or_else(|| {
        let raw = excerpt(raw, 40);
        ShapeError::invalid(
            path,
            Bilingual::new(format!("is not a number: \"{raw}\""), format!("不是数字:\"{raw}\"")),
        )
    })
}
