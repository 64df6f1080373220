//! Judging the error rate: total against the threshold, and which status class dominates.

use super::fmt::number;
use super::prometheus::{InstantAnswer, InstantResult};
use super::query::RATE_RANGE_MINUTES;
use crate::config::Thresholds;
use crate::i18n::{Bilingual, Text};

/// Shown where a series has no status-code label.
pub const NO_CODE: Text = Text::new("(no code)", "(无状态码)");
const MAX_CODES_NAMED: usize = 3;
/// Shares are float sums: (0.02 + 0.01) / 0.06 comes out just under 0.5 and must still reach 50%.
const SHARE_EPSILON: f64 = 1e-9;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorRates {
    /// Errors/s over the rate range. `None`: the query matched no series. A NaN or infinite
    /// value is kept as is so it is judged Unknown rather than mistaken for zero.
    pub total: Option<f64>,
    /// Errors/s per status code, largest first (NaN last); "" where the label is missing.
    pub by_code: Vec<(String, f64)>,
    /// Set when the backend said either answer may be incomplete: what it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Bilingual>,
}

impl ErrorRates {
    /// From the answers to `error_rate_total_query` and `error_rate_by_code_query`.
    /// A scalar by-code answer carries no codes and gives an empty breakdown.
    pub fn from_results(total: &InstantAnswer, by_code: &InstantAnswer, code_label: &str) -> ErrorRates {
        let partial = [total, by_code].into_iter().find_map(|a| a.caveats.partial_note());
        let (total, by_code) = (&total.result, &by_code.result);
        let total = match total {
            InstantResult::Scalar(p) => Some(p.value),
            InstantResult::Vector(samples) if samples.is_empty() => None,
            InstantResult::Vector(samples) => Some(samples.iter().map(|s| s.point.value).sum()),
        };
        let mut by_code: Vec<(String, f64)> = match by_code {
            InstantResult::Scalar(_) => Vec::new(),
            InstantResult::Vector(samples) => samples
                .iter()
                .map(|s| (s.labels.get(code_label).cloned().unwrap_or_default(), s.point.value))
                .collect(),
        };
        by_code.sort_by(|a, b| match (a.1.is_nan(), b.1.is_nan()) {
            (false, false) => b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)),
            (nan_a, nan_b) => nan_a.cmp(&nan_b).then_with(|| a.0.cmp(&b.0)),
        });
        ErrorRates {
            total,
            by_code,
            partial,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusClass {
    /// 401 and 403: credentials.
    Auth,
    /// 429.
    RateLimit,
    /// 5xx from the vendor.
    VendorError,
    Other,
}

impl StatusClass {
    /// Accepts numeric codes and class labels such as "5xx".
    pub fn of(code: &str) -> StatusClass {
        match code.trim() {
            "401" | "403" => StatusClass::Auth,
            "429" => StatusClass::RateLimit,
            c if c.len() == 3
                && c.starts_with('5')
                && c[1..].chars().all(|ch| ch.is_ascii_digit() || ch == 'x' || ch == 'X') =>
            {
                StatusClass::VendorError
            }
            _ => StatusClass::Other,
        }
    }

    pub fn label(self) -> Text {
        match self {
            StatusClass::Auth => Text::new("authentication", "认证失败"),
            StatusClass::RateLimit => Text::new("rate limited", "限流"),
            StatusClass::VendorError => Text::new("vendor server errors", "供应商服务器错误"),
            StatusClass::Other => Text::new("other errors", "其他错误"),
        }
    }
}

/// One status class's part of the errors.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassShare {
    pub class: StatusClass,
    /// 0..=1 of the errors with a usable per-code rate.
    pub share: f64,
    /// The codes in the class, largest first.
    pub codes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorVerdict {
    /// Below the threshold.
    Ok,
    /// At or above the threshold.
    Elevated,
    /// No data, NaN or infinite: never read as healthy.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorAssessment {
    pub verdict: ErrorVerdict,
    /// The class reaching `dominant_share`, if one does.
    pub dominant: Option<ClassShare>,
    pub evidence: Bilingual,
}

pub fn assess(rates: &ErrorRates, thresholds: &Thresholds) -> ErrorAssessment {
    let m = RATE_RANGE_MINUTES;
    let total = match rates.total {
        None => {
            return unknown(Bilingual::new(
                format!("No error-rate data for the last {m} min: the query matched no series. Check prometheus.error_metric in config.json. Treat as unknown, not healthy."),
                format!("近 {m} 分钟没有错误率数据:查询没有匹配到任何序列。请检查 config.json 中的 prometheus.error_metric。请按未知处理,不要视为正常。"),
            ))
        }
        Some(t) if !t.is_finite() || t < 0.0 => {
            let t = number(t);
            return unknown(Bilingual::new(
                format!("The error rate over {m} min is {t}, which cannot be judged. Treat as unknown, not healthy."),
                format!("近 {m} 分钟错误率为 {t},无法判断。请按未知处理,不要视为正常。"),
            ));
        }
        Some(t) => t,
    };
    let verdict = if total >= thresholds.error_rate_per_sec {
        ErrorVerdict::Elevated
    } else if rates.partial.is_some() {
        // Missing data can only hide errors: a low partial rate proves nothing.
        ErrorVerdict::Unknown
    } else {
        ErrorVerdict::Ok
    };
    let (rate, limit) = (number(total), number(thresholds.error_rate_per_sec));
    let mut evidence = Bilingual::new(
        format!("{rate} errors/s over {m} min (threshold {limit}/s)"),
        format!("近 {m} 分钟 {rate} 次错误/秒(阈值 {limit}/秒)"),
    );
    let largest = largest_class(&rates.by_code);
    if let Some(c) = &largest {
        let (pct, en, zh) = (
            percent(c.share),
            codes_text(&c.codes, |t| t.en),
            codes_text(&c.codes, |t| t.zh),
        );
        if reaches(c.share, thresholds.dominant_share) {
            let label = c.class.label();
            evidence.en += &format!("; {pct}% are {en} ({})", label.en);
            evidence.zh += &format!(";{pct}% 为 {zh}({})", label.zh);
        } else {
            let need = percent(thresholds.dominant_share);
            evidence.en += &format!("; no status class reaches {need}% (largest: {en} at {pct}%)");
            evidence.zh += &format!(";没有状态类别达到 {need}%(最多的是 {zh},占 {pct}%)");
        }
    }
    if let Some(note) = &rates.partial {
        evidence.en += &format!(". {}", note.en);
        evidence.zh += &format!("。{}", note.zh);
    }
    let dominant = largest.filter(|c| reaches(c.share, thresholds.dominant_share));
    ErrorAssessment {
        verdict,
        dominant,
        evidence,
    }
}

fn unknown(evidence: Bilingual) -> ErrorAssessment {
    ErrorAssessment {
        verdict: ErrorVerdict::Unknown,
        dominant: None,
        evidence,
    }
}

/// The class with the most errors among codes with a finite, positive rate.
fn largest_class(by_code: &[(String, f64)]) -> Option<ClassShare> {
    let usable: Vec<&(String, f64)> = by_code.iter().filter(|(_, v)| v.is_finite() && *v > 0.0).collect();
    let all: f64 = usable.iter().map(|(_, v)| v).sum();
    if all <= 0.0 {
        return None;
    }
    [
        StatusClass::Auth,
        StatusClass::RateLimit,
        StatusClass::VendorError,
        StatusClass::Other,
    ]
    .into_iter()
    .map(|class| {
        let members: Vec<&&(String, f64)> = usable.iter().filter(|(c, _)| StatusClass::of(c) == class).collect();
        ClassShare {
            class,
            share: members.iter().map(|(_, v)| v).sum::<f64>() / all,
            codes: members.iter().map(|(c, _)| c.clone()).collect(),
        }
    })
    .filter(|c| !c.codes.is_empty())
    .fold(None, |best: Option<ClassShare>, c| match best {
        Some(b) if b.share >= c.share => Some(b),
        _ => Some(c),
    })
}

fn reaches(share: f64, needed: f64) -> bool {
    share + SHARE_EPSILON >= needed
}

/// Whole percent, rounded down so "no class reaches 50%" never shows a 50.
fn percent(share: f64) -> u32 {
    ((share + SHARE_EPSILON) * 100.0).floor() as u32
}

fn codes_text(codes: &[String], lang: fn(Text) -> &'static str) -> String {
    let mut named: Vec<&str> = codes
        .iter()
        .take(MAX_CODES_NAMED)
        .map(|c| if c.is_empty() { lang(NO_CODE) } else { c.as_str() })
        .collect();
    if codes.len() > MAX_CODES_NAMED {
        named.push("…");
    }
    named.join("/")
}
