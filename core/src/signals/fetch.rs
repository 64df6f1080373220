//! What a fetch brought back, and the single place that turns it into a value or a named failure.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fmt::{excerpt, seconds_from_ms};
use crate::i18n::{Bilingual, Text};

/// Longest excerpt of a non-JSON body shown to the reader.
pub const BODY_EXCERPT_CHARS: usize = 80;
const DETAIL_CHARS: usize = 200;

/// What the shell's fetch produced, before any interpretation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawResponse {
    /// The browser reported no network, so nothing was sent.
    Offline,
    Timeout {
        after_ms: u32,
    },
    /// Any other fetch error (DNS, TLS, connection reset, CORS), with the browser's message.
    Network(String),
    /// `retry_after` is the raw `Retry-After` header, when there was one.
    Http {
        status: u16,
        body: String,
        retry_after: Option<String>,
    },
}

/// JSON that is not the expected shape: which field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// Dotted path of the field, e.g. `data.result[0].value`.
    pub field: String,
    pub problem: Bilingual,
}

impl ShapeError {
    pub fn missing(field: impl Into<String>) -> ShapeError {
        ShapeError {
            field: field.into(),
            problem: Bilingual::new("is missing", "缺失"),
        }
    }

    pub fn wrong_type(field: impl Into<String>, expected: Text, found: &Value) -> ShapeError {
        let found = json_kind(found);
        ShapeError {
            field: field.into(),
            problem: Bilingual::new(
                format!("must be {}, not {}", expected.en, found.en),
                format!("应为{},实际为{}", expected.zh, found.zh),
            ),
        }
    }

    pub fn invalid(field: impl Into<String>, problem: Bilingual) -> ShapeError {
        ShapeError {
            field: field.into(),
            problem,
        }
    }
}

fn json_kind(v: &Value) -> Text {
    match v {
        Value::Null => Text::new("null", "null"),
        Value::Bool(_) => Text::new("a boolean", "布尔值"),
        Value::Number(_) => Text::new("a number", "数字"),
        Value::String(_) => Text::new("a string", "字符串"),
        Value::Array(_) => Text::new("an array", "数组"),
        Value::Object(_) => Text::new("an object", "对象"),
    }
}

/// A parsed `Retry-After` header: delay-seconds or an HTTP date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    At(DateTime<Utc>),
}

impl RetryAfter {
    /// `None` for a header that is neither form; it is then ignored.
    pub fn parse(raw: &str) -> Option<RetryAfter> {
        let raw = raw.trim();
        if let Ok(secs) = raw.parse::<u64>() {
            return Some(RetryAfter::Seconds(secs));
        }
        DateTime::parse_from_rfc2822(raw)
            .ok()
            .map(|t| RetryAfter::At(t.with_timezone(&Utc)))
    }

    /// How long to wait from `now`; zero when the date has passed.
    pub fn delay(&self, now: DateTime<Utc>) -> Duration {
        match self {
            RetryAfter::Seconds(s) => Duration::from_secs(*s),
            RetryAfter::At(t) => (*t - now).to_std().unwrap_or(Duration::ZERO),
        }
    }
}

/// Why a signal could not be read. Each kind has its own bilingual, actionable message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// Nothing was asked: config.json does not name what to ask for (`field`, a dotted path).
    NotConfigured {
        field: &'static str,
    },
    Offline,
    Timeout {
        after_ms: u32,
    },
    /// Browser fetch error, already cut to a safe one-line excerpt.
    Network(String),
    /// HTTP 401 or 403.
    Unauthorized(u16),
    NotFound,
    RateLimited {
        retry_after: Option<RetryAfter>,
    },
    /// HTTP 5xx, with what its body says (safe to display, ≤ 200 chars, may be empty).
    ServerError {
        status: u16,
        excerpt: String,
    },
    /// Any other status (3xx, or a 4xx not named above), with what its body says.
    OtherStatus {
        status: u16,
        excerpt: String,
    },
    /// A success status whose body is not JSON; `excerpt` is safe to display (≤ 80 chars).
    NotJson {
        excerpt: String,
    },
    UnexpectedShape(ShapeError),
    /// Prometheus' own error body (`"status":"error"`), whatever the HTTP status was.
    PrometheusError {
        error_type: String,
        error: String,
    },
}

