//! Live evidence as plain data, filled in by the shell from Prometheus, the vendor status page
//! and our health endpoint, and the wording used to describe it.

use crate::i18n::Bilingual;

use super::ErrorType;

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
    pub incident: bool,
    /// What the status page says, e.g. "Partial System Outage".
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HealthObservation {
    pub healthy: bool,
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
        ErrorType::Vendor => Bilingual::new("5xx (Instantly errors)", "5xx(Instantly侧错误)"),
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
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(fmt_num(0.72), "0.72");
        assert_eq!(fmt_num(0.1), "0.1");
        assert_eq!(fmt_num(0.0999), "0.0999");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(0.00001), "<0.0001");
    }

    #[test]
    fn codes_fall_into_classes() {
        assert_eq!(class_of("401"), ErrorType::Auth);
        assert_eq!(class_of("403"), ErrorType::Auth);
        assert_eq!(class_of("429"), ErrorType::RateLimited);
        assert_eq!(class_of("500"), ErrorType::Vendor);
        assert_eq!(class_of("503"), ErrorType::Vendor);
        assert_eq!(class_of("404"), ErrorType::Other);
        assert_eq!(class_of("timeout"), ErrorType::Other);
    }

    #[test]
    fn shares_need_errors_and_sane_rates() {
        let codes = |v: &[(&str, f64)]| {
            v.iter()
                .map(|(c, r)| CodeRate {
                    code: (*c).into(),
                    rate: *r,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(class_shares(&codes(&[])), None);
        assert_eq!(class_shares(&codes(&[("429", 0.0)])), None);
        assert_eq!(class_shares(&codes(&[("429", f64::NAN)])), None);
        let s = class_shares(&codes(&[("429", 3.0), ("500", 1.0)])).unwrap();
        assert_eq!(s[1], (ErrorType::RateLimited, 0.75));
        assert_eq!(s[2], (ErrorType::Vendor, 0.25));
    }
}
