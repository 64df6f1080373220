//! PromQL for the error-rate panel and the Prometheus API URLs that carry it.

use chrono::{DateTime, Utc};

use crate::config::PrometheusConfig;
use crate::i18n::Text;
use crate::signals::fetch::FetchFailure;

/// The `rate()` range of every error-rate query, in minutes.
pub const RATE_RANGE_MINUTES: u32 = 5;

/// How much history the chart shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Window {
    Last15Min,
    #[default]
    LastHour,
    Last6Hours,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::Last15Min, Window::LastHour, Window::Last6Hours];

    pub fn seconds(self) -> i64 {
        match self {
            Window::Last15Min => 15 * 60,
            Window::LastHour => 3600,
            Window::Last6Hours => 6 * 3600,
        }
    }

    /// Resolution giving 60-90 intervals per window.
    pub fn step_secs(self) -> i64 {
        match self {
            Window::Last15Min => 15,
            Window::LastHour => 60,
            Window::Last6Hours => 240,
        }
    }

    /// `(start, end)` in whole unix seconds, ending at `now`.
    pub fn bounds(self, now: DateTime<Utc>) -> (i64, i64) {
        let end = now.timestamp();
        (end - self.seconds(), end)
    }

    pub fn label(self) -> Text {
        match self {
            Window::Last15Min => Text::new("15 min", "15 分钟"),
            Window::LastHour => Text::new("1 h", "1 小时"),
            Window::Last6Hours => Text::new("6 h", "6 小时"),
        }
    }

    /// Stable key for storage and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Last15Min => "15m",
            Window::LastHour => "1h",
            Window::Last6Hours => "6h",
        }
    }

    pub fn parse(s: &str) -> Option<Window> {
        Window::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

/// Why no error-rate query can be asked: config.json names no error metric (it has no built-in
/// one), so any query would be made up.
pub fn not_configured(p: &PrometheusConfig) -> Option<FetchFailure> {
    p.error_metric.is_empty().then_some(FetchFailure::NotConfigured {
        field: "prometheus.error_metric",
    })
}

/// `sum(rate(<metric>[5m]))`; names come from the validated config.
pub fn error_rate_total_query(p: &PrometheusConfig) -> String {
    format!("sum(rate({}[{RATE_RANGE_MINUTES}m]))", p.error_metric)
}

/// `sum by (<label>) (rate(<metric>[5m]))`.
pub fn error_rate_by_code_query(p: &PrometheusConfig) -> String {
    format!(
        "sum by ({}) (rate({}[{RATE_RANGE_MINUTES}m]))",
        p.status_code_label, p.error_metric
    )
}

/// `<base>/api/v1/query?query=...`
pub fn instant_query_url(base: &str, query: &str) -> String {
    format!(
        "{}/api/v1/query?query={}",
        base.trim_end_matches('/'),
        percent_encode(query)
    )
}

/// `<base>/api/v1/query_range?query=...&start=..&end=..&step=..` with absolute unix times.
pub fn range_query_url(base: &str, query: &str, window: Window, now: DateTime<Utc>) -> String {
    let (start, end) = window.bounds(now);
    range_url(base, query, start, end, window.step_secs())
}

/// Prometheus refuses range queries of more than 11,000 points per series.
pub const MAX_RANGE_POINTS: i64 = 11_000;
/// Finer steps than the scrape interval only repeat samples.
pub const MIN_STEP_SECS: i64 = 15;

/// The finest step (at least 15 s) that keeps a span within Prometheus' limit: a range query
/// returns `span / step + 1` points (integer division), so the step must exceed `span / 11,000`.
pub fn step_for_span(span_secs: i64) -> i64 {
    (span_secs / MAX_RANGE_POINTS + 1).max(MIN_STEP_SECS)
}

/// `<base>/api/v1/query_range?query=..&start=..&end=..&step=..` with absolute unix times.
pub fn range_url(base: &str, query: &str, start: i64, end: i64, step_secs: i64) -> String {
    format!(
        "{}/api/v1/query_range?query={}&start={start}&end={end}&step={step_secs}",
        base.trim_end_matches('/'),
        percent_encode(query)
    )
}

/// Percent-encodes every byte of the UTF-8 text except RFC 3986 unreserved characters.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn prom() -> PrometheusConfig {
        PrometheusConfig {
            error_metric: "vendor_errors_total".into(),
            status_code_label: "code".into(),
        }
    }

    #[test]
    fn step_for_span_is_the_finest_step_within_the_point_limit() {
        let points = |span: i64, step: i64| span / step + 1;
        for span in [
            0,
            1,
            164_999,
            165_000,
            165_001,
            208_984,
            10_999 * 20,
            11_000 * 19,
            11_000 * 19 - 1,
            2_592_000,
        ] {
            let step = step_for_span(span);
            assert!(points(span, step) <= MAX_RANGE_POINTS, "span {span}: step {step}");
            assert!(
                step == MIN_STEP_SECS || points(span, step - 1) > MAX_RANGE_POINTS,
                "span {span}: {step} is not the finest"
            );
        }
    }

    #[test]
    fn promql() {
        assert_eq!(error_rate_total_query(&prom()), "sum(rate(vendor_errors_total[5m]))");
        assert_eq!(
            error_rate_by_code_query(&prom()),
            "sum by (code) (rate(vendor_errors_total[5m]))"
        );
    }

    #[test]
    fn encoding_keeps_only_unreserved() {
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("rate(x[5m])"), "rate%28x%5B5m%5D%29");
        assert_eq!(percent_encode(r#"{code="429"}"#), "%7Bcode%3D%22429%22%7D");
        assert_eq!(percent_encode("a b+c"), "a%20b%2Bc");
        assert_eq!(percent_encode("a&b#c"), "a%26b%23c");
        assert_eq!(percent_encode("/?%'"), "%2F%3F%25%27");
        assert_eq!(percent_encode("错误"), "%E9%94%99%E8%AF%AF");
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn encoding_round_trips() {
        let original = "sum by (code) (rate(x{job=\"a b\",env=~\"p.+\"}[5m])) # 错 & +";
        let encoded = percent_encode(original);
        let bytes = encoded.as_bytes();
        let mut decoded = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                decoded.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
        assert_eq!(String::from_utf8(decoded).unwrap(), original);
    }

    #[test]
    fn urls() {
        let q = error_rate_total_query(&prom());
        assert_eq!(
            instant_query_url("/proxy/prometheus/", &q),
            "/proxy/prometheus/api/v1/query?query=sum%28rate%28vendor_errors_total%5B5m%5D%29%29"
        );
        let now = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 30).unwrap();
        assert_eq!(now.timestamp(), 1714564830);
        assert_eq!(
            range_query_url("/proxy/prometheus", "up", Window::LastHour, now),
            "/proxy/prometheus/api/v1/query_range?query=up&start=1714561230&end=1714564830&step=60"
        );
    }

    #[test]
    fn windows() {
        let now = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
        let end = now.timestamp();
        assert_eq!(Window::Last15Min.bounds(now), (end - 900, end));
        assert_eq!(Window::LastHour.bounds(now), (end - 3600, end));
        assert_eq!(Window::Last6Hours.bounds(now), (end - 21600, end));
        assert_eq!(Window::default(), Window::LastHour);
        for w in Window::ALL {
            let points = w.seconds() / w.step_secs() + 1;
            assert!((60..=120).contains(&points), "{w:?}: {points} points");
            assert_eq!(Window::parse(w.as_str()), Some(w));
        }
        assert_eq!(Window::parse("2h"), None);
    }

    #[test]
    fn no_error_metric_means_no_query() {
        let mut p = PrometheusConfig {
            error_metric: String::new(),
            status_code_label: "code".into(),
        };
        let failure = not_configured(&p).unwrap();
        assert!(failure
            .message()
            .en
            .contains("config.json does not set prometheus.error_metric"));
        assert!(failure.message().zh.contains("未设置 prometheus.error_metric"));
        p.error_metric = "errors_total".into();
        assert_eq!(not_configured(&p), None);
    }
}
