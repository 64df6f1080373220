//! Our integration's `/health` answer: the `services.<key>` entry, the key being the runbook's
//! `health_service`.

use serde_json::Value;

use super::fetch::ShapeError;
use super::fmt::excerpt;
use super::json;
use crate::i18n::{Bilingual, Text};

const KEY_CHARS: usize = 40;
const VALUE_CHARS: usize = 160;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum HealthVerdict {
    Healthy,
    Degraded,
    Down,
    /// A status word we do not recognise (empty when none was reported): never read as healthy.
    Unknown(String),
}

impl HealthVerdict {
    /// Case-insensitive reading of the status words health endpoints commonly use.
    pub fn parse(raw: &str) -> HealthVerdict {
        match raw.trim().to_ascii_lowercase().as_str() {
            "ok" | "healthy" | "up" | "pass" | "passing" | "green" | "operational" | "available" => {
                HealthVerdict::Healthy
            }
            "degraded" | "warn" | "warning" | "partial" | "slow" | "yellow" => HealthVerdict::Degraded,
            "down" | "unhealthy" | "fail" | "failed" | "failing" | "error" | "critical" | "red" | "unavailable"
            | "outage" => HealthVerdict::Down,
            _ => HealthVerdict::Unknown(excerpt(raw, KEY_CHARS)),
        }
    }

    pub fn label(&self) -> Bilingual {
        let t = match self {
            HealthVerdict::Healthy => Text::new("Healthy", "健康"),
            HealthVerdict::Degraded => Text::new("Degraded", "降级"),
            HealthVerdict::Down => Text::new("Down", "不可用"),
            HealthVerdict::Unknown(raw) if raw.is_empty() => Text::new("No status reported", "未报告状态"),
            HealthVerdict::Unknown(raw) => {
                return Bilingual::new(format!("Unknown status \"{raw}\""), format!("未知状态 \"{raw}\""));
            }
        };
        t.into()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HealthStatus {
    pub verdict: HealthVerdict,
    /// The entry's other fields (latency_ms, error, last_success, ...) as display text, sorted by key.
    pub details: Vec<(String, String)>,
}

/// Reads `services.<service>`, either a bare status word or an object with a `status` field.
pub fn parse_health_entry(v: &Value, service: &str) -> Result<HealthStatus, ShapeError> {
    let services = json::field(v, "", "services")?;
    let path = json::join("services", service);
    let entry = json::field(services, "services", service)?;
    match entry {
        Value::String(s) => Ok(HealthStatus {
            verdict: HealthVerdict::parse(s),
            details: Vec::new(),
        }),
        Value::Object(fields) => {
            let verdict = match fields.get("status") {
                Some(Value::String(s)) => HealthVerdict::parse(s),
                Some(Value::Bool(true)) => HealthVerdict::Healthy,
                Some(Value::Bool(false)) => HealthVerdict::Down,
                None | Some(Value::Null) => HealthVerdict::Unknown(String::new()),
                Some(other) => HealthVerdict::Unknown(excerpt(&other.to_string(), KEY_CHARS)),
            };
            let mut details: Vec<(String, String)> = fields
                .iter()
                .filter(|(k, _)| k.as_str() != "status")
                .map(|(k, v)| (excerpt(k, KEY_CHARS), display(v)))
                .collect();
            details.sort();
            Ok(HealthStatus { verdict, details })
        }
        other => Err(ShapeError::wrong_type(
            path,
            Text::new("a status string or an object", "状态字符串或对象"),
            other,
        )),
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => excerpt(s, VALUE_CHARS),
        other => excerpt(&other.to_string(), VALUE_CHARS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::fetch::{classify, FetchFailure, RawResponse};
    use serde_json::json;

    fn parse(v: &Value) -> Result<HealthStatus, ShapeError> {
        parse_health_entry(v, "mail-sync")
    }

    fn health(entry: Value) -> Value {
        json!({"status": "ok", "services": {"database": "ok", "mail-sync": entry}})
    }

    #[test]
    fn bare_status_words() {
        for (word, verdict) in [
            ("ok", HealthVerdict::Healthy),
            ("Healthy", HealthVerdict::Healthy),
            (" UP ", HealthVerdict::Healthy),
            ("degraded", HealthVerdict::Degraded),
            ("down", HealthVerdict::Down),
            ("unhealthy", HealthVerdict::Down),
            ("error", HealthVerdict::Down),
            ("maybe", HealthVerdict::Unknown("maybe".into())),
        ] {
            let h = parse(&health(json!(word))).unwrap();
            assert_eq!(h.verdict, verdict, "{word}");
            assert!(h.details.is_empty());
        }
    }

    #[test]
    fn object_keeps_details_for_display() {
        let h = parse(&health(json!({
            "status": "degraded",
            "latency_ms": 2350,
            "error": "upstream 429\nToo Many Requests",
            "last_success": "2024-05-01T12:00:00Z",
            "circuit_open": false,
            "extra": null
        })))
        .unwrap();
        assert_eq!(h.verdict, HealthVerdict::Degraded);
        let d: Vec<(&str, &str)> = h.details.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            d,
            [
                ("circuit_open", "false"),
                ("error", "upstream 429 Too Many Requests"),
                ("extra", "null"),
                ("last_success", "2024-05-01T12:00:00Z"),
                ("latency_ms", "2350"),
            ]
        );
    }

    #[test]
    fn odd_status_fields_are_unknown_not_healthy() {
        let verdict = |entry: Value| parse(&health(entry)).unwrap().verdict;
        assert_eq!(verdict(json!({"latency_ms": 5})), HealthVerdict::Unknown(String::new()));
        assert_eq!(verdict(json!({"status": null})), HealthVerdict::Unknown(String::new()));
        assert_eq!(verdict(json!({"status": 200})), HealthVerdict::Unknown("200".into()));
        assert_eq!(verdict(json!({"status": true})), HealthVerdict::Healthy);
        assert_eq!(verdict(json!({"status": false})), HealthVerdict::Down);
        assert_eq!(HealthVerdict::Unknown(String::new()).label().en, "No status reported");
        assert_eq!(HealthVerdict::Unknown("meh".into()).label().zh, "未知状态 \"meh\"");
    }

    #[test]
    fn a_503_that_reports_the_outage_is_a_reading() {
        let body =
            r#"{"status": "unhealthy", "services": {"mail-sync": {"status": "down", "error": "401 from vendor"}}}"#;
        let resp = RawResponse::Http {
            status: 503,
            body: body.into(),
            retry_after: None,
        };
        let h = classify(resp, parse).unwrap();
        assert_eq!(h.verdict, HealthVerdict::Down);
        assert_eq!(h.details, [("error".to_string(), "401 from vendor".to_string())]);
        let bare = RawResponse::Http {
            status: 503,
            body: "Service Unavailable".into(),
            retry_after: None,
        };
        assert_eq!(
            classify(bare, parse),
            Err(FetchFailure::ServerError {
                status: 503,
                excerpt: "Service Unavailable".into()
            })
        );
    }

    #[test]
    fn missing_or_mistyped_entry_is_named() {
        let e = parse(&json!({"services": {"database": "ok"}})).unwrap_err();
        assert_eq!(e.field, "services.mail-sync");
        assert_eq!(parse(&json!({"status": "ok"})).unwrap_err().field, "services");
        assert_eq!(parse(&json!({"services": []})).unwrap_err().field, "services");
        let e = parse(&health(json!(1))).unwrap_err();
        assert_eq!(e.field, "services.mail-sync");
        assert!(e.problem.en.contains("status string or an object"));
    }
}
