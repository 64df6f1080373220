//! Live triage signals: classifying fetch results, parsing vendor status, integration health
//! and Prometheus answers, judging error rates, refresh timing and chart geometry.
//! The shell fetches; everything after the bytes arrive is here, pure and tested.

pub mod chart;
pub mod error_rate;
pub mod fetch;
mod fmt;
pub mod health;
mod json;
pub mod prometheus;
pub mod query;
pub mod refresh;
pub mod vendor;

use chrono::{DateTime, Utc};

use crate::i18n::{Bilingual, Text};
use fetch::FetchFailure;

/// Which Prometheus answered; other signals are always `Primary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Source {
    Primary,
    Backup,
}

impl Source {
    pub fn label(self) -> Text {
        match self {
            Source::Primary => Text::new("primary", "主实例"),
            Source::Backup => Text::new("backup", "备用实例"),
        }
    }
}

/// A value as it was fetched.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reading<T> {
    pub value: T,
    pub fetched_at: DateTime<Utc>,
    pub source: Source,
}

/// One live signal: nothing yet, a fresh reading, or failing with the last good reading kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Signal<T> {
    #[default]
    Pending,
    Fresh(Reading<T>),
    Failing {
        failure: FetchFailure,
        failed_at: DateTime<Utc>,
        consecutive_failures: u32,
        last_good: Option<Reading<T>>,
    },
}

impl<T> Signal<T> {
    pub fn record_success(&mut self, value: T, source: Source, now: DateTime<Utc>) {
        *self = Signal::Fresh(Reading {
            value,
            fetched_at: now,
            source,
        });
    }

    pub fn record_failure(&mut self, failure: FetchFailure, now: DateTime<Utc>) {
        let (consecutive_failures, last_good) = match std::mem::take(self) {
            Signal::Pending => (1, None),
            Signal::Fresh(r) => (1, Some(r)),
            Signal::Failing {
                consecutive_failures,
                last_good,
                ..
            } => (consecutive_failures.saturating_add(1), last_good),
        };
        *self = Signal::Failing {
            failure,
            failed_at: now,
            consecutive_failures,
            last_good,
        };
    }

    /// The newest good reading: the fresh one, or the one kept through failures.
    pub fn reading(&self) -> Option<&Reading<T>> {
        match self {
            Signal::Pending => None,
            Signal::Fresh(r) => Some(r),
            Signal::Failing { last_good, .. } => last_good.as_ref(),
        }
    }

    pub fn failure(&self) -> Option<&FetchFailure> {
        match self {
            Signal::Failing { failure, .. } => Some(failure),
            _ => None,
        }
    }

    /// Feeds `refresh::next_delay`.
    pub fn consecutive_failures(&self) -> u32 {
        match self {
            Signal::Failing {
                consecutive_failures, ..
            } => *consecutive_failures,
            _ => 0,
        }
    }

    /// Set while failing with an older good reading on screen: says how old it is.
    pub fn stale_note(&self, now: DateTime<Utc>) -> Option<Bilingual> {
        let Signal::Failing { last_good: Some(r), .. } = self else {
            return None;
        };
        let age = age_text(r.fetched_at, now);
        Some(Bilingual::new(
            format!("Showing the last good value, fetched {}.", age.en),
            format!("显示的是最后一次有效数据({}获取)。", age.zh),
        ))
    }
}

/// "just now", "45 s ago", "3 min ago", "2 h ago", "3 d ago". A time in the future reads "just now".
pub fn age_text(fetched_at: DateTime<Utc>, now: DateTime<Utc>) -> Bilingual {
    let secs = (now - fetched_at).num_seconds();
    match secs {
        ..10 => Bilingual::new("just now", "刚刚"),
        10..60 => Bilingual::new(format!("{secs} s ago"), format!("{secs} 秒前")),
        60..3600 => Bilingual::new(format!("{} min ago", secs / 60), format!("{} 分钟前", secs / 60)),
        3600..86400 => Bilingual::new(format!("{} h ago", secs / 3600), format!("{} 小时前", secs / 3600)),
        _ => Bilingual::new(format!("{} d ago", secs / 86400), format!("{} 天前", secs / 86400)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap() + chrono::Duration::seconds(secs)
    }

    #[test]
    fn ages() {
        let age = |s: i64| age_text(t(0), t(s));
        assert_eq!(age(0), Bilingual::new("just now", "刚刚"));
        assert_eq!(age(-30).en, "just now");
        assert_eq!(age(9).en, "just now");
        assert_eq!(age(10), Bilingual::new("10 s ago", "10 秒前"));
        assert_eq!(age(59).en, "59 s ago");
        assert_eq!(age(60).en, "1 min ago");
        assert_eq!(age(3 * 60 + 59), Bilingual::new("3 min ago", "3 分钟前"));
        assert_eq!(age(3599).en, "59 min ago");
        assert_eq!(age(2 * 3600 + 1800), Bilingual::new("2 h ago", "2 小时前"));
        assert_eq!(age(86399).en, "23 h ago");
        assert_eq!(age(3 * 86400), Bilingual::new("3 d ago", "3 天前"));
    }

    #[test]
    fn failures_keep_the_last_good_reading() {
        let mut s: Signal<f64> = Signal::default();
        assert_eq!((s.reading(), s.consecutive_failures()), (None, 0));
        s.record_failure(FetchFailure::Offline, t(0));
        assert_eq!((s.reading(), s.consecutive_failures()), (None, 1));
        assert_eq!(s.stale_note(t(0)), None);

        s.record_success(0.5, Source::Backup, t(10));
        assert_eq!(
            s,
            Signal::Fresh(Reading {
                value: 0.5,
                fetched_at: t(10),
                source: Source::Backup
            })
        );
        assert_eq!((s.failure(), s.consecutive_failures()), (None, 0));

        s.record_failure(FetchFailure::NotFound, t(40));
        s.record_failure(FetchFailure::Timeout { after_ms: 5000 }, t(100));
        assert_eq!(s.consecutive_failures(), 2);
        assert_eq!(s.failure(), Some(&FetchFailure::Timeout { after_ms: 5000 }));
        let kept = s.reading().unwrap();
        assert_eq!((kept.value, kept.fetched_at, kept.source), (0.5, t(10), Source::Backup));
        let note = s.stale_note(t(190)).unwrap();
        assert_eq!(note.en, "Showing the last good value, fetched 3 min ago.");
        assert_eq!(note.zh, "显示的是最后一次有效数据(3 分钟前获取)。");

        s.record_success(0.1, Source::Primary, t(200));
        assert_eq!((s.consecutive_failures(), s.stale_note(t(200))), (0, None));
    }
}

#[cfg(test)]
mod chart_tests;
#[cfg(test)]
mod error_rate_tests;
#[cfg(test)]
mod fetch_tests;
#[cfg(test)]
mod prometheus_tests;