/// Turns what the shell fetched into the parsed value or a named failure.
///
/// Precedence for an HTTP response: a Prometheus error body wins over the status; then a
/// 2xx body must be JSON of the expected shape; a 5xx whose body still parses as the expected
/// shape is accepted (health endpoints answer 503 with a body saying what is down); any other
/// status is classified by its code and named with an excerpt of what its body says.
pub fn classify<T>(resp: RawResponse, parse: impl Fn(&Value) -> Result<T, ShapeError>) -> Result<T, FetchFailure> {
    let (status, body, retry_after) = match resp {
        RawResponse::Offline => return Err(FetchFailure::Offline),
        RawResponse::Timeout { after_ms } => return Err(FetchFailure::Timeout { after_ms }),
        RawResponse::Network(msg) => return Err(FetchFailure::Network(excerpt(&msg, DETAIL_CHARS))),
        RawResponse::Http {
            status,
            body,
            retry_after,
        } => (status, body, retry_after),
    };
    let json = serde_json::from_str::<Value>(&body).ok();
    if let Some(failure) = json.as_ref().and_then(prometheus_error) {
        return Err(failure);
    }
    match (status, &json) {
        (200..=299, None) => Err(FetchFailure::NotJson {
            excerpt: excerpt(&body, BODY_EXCERPT_CHARS),
        }),
        (200..=299, Some(v)) => parse(v).map_err(FetchFailure::UnexpectedShape),
        (500..=599, Some(v)) => parse(v).map_err(|_| FetchFailure::ServerError {
            status,
            excerpt: error_excerpt(&body, json.as_ref()),
        }),
        _ => Err(status_failure(status, retry_after.as_deref(), || {
            error_excerpt(&body, json.as_ref())
        })),
    }
}

fn prometheus_error(v: &Value) -> Option<FetchFailure> {
    if v.get("status")?.as_str()? != "error" {
        return None;
    }
    let error_type = v.get("errorType")?.as_str()?;
    let error = v.get("error").and_then(Value::as_str).unwrap_or("");
    Some(FetchFailure::PrometheusError {
        error_type: excerpt(error_type, BODY_EXCERPT_CHARS),
        error: excerpt(error, DETAIL_CHARS),
    })
}

fn status_failure(status: u16, retry_after: Option<&str>, excerpt: impl FnOnce() -> String) -> FetchFailure {
    match status {
        401 | 403 => FetchFailure::Unauthorized(status),
        404 => FetchFailure::NotFound,
        429 => FetchFailure::RateLimited {
            retry_after: retry_after.and_then(RetryAfter::parse),
        },
        500..=599 => FetchFailure::ServerError {
            status,
            excerpt: excerpt(),
        },
        _ => FetchFailure::OtherStatus {
            status,
            excerpt: excerpt(),
        },
    }
}

/// What an error answer says, safe to display: the `error` or `message` of a JSON body (whole,
/// when it has neither), the title or text of an HTML page, or plain text without the request
/// line some backends echo first (VictoriaMetrics: `remoteAddr: "..."; requestURI: ...; `).
fn error_excerpt(body: &str, json: Option<&Value>) -> String {
    let body = head(body, ERROR_BODY_SCAN_BYTES);
    let text = match json {
        Some(v) => json_error_text(v),
        None if body.trim_start().starts_with('<') => html_text(body),
        None => without_request_echo(body).to_string(),
    };
    excerpt(&text, DETAIL_CHARS)
}

/// How much of an error body is read for its excerpt: a huge page is not scanned whole.
const ERROR_BODY_SCAN_BYTES: usize = 16 * 1024;

/// The first `max_bytes` of `text`, cut at a character boundary.
fn head(text: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn json_error_text(v: &Value) -> String {
    let said = ["error", "message", "detail"]
        .iter()
        .find_map(|key| v.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty()));
    match (said, v) {
        (Some(s), _) => s.to_string(),
        (None, Value::String(s)) => s.clone(),
        (None, other) => other.to_string(),
    }
}

