//! What the live evidence suggests: an answer for the current question, and a severity.

use super::observe::{
    class_shares, class_words, fmt_num, not_a_number, percent, rate_words, shorten, top_code_words, unknown, usable,
    Observations, Reading,
};
use super::{ErrorType, Node, Signal};
use crate::i18n::Bilingual;
use crate::severity::Severity;

/// An error rate this many times the threshold counts as a complete outage (P1).
pub const CRITICAL_FACTOR: f64 = 10.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Index of the suggested answer; `None` when the evidence is unknown or inconclusive.
    pub answer: Option<usize>,
    /// The evidence in words, shown next to the question.
    pub evidence: Bilingual,
}

/// The suggestion for a question driven by a live signal; `None` for nodes without one.
pub fn suggest(node: &Node, obs: &Observations) -> Option<Suggestion> {
    let (value, evidence) = match node.signal()? {
        Signal::ApiErrors => api_errors(obs),
        Signal::VendorIncident => match &obs.vendor {
            Reading::Unknown(r) => (None, unknown(r)),
            Reading::Known(v) => {
                let d = shorten(&v.description);
                let words = if v.incident {
                    Bilingual::new(
                        format!("{} reports an incident: {d}", v.page.en),
                        format!("{}显示有事件:{d}", v.page.zh),
                    )
                } else {
                    Bilingual::new(
                        format!("{} reports no incident: {d}", v.page.en),
                        format!("{}未显示事件:{d}", v.page.zh),
                    )
                };
                (Some(yes_no(v.incident)), words)
            }
        },
        Signal::ServiceHealthy => match &obs.health {
            Reading::Unknown(r) => (None, unknown(r)),
            Reading::Known(h) => {
                let d = shorten(&h.detail);
                let words = if h.healthy {
                    Bilingual::new(format!("health check: healthy ({d})"), format!("健康检查:正常({d})"))
                } else {
                    Bilingual::new(format!("health check: unhealthy ({d})"), format!("健康检查:异常({d})"))
                };
                (Some(yes_no(h.healthy)), words)
            }
        },
        Signal::ErrorType => error_type(obs),
    };
    Some(Suggestion {
        answer: value.and_then(|v| node.answer_index(v)),
        evidence,
    })
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn bad_threshold(obs: &Observations) -> Option<Bilingual> {
    (!(obs.threshold.is_finite() && obs.threshold > 0.0)).then(|| {
        Bilingual::new(
            format!(
                "unknown: the error-rate threshold ({}) must be a positive number; fix thresholds in config.json",
                obs.threshold
            ),
            format!(
                "未知:错误率阈值({})必须是正数;请修正 config.json 中的 thresholds",
                obs.threshold
            ),
        )
    })
}

fn api_errors(obs: &Observations) -> (Option<&'static str>, Bilingual) {
    let rate = match &obs.error_rate {
        Reading::Unknown(r) => return (None, unknown(r)),
        Reading::Known(rate) if !usable(*rate) => return (None, not_a_number("error rate", "错误率", *rate)),
        Reading::Known(rate) => *rate,
    };
    if let Some(problem) = bad_threshold(obs) {
        return (None, problem);
    }
    let mut words = rate_words(rate, obs.threshold);
    if let Reading::Known(codes) = &obs.code_rates {
        if let Some(top) = top_code_words(codes) {
            words = Bilingual::new(format!("{}; {}", words.en, top.en), format!("{};{}", words.zh, top.zh));
        }
    }
    (Some(yes_no(rate >= obs.threshold)), words)
}

fn error_type(obs: &Observations) -> (Option<&'static str>, Bilingual) {
    let codes = match &obs.code_rates {
        Reading::Unknown(r) => return (None, unknown(r)),
        Reading::Known(codes) => codes,
    };
    if !(obs.dominant_share > 0.0 && obs.dominant_share <= 1.0) {
        return (
            None,
            Bilingual::new(
                format!(
                    "unknown: the dominant share ({}) must be above 0 and at most 1; fix thresholds in config.json",
                    obs.dominant_share
                ),
                format!(
                    "未知:主导占比({})必须大于 0 且不超过 1;请修正 config.json 中的 thresholds",
                    obs.dominant_share
                ),
            ),
        );
    }
    if let Some(bad) = codes.iter().find(|c| !usable(c.rate)) {
        return (None, not_a_number("per-code error rate", "各状态码错误率", bad.rate));
    }
    let Some(shares) = class_shares(codes) else {
        return (
            None,
            Bilingual::new("no errors in the last 5 min to classify", "近5分钟没有可供分类的错误"),
        );
    };
    let total: f64 = codes.iter().map(|c| c.rate).sum();
    let (top, top_share) = shares
        .iter()
        .copied()
        .fold((ErrorType::Other, -1.0), |best, s| if s.1 > best.1 { s } else { best });
    let unique_top = shares.iter().filter(|(_, s)| *s >= top_share).count() == 1;
    let bar = percent(obs.dominant_share);
    if unique_top && top_share >= obs.dominant_share {
        let class = class_words(top);
        let words = Bilingual::new(
            format!(
                "{} of {} errors/s are {} (dominant from {bar})",
                percent(top_share),
                fmt_num(total),
                class.en
            ),
            format!(
                "{} 次错误/秒中 {} 为 {}(占比 ≥{bar} 即为主导)",
                fmt_num(total),
                percent(top_share),
                class.zh
            ),
        );
        return (Some(top.as_str()), words);
    }
    let split_en: Vec<String> = shares
        .iter()
        .map(|(t, s)| format!("{} {}", class_words(*t).en, percent(*s)))
        .collect();
    let split_zh: Vec<String> = shares
        .iter()
        .map(|(t, s)| format!("{} {}", class_words(*t).zh, percent(*s)))
        .collect();
    (
        Some(ErrorType::Other.as_str()),
        Bilingual::new(
            format!("no status class dominates (needs {bar}): {}", split_en.join(", ")),
            format!("没有占主导的状态码类别(需 ≥{bar}):{}", split_zh.join(",")),
        ),
    )
}

/// The severity the evidence and the reached outcome point to, with the reason in words.
/// Live evidence decides first; the outcome's typical severity can only make it more severe;
/// with no usable evidence and no outcome, P2 is assumed until someone assesses the impact.
pub fn suggest_severity(obs: &Observations, outcome: Option<&Node>) -> (Severity, Bilingual) {
    let from_evidence = severity_from_evidence(obs);
    let from_outcome = outcome.and_then(|n| n.typical_severity().map(|s| (s, n)));
    match (from_evidence, from_outcome) {
        (Some((sev, why)), Some((typical, node))) if typical < sev => {
            let (t, s) = (typical.as_str(), sev.as_str());
            let text = node.text();
            (
                typical,
                Bilingual::new(
                    format!(
                        "{t}: the outcome \"{}\" usually means at least {t}; live evidence alone says {s} ({})",
                        text.en, why.en
                    ),
                    format!("{t}:结论“{}”通常至少为 {t};仅凭实时证据为 {s}({})", text.zh, why.zh),
                ),
            )
        }
        (Some((sev, why)), _) => (sev, prefixed(sev, why)),
        (None, Some((typical, node))) => {
            let t = node.text();
            (
                typical,
                Bilingual::new(
                    format!(
                        "{}: no live error rate, so taken from the outcome \"{}\"",
                        typical.as_str(),
                        t.en
                    ),
                    format!("{}:没有实时错误率,依据结论“{}”", typical.as_str(), t.zh),
                ),
            )
        }
        (None, None) => (
            Severity::P2,
            Bilingual::new(
                "P2: not enough live evidence yet; degraded service assumed until you assess the impact",
                "P2:实时证据不足;在评估影响前按服务降级处理",
            ),
        ),
    }
}

fn prefixed(sev: Severity, why: Bilingual) -> Bilingual {
    Bilingual::new(
        format!("{}: {}", sev.as_str(), why.en),
        format!("{}:{}", sev.as_str(), why.zh),
    )
}

/// `None` when the evidence cannot tell (the error rate is unknown and nothing else is alarming).
fn severity_from_evidence(obs: &Observations) -> Option<(Severity, Bilingual)> {
    if let Reading::Known(h) = &obs.health {
        let d = shorten(&h.detail);
        if h.down {
            return Some((
                Severity::P1,
                Bilingual::new(
                    format!("our health check reports the integration down ({d}): complete outage"),
                    format!("我方健康检查显示集成不可用({d}):服务完全中断"),
                ),
            ));
        }
        if !h.healthy {
            return Some((
                Severity::P2,
                Bilingual::new(
                    format!("our health check reports the integration degraded ({d})"),
                    format!("我方健康检查显示集成降级({d})"),
                ),
            ));
        }
    }
    let rate = match obs.error_rate {
        Reading::Known(r) if usable(r) && bad_threshold(obs).is_none() => Some(r),
        _ => None,
    };
    if let Some(r) = rate {
        let words = rate_words(r, obs.threshold);
        if r >= obs.threshold * CRITICAL_FACTOR {
            let why = Bilingual::new(
                format!(
                    "{}; at least {}× the threshold: complete outage",
                    words.en, CRITICAL_FACTOR
                ),
                format!("{};达到阈值的 {} 倍以上:服务完全中断", words.zh, CRITICAL_FACTOR),
            );
            return Some((Severity::P1, why));
        }
        if r >= obs.threshold {
            let why = Bilingual::new(
                format!("{}; at or above the threshold: degraded service", words.en),
                format!("{};达到阈值:服务降级", words.zh),
            );
            return Some((Severity::P2, why));
        }
    }
    if let Reading::Known(v) = &obs.vendor {
        if v.incident {
            let d = shorten(&v.description);
            return Some((
                Severity::P2,
                Bilingual::new(
                    format!("{} reports an incident ({d}): degraded service", v.page.en),
                    format!("{}显示有事件({d}):服务降级", v.page.zh),
                ),
            ));
        }
    }
    let r = rate?;
    let words = rate_words(r, obs.threshold);
    Some(if r > 0.0 {
        (
            Severity::P3,
            Bilingual::new(
                format!("{}; below the threshold: minor impact", words.en),
                format!("{};低于阈值:轻微影响", words.zh),
            ),
        )
    } else {
        (
            Severity::P4,
            Bilingual::new(
                format!("{}; no errors: no user impact", words.en),
                format!("{};没有错误:无用户影响", words.zh),
            ),
        )
    })
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod tests;
