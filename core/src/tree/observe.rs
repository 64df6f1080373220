//! Live evidence as plain data, filled in by the shell from Prometheus, the vendor status page
//! and our health endpoint, and the wording used to describe it.

use chrono::{DateTime, Duration, Utc};

use crate::config::Thresholds;
use crate::i18n::Bilingual;
use crate::signals::error_rate::ErrorRates;
use crate::signals::health::{HealthStatus, HealthVerdict};
use crate::signals::vendor::{status_page_name, Indicator, VendorStatus};
use crate::signals::{age_text, Signal};

use super::ErrorType;

/// A reading older than this many refresh intervals (the tab slept, or it was restored from
/// the last visit) is not used to suggest answers.
const STALE_AFTER_INTERVALS: i64 = 3;
const MIN_STALE_AFTER_SECS: i64 = 60;
const HEALTH_DETAILS_SHOWN: usize = 3;

/// A live reading, or why it is not available (e.g. "Prometheus unreachable (timeout)").
#[derive(Clone, Debug, PartialEq)]
pub enum Reading<T> {
    Known(T),
    Unknown(Bilingual),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeRate {
    /// Status code label value, e.g. "429"; non-numeric values count as "other".
    pub code: String,
    /// Errors per second over the last 5 minutes.
    pub rate: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VendorObservation {
    /// Whose page it is, in words ("the Acme status page"): see [`status_page_name`].
    pub page: Bilingual,
    pub incident: bool,
    /// What the status page says, e.g. "Partial System Outage".
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HealthObservation {
    pub healthy: bool,
    /// Down rather than degraded: the integration is not working at all.
    pub down: bool,
    /// What the health endpoint said, e.g. "status: degraded".
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Observations {
    /// Total errors per second over the last 5 minutes.
    pub error_rate: Reading<f64>,
    /// Error rate at or above which the API counts as returning errors.
    pub threshold: f64,
    /// Share (0..1] one status class must reach, and exceed every other, to be called dominant.
    pub dominant_share: f64,
    pub code_rates: Reading<Vec<CodeRate>>,
    pub vendor: Reading<VendorObservation>,
    pub health: Reading<HealthObservation>,
}

impl Observations {
    /// Nothing known yet, every reading for the same reason (e.g. "still loading").
    pub fn unknown(reason: Bilingual, threshold: f64, dominant_share: f64) -> Observations {
        Observations {
            error_rate: Reading::Unknown(reason.clone()),
            threshold,
            dominant_share,
            code_rates: Reading::Unknown(reason.clone()),
            vendor: Reading::Unknown(reason.clone()),
            health: Reading::Unknown(reason),
        }
    }

    /// The live signals as evidence for the wizard, the status page named after `vendor_name`
    /// (the runbook's vendor; `None`: "the vendor status page"). A signal that is loading,
    /// failing, or whose reading is older than a few refresh intervals is unknown, with the
    /// reason in words.
    pub fn for_vendor(
        vendor_name: Option<&Bilingual>,
        vendor: &Signal<VendorStatus>,
        health: &Signal<HealthStatus>,
        errors: &Signal<ErrorRates>,
        thresholds: &Thresholds,
        refresh_interval_secs: u32,
        now: DateTime<Utc>,
    ) -> Observations {
        let max_age =
            Duration::seconds((i64::from(refresh_interval_secs) * STALE_AFTER_INTERVALS).max(MIN_STALE_AFTER_SECS));
        let current = |fetched_at: DateTime<Utc>| -> Result<(), Bilingual> {
            if now - fetched_at <= max_age {
                return Ok(());
            }
            let age = age_text(fetched_at, now);
            Err(Bilingual::new(
                format!("the last reading is from {}; waiting for a fresh one", age.en),
                format!("最近一次读数来自{};正在等待新的读数", age.zh),
            ))
        };
        let (error_rate, code_rates) = match fresh(errors, &current) {
            Err(why) => (Reading::Unknown(why.clone()), Reading::Unknown(why)),
            Ok(rates) => error_readings(rates),
        };
        Observations {
            error_rate,
            threshold: thresholds.error_rate_per_sec,
            dominant_share: thresholds.dominant_share,
            code_rates,
            vendor: fresh(vendor, &current).map_or_else(Reading::Unknown, |v| vendor_reading(v, vendor_name)),
            health: fresh(health, &current).map_or_else(Reading::Unknown, health_reading),
        }
    }
}

fn fresh<'s, T>(
    signal: &'s Signal<T>,
    current: &impl Fn(DateTime<Utc>) -> Result<(), Bilingual>,
) -> Result<&'s T, Bilingual> {
    match signal {
        Signal::Pending => Err(Bilingual::new("waiting for the first reading", "正在等待首次读数")),
        Signal::Failing { failure, .. } => Err(failure.message()),
        Signal::Fresh(r) => current(r.fetched_at).map(|()| &r.value),
    }
}

fn error_readings(rates: &ErrorRates) -> (Reading<f64>, Reading<Vec<CodeRate>>) {
    let Some(total) = rates.total else {
        let why = Bilingual::new(
            "the error-rate query matched no series; check prometheus.error_metric in config.json",
            "错误率查询没有匹配到任何序列;请检查 config.json 中的 prometheus.error_metric",
        );
        return (Reading::Unknown(why.clone()), Reading::Unknown(why));
    };
    if let Some(why) = &rates.partial {
        return (Reading::Unknown(why.clone()), Reading::Unknown(why.clone()));
    }
    let codes = if rates.by_code.is_empty() && total != 0.0 {
        Reading::Unknown(Bilingual::new(
            "the per-status-code query returned no series although there are errors",
            "存在错误,但按状态码的查询没有返回任何序列",
        ))
    } else {
        Reading::Known(
            rates
                .by_code
                .iter()
                .map(|(code, rate)| CodeRate {
                    code: code.clone(),
                    rate: *rate,
                })
                .collect(),
        )
    };
    (Reading::Known(total), codes)
}

fn vendor_reading(status: &VendorStatus, vendor_name: Option<&Bilingual>) -> Reading<VendorObservation> {
    let page = status_page_name(vendor_name);
    if let Indicator::Unknown(raw) = &status.indicator {
        let raw = shorten(raw);
        return Reading::Unknown(Bilingual::new(
            format!("{} reports \"{raw}\", a status this app does not recognise", page.en),
            format!("{}报告的状态 \"{raw}\" 无法识别", page.zh),
        ));
    }
    let description = if status.description.trim().is_empty() {
        status.indicator.label().en
    } else {
        status.description.clone()
    };
    Reading::Known(VendorObservation {
        page,
        incident: status.has_incident(),
        description,
    })
}

/// Degraded counts as not healthy: the question is whether our side is working properly.
fn health_reading(status: &HealthStatus) -> Reading<HealthObservation> {
    let healthy = match &status.verdict {
        HealthVerdict::Healthy => true,
        HealthVerdict::Degraded | HealthVerdict::Down => false,
        HealthVerdict::Unknown(raw) if raw.is_empty() => {
            return Reading::Unknown(Bilingual::new(
                "the health endpoint reported no status",
                "健康检查端点没有报告状态",
            ))
        }
        HealthVerdict::Unknown(raw) => {
            return Reading::Unknown(Bilingual::new(
                format!("the health endpoint reported \"{raw}\", a status this app does not recognise"),
                format!("健康检查端点报告的状态 \"{raw}\" 无法识别"),
            ))
        }
    };
    let mut detail = format!("status: {}", status.verdict.label().en.to_lowercase());
    for (key, value) in status.details.iter().take(HEALTH_DETAILS_SHOWN) {
        detail.push_str(&format!("; {key}: {value}"));
    }
    let down = status.verdict == HealthVerdict::Down;
    Reading::Known(HealthObservation { healthy, down, detail })
}

/// Numbers as people read them: up to 4 decimals, no trailing zeros.
pub(super) fn fmt_num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "0" && v > 0.0 {
        "<0.0001".to_string()
    } else {
        s.to_string()
    }
}

pub(super) fn unknown(reason: &Bilingual) -> Bilingual {
    Bilingual::new(format!("unknown: {}", reason.en), format!("未知:{}", reason.zh))
}

pub(super) fn not_a_number(what_en: &str, what_zh: &str, v: f64) -> Bilingual {
    Bilingual::new(
        format!("unknown: the {what_en} reading ({v}) is not a usable number"),
        format!("未知:{what_zh}读数({v})不是有效数值"),
    )
}

pub(super) fn usable(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

pub(super) fn rate_words(rate: f64, threshold: f64) -> Bilingual {
    Bilingual::new(
        format!(
            "{} errors/s over 5 min, threshold {}/s",
            fmt_num(rate),
            fmt_num(threshold)
        ),
        format!("近5分钟 {} 次错误/秒,阈值 {} 次/秒", fmt_num(rate), fmt_num(threshold)),
    )
}

pub(super) fn class_of(code: &str) -> ErrorType {
    match code.trim().parse::<u16>() {
        Ok(401 | 403) => ErrorType::Auth,
        Ok(429) => ErrorType::RateLimited,
        Ok(500..=599) => ErrorType::Vendor,
        _ => ErrorType::Other,
    }
}

pub(super) fn class_words(class: ErrorType) -> Bilingual {
    match class {
        ErrorType::Auth => Bilingual::new("401/403 (authentication)", "401/403(认证)"),
        ErrorType::RateLimited => Bilingual::new("429 (rate limited)", "429(限流)"),
        ErrorType::Vendor => Bilingual::new("5xx (vendor errors)", "5xx(供应商侧错误)"),
        ErrorType::Other => Bilingual::new("other codes", "其他状态码"),
    }
}

/// Per-class shares of the errors, in the order auth, rate limited, vendor, other.
/// `None` when a rate is unusable or there are no errors to classify.
pub(super) fn class_shares(codes: &[CodeRate]) -> Option<[(ErrorType, f64); 4]> {
    let mut sums = [
        (ErrorType::Auth, 0.0),
        (ErrorType::RateLimited, 0.0),
        (ErrorType::Vendor, 0.0),
        (ErrorType::Other, 0.0),
    ];
    for c in codes {
        if !usable(c.rate) {
            return None;
        }
        let class = class_of(&c.code);
        if let Some(slot) = sums.iter_mut().find(|(t, _)| *t == class) {
            slot.1 += c.rate;
        }
    }
    let total: f64 = sums.iter().map(|(_, r)| r).sum();
    if total <= 0.0 {
        return None;
    }
    Some(sums.map(|(t, r)| (t, r / total)))
}

/// "81% are 429" for the single code with the largest rate.
pub(super) fn top_code_words(codes: &[CodeRate]) -> Option<Bilingual> {
    if codes.iter().any(|c| !usable(c.rate)) {
        return None;
    }
    let total: f64 = codes.iter().map(|c| c.rate).sum();
    let top = codes.iter().max_by(|a, b| a.rate.total_cmp(&b.rate))?;
    if total <= 0.0 {
        return None;
    }
    let pct = (top.rate / total * 100.0).round();
    let code: String = top.code.chars().take(12).collect();
    Some(Bilingual::new(
        format!("{pct}% are {code}"),
        format!("{pct}% 为 {code}"),
    ))
}

pub(super) fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

pub(super) fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(119).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
#[path = "observe_tests.rs"]
mod tests;
