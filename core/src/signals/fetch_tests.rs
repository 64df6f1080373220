use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use std::time::Duration;

use super::fetch::*;

fn http(status: u16, body: &str) -> RawResponse {
    RawResponse::Http {
        status,
        body: body.into(),
        retry_after: None,
    }
}

/// A parser that wants `{"ok": <string>}`.
fn want_ok(v: &Value) -> Result<String, ShapeError> {
    match v.get("ok") {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(ShapeError::wrong_type(
            "ok",
            crate::i18n::Text::new("a string", "字符串"),
            other,
        )),
        None => Err(ShapeError::missing("ok")),
    }
}

#[test]
fn success_parses() {
    assert_eq!(classify(http(200, r#"{"ok":"yes"}"#), want_ok), Ok("yes".to_string()));
}

#[test]
fn transport_failures() {
    assert_eq!(classify(RawResponse::Offline, want_ok), Err(FetchFailure::Offline));
    assert_eq!(
        classify(RawResponse::Timeout { after_ms: 5000 }, want_ok),
        Err(FetchFailure::Timeout { after_ms: 5000 })
    );
    let long = format!("TypeError:\n{}", "x".repeat(500));
    match classify(RawResponse::Network(long), want_ok) {
        Err(FetchFailure::Network(m)) => {
            assert!(m.starts_with("TypeError: x"));
            assert_eq!(m.chars().count(), 200);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn statuses() {
    assert_eq!(
        classify(http(401, "nope"), want_ok),
        Err(FetchFailure::Unauthorized(401))
    );
    assert_eq!(classify(http(403, "{}"), want_ok), Err(FetchFailure::Unauthorized(403)));
    assert_eq!(classify(http(404, "<html>"), want_ok), Err(FetchFailure::NotFound));
    let server = |status: u16, excerpt: &str| FetchFailure::ServerError {
        status,
        excerpt: excerpt.into(),
    };
    let other = |status: u16, excerpt: &str| FetchFailure::OtherStatus {
        status,
        excerpt: excerpt.into(),
    };
    assert_eq!(
        classify(http(502, "<html>Bad Gateway</html>"), want_ok),
        Err(server(502, "Bad Gateway"))
    );
    assert_eq!(
        classify(http(500, r#"{"error":"boom"}"#), want_ok),
        Err(server(500, "boom"))
    );
    assert_eq!(
        classify(http(503, r#"{"message":"down for maintenance","code":503}"#), want_ok),
        Err(server(503, "down for maintenance"))
    );
    assert_eq!(
        classify(http(503, r#"{"state":"draining"}"#), want_ok),
        Err(server(503, r#"{"state":"draining"}"#))
    );
    assert_eq!(classify(http(504, ""), want_ok), Err(server(504, "")));
    assert_eq!(classify(http(418, ""), want_ok), Err(other(418, "")));
    assert_eq!(classify(http(302, ""), want_ok), Err(other(302, "")));
    assert_eq!(
        classify(http(422, "cannot parse \"step\"\n"), want_ok),
        Err(other(422, "cannot parse \"step\""))
    );
    assert_eq!(
        classify(http(429, ""), want_ok),
        Err(FetchFailure::RateLimited { retry_after: None })
    );
}

#[test]
fn huge_error_bodies_are_cut_at_a_character_boundary() {
    // 16 KiB falls inside a two-byte character.
    let page = format!("a{}<title>x</title>", "é".repeat(20_000));
    let Err(FetchFailure::ServerError { status: 503, excerpt }) = classify(http(503, &page), want_ok) else {
        panic!("not a server error");
    };
    assert!(excerpt.starts_with("aé") && excerpt.ends_with('…'), "{excerpt}");
    assert_eq!(excerpt.chars().count(), 200);
}

#[test]
fn server_error_with_expected_body_is_a_reading() {
    assert_eq!(classify(http(503, r#"{"ok":"down"}"#), want_ok), Ok("down".to_string()));
    assert_eq!(
        classify(http(400, r#"{"ok":"x"}"#), want_ok),
        Err(FetchFailure::OtherStatus {
            status: 400,
            excerpt: r#"{"ok":"x"}"#.into()
        })
    );
}

#[test]
fn retry_after_seconds_date_and_garbage() {
    let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 0).unwrap();
    let with = |h: &str| RawResponse::Http {
        status: 429,
        body: String::new(),
        retry_after: Some(h.into()),
    };
    let secs = classify(with(" 30 "), want_ok).unwrap_err();
    assert_eq!(
        secs,
        FetchFailure::RateLimited {
            retry_after: Some(RetryAfter::Seconds(30))
        }
    );
    assert_eq!(secs.retry_after(now), Some(Duration::from_secs(30)));
    assert!(secs.message().en.contains("in 30 s"));
    assert!(secs.message().zh.contains("30 秒后"));

    let date = classify(with("Wed, 21 Oct 2015 07:28:00 GMT"), want_ok).unwrap_err();
    assert_eq!(date.retry_after(now), Some(Duration::from_secs(60)));
    assert!(date.message().en.contains("2015-10-21 07:28:00 UTC"));
    let later = Utc.with_ymd_and_hms(2015, 10, 21, 8, 0, 0).unwrap();
    assert_eq!(date.retry_after(later), Some(Duration::ZERO));

    let junk = classify(with("soon"), want_ok).unwrap_err();
    assert_eq!(junk, FetchFailure::RateLimited { retry_after: None });
    assert_eq!(junk.retry_after(now), None);
    assert_eq!(FetchFailure::NotFound.retry_after(now), None);
}

#[test]
fn not_json_gives_short_safe_excerpt() {
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>Sign in</title>{}",
        "<p>x</p>".repeat(40)
    );
    match classify(http(200, &page), want_ok) {
        Err(FetchFailure::NotJson { excerpt }) => {
            assert!(excerpt.starts_with("<!DOCTYPE html> <html><head><title>Sign in"));
            assert_eq!(excerpt.chars().count(), BODY_EXCERPT_CHARS);
        }
        other => panic!("{other:?}"),
    }
    let empty = classify(http(200, ""), want_ok).unwrap_err();
    assert_eq!(empty, FetchFailure::NotJson { excerpt: String::new() });
    assert!(empty.message().en.contains("empty"));
}

#[test]
fn wrong_shape_names_the_field() {
    let missing = classify(http(200, "{}"), want_ok).unwrap_err();
    assert_eq!(missing, FetchFailure::UnexpectedShape(ShapeError::missing("ok")));
    assert!(missing.message().en.contains("field \"ok\" is missing"));
    assert!(missing.message().zh.contains("字段 \"ok\" 缺失"));
    let typed = classify(http(200, r#"{"ok":[1]}"#), want_ok).unwrap_err();
    assert!(typed.message().en.contains("\"ok\" must be a string, not an array"));
    assert!(typed.message().zh.contains("应为字符串,实际为数组"));
}

#[test]
fn prometheus_error_body_wins_over_status() {
    let body = json!({"status": "error", "errorType": "bad_data", "error": "parse error at char 5"}).to_string();
    let expected = FetchFailure::PrometheusError {
        error_type: "bad_data".into(),
        error: "parse error at char 5".into(),
    };
    for status in [200, 400, 422, 503] {
        assert_eq!(
            classify(http(status, &body), want_ok),
            Err(expected.clone()),
            "status {status}"
        );
    }
    assert!(expected.message().en.contains("(bad_data): parse error at char 5"));
    // A health body that merely says "status": "error" is not a Prometheus error.
    let health = r#"{"status":"error","ok":"down"}"#;
    assert_eq!(classify(http(503, health), want_ok), Ok("down".to_string()));
}

#[test]
fn every_failure_has_both_languages() {
    let all = [
        FetchFailure::Offline,
        FetchFailure::Timeout { after_ms: 5000 },
        FetchFailure::Network("TypeError: Failed to fetch".into()),
        FetchFailure::Unauthorized(401),
        FetchFailure::NotFound,
        FetchFailure::RateLimited { retry_after: None },
        FetchFailure::ServerError {
            status: 502,
            excerpt: String::new(),
        },
        FetchFailure::ServerError {
            status: 503,
            excerpt: "service unavailable".into(),
        },
        FetchFailure::OtherStatus {
            status: 418,
            excerpt: String::new(),
        },
        FetchFailure::OtherStatus {
            status: 422,
            excerpt: "too many samples".into(),
        },
        FetchFailure::OtherStatus {
            status: 302,
            excerpt: "Found".into(),
        },
        FetchFailure::NotJson {
            excerpt: "<html>".into(),
        },
        FetchFailure::UnexpectedShape(ShapeError::missing("data")),
        FetchFailure::PrometheusError {
            error_type: "timeout".into(),
            error: "query timed out".into(),
        },
    ];
    let mut seen = std::collections::HashSet::new();
    for f in &all {
        let m = f.message();
        assert!(!m.en.is_empty() && !m.zh.is_empty(), "{f:?}");
        assert!(
            m.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{f:?} zh has no Chinese"
        );
        assert!(seen.insert(m.en.clone()), "{f:?} message not distinct");
    }
    let t = FetchFailure::Timeout { after_ms: 5000 }.message();
    assert!(t.en.starts_with("Timed out after 5 s"));
    assert!(t.zh.starts_with("5 秒后超时"));
    assert!(FetchFailure::Unauthorized(403).message().en.contains("HTTP 403"));
    let server = FetchFailure::ServerError {
        status: 504,
        excerpt: String::new(),
    };
    assert!(server.message().zh.contains("HTTP 504"));
    let said = FetchFailure::ServerError {
        status: 503,
        excerpt: "service unavailable".into(),
    }
    .message();
    assert!(
        said.en.ends_with("It answered: \"service unavailable\"."),
        "{}",
        said.en
    );
    assert!(said.zh.ends_with("应答内容:\"service unavailable\"。"), "{}", said.zh);
    let refused = FetchFailure::OtherStatus {
        status: 422,
        excerpt: "too many samples".into(),
    }
    .message();
    assert!(refused
        .en
        .starts_with("The service refused the request (HTTP 422): \"too many samples\""));
    assert!(refused.zh.starts_with("服务拒绝了请求(HTTP 422):\"too many samples\""));
}