/// The page's `<title>`, or else its text with the tags left out.
fn html_text(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let title = lower.find("<title>").and_then(|open| {
        let start = open + "<title>".len();
        let len = lower[start..].find("</title>")?;
        Some(body[start..start + len].trim())
    });
    if let Some(t) = title.filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn without_request_echo(body: &str) -> &str {
    let mut rest = body.trim_start();
    for key in ["remoteAddr:", "requestURI:"] {
        if rest.starts_with(key) {
            rest = rest.split_once("; ").map_or("", |(_, r)| r).trim_start();
        }
    }
    rest
}

impl FetchFailure {
    /// The wait the server asked for, if any; the shell waits at least this long.
    pub fn retry_after(&self, now: DateTime<Utc>) -> Option<Duration> {
        match self {
            FetchFailure::RateLimited { retry_after: Some(r) } => Some(r.delay(now)),
            _ => None,
        }
    }

    pub fn message(&self) -> Bilingual {
        match self {
            FetchFailure::NotConfigured { field } => Bilingual::new(
                format!("Not queried: config.json does not set {field}. Treat this signal as unknown, not healthy."),
                format!("未查询:config.json 未设置 {field}。请将此信号视为未知,不要视为正常。"),
            ),
            FetchFailure::Offline => Bilingual::new(
                "You are offline. Reconnect (mobile data or VPN); the panel refreshes on its own.",
                "当前离线。请恢复网络(可用移动网络或 VPN);面板会自动刷新。",
            ),
            FetchFailure::Timeout { after_ms } => {
                let s = seconds_from_ms(*after_ms);
                Bilingual::new(
                    format!("Timed out after {s} s: the proxy or the service behind it did not answer. Retrying with backoff."),
                    format!("{s} 秒后超时:代理或其后端服务没有响应。将逐步延长间隔重试。"),
                )
            }
            FetchFailure::Network(detail) => Bilingual::new(
                format!("Network error ({detail}). Check your connection and that the reverse proxy is running."),
                format!("网络错误({detail})。请检查网络连接以及反向代理是否在运行。"),
            ),
            FetchFailure::Unauthorized(code) => Bilingual::new(
                format!("Access denied (HTTP {code}). Sign in to the proxy again or check its credentials."),
                format!("访问被拒绝(HTTP {code})。请重新登录代理或检查其凭据。"),
            ),
            FetchFailure::NotFound => Bilingual::new(
                "Not found (HTTP 404). Check the endpoint path in config.json and the proxy routes.",
                "未找到(HTTP 404)。请检查 config.json 中的端点路径和代理路由。",
            ),
            FetchFailure::RateLimited { retry_after } => rate_limited_message(retry_after.as_ref()),
            FetchFailure::ServerError { status, excerpt } if excerpt.is_empty() => Bilingual::new(
                format!("Server error (HTTP {status}) from the proxy or the service behind it; it may be down or overloaded."),
                format!("代理或其后端服务返回服务器错误(HTTP {status});服务可能宕机或过载。"),
            ),
            FetchFailure::ServerError { status, excerpt } => Bilingual::new(
                format!("Server error (HTTP {status}) from the proxy or the service behind it; it may be down or overloaded. It answered: \"{excerpt}\"."),
                format!("代理或其后端服务返回服务器错误(HTTP {status});服务可能宕机或过载。应答内容:\"{excerpt}\"。"),
            ),
            FetchFailure::OtherStatus { status, excerpt } if excerpt.is_empty() => Bilingual::new(
                format!("Unexpected HTTP status {status}. Check the endpoint in config.json and the proxy."),
                format!("意外的 HTTP 状态码 {status}。请检查 config.json 中的端点和代理。"),
            ),
            FetchFailure::OtherStatus { status: status @ 400..=499, excerpt } => Bilingual::new(
                format!("The service refused the request (HTTP {status}): \"{excerpt}\". Check the endpoint in config.json and the proxy."),
                format!("服务拒绝了请求(HTTP {status}):\"{excerpt}\"。请检查 config.json 中的端点和代理。"),
            ),
            FetchFailure::OtherStatus { status, excerpt } => Bilingual::new(
                format!("Unexpected HTTP status {status}: the service answered \"{excerpt}\". Check the endpoint in config.json and the proxy."),
                format!("意外的 HTTP 状态码 {status}:服务应答 \"{excerpt}\"。请检查 config.json 中的端点和代理。"),
            ),
            FetchFailure::NotJson { excerpt } if excerpt.is_empty() => Bilingual::new(
                "The response body is empty, not JSON. Check the endpoint path in config.json.",
                "响应内容为空,不是 JSON。请检查 config.json 中的端点路径。",
            ),
            FetchFailure::NotJson { excerpt } => Bilingual::new(
                format!("The response is not JSON (it starts \"{excerpt}\"): the proxy may be serving a login or error page. Check the endpoint path in config.json."),
                format!("响应不是 JSON(开头为 \"{excerpt}\"):代理可能返回了登录页或错误页。请检查 config.json 中的端点路径。"),
            ),
            FetchFailure::UnexpectedShape(e) => Bilingual::new(
                format!("Unexpected response: field \"{}\" {}. Check that the endpoint in config.json points to the right service.", e.field, e.problem.en),
                format!("响应格式不符:字段 \"{}\" {}。请确认 config.json 中的端点指向正确的服务。", e.field, e.problem.zh),
            ),
            FetchFailure::PrometheusError { error_type, error } => Bilingual::new(
                format!("Prometheus returned an error ({error_type}): {error}. Check prometheus.error_metric and status_code_label in config.json, or use the backup."),
                format!("Prometheus 返回错误({error_type}):{error}。请检查 config.json 中的 prometheus.error_metric 和 status_code_label,或改用备用实例。"),
            ),
        }
    }
}

fn rate_limited_message(retry_after: Option<&RetryAfter>) -> Bilingual {
    match retry_after {
        Some(RetryAfter::Seconds(s)) => Bilingual::new(
            format!("Rate limited (HTTP 429). The server asked to retry in {s} s; retrying then, or after the maximum back-off (refresh.max_backoff_secs) if that is sooner."),
            format!("请求过于频繁(HTTP 429)。服务器要求在 {s} 秒后重试;将照办,若最大退避时间(refresh.max_backoff_secs)更短则按其重试。"),
        ),
        Some(RetryAfter::At(t)) => {
            let at = format!("{} UTC", crate::time_text::date_clock(t));
            Bilingual::new(
                format!("Rate limited (HTTP 429). The server asked to wait until {at}; retrying then, or after the maximum back-off (refresh.max_backoff_secs) if that is sooner."),
                format!("请求过于频繁(HTTP 429)。服务器要求在 {at} 之后重试;将照办,若最大退避时间(refresh.max_backoff_secs)更短则按其重试。"),
            )
        }
        None => Bilingual::new(
            "Rate limited (HTTP 429). Refreshing less often until it clears.",
            "请求过于频繁(HTTP 429)。将降低刷新频率直至恢复。",
        ),
    }
}
