//! Times as messages show them: always with their UTC offset, durations in words.

use chrono::{DateTime, FixedOffset};

use crate::i18n::Lang;

/// `UTC`, `UTC+08:00`, `UTC-05:30`.
pub(super) fn zone(offset: &FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let mins = secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", mins / 60, mins % 60)
}

/// `2024-01-15 14:30 UTC+08:00`.
pub(super) fn stamp(t: &DateTime<FixedOffset>) -> String {
    format!("{} {}", t.format("%Y-%m-%d %H:%M"), zone(t.offset()))
}

/// `14:30 UTC+08:00`, with the date in front when it is not `today`'s date in that offset.
pub(super) fn stamp_near(t: &DateTime<FixedOffset>, today: &DateTime<FixedOffset>) -> String {
    if t.date_naive() == today.with_timezone(t.offset()).date_naive() {
        format!("{} {}", t.format("%H:%M"), zone(t.offset()))
    } else {
        stamp(t)
    }
}

/// `2 hours 5 minutes`, `1 hour 1 minute`, `45 minutes`; `2小时5分钟`, `45分钟`.
/// Whole minutes, rounded down; a negative span counts as zero.
pub(super) fn duration(minutes: i64, lang: Lang) -> String {
    let minutes = minutes.max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    match lang {
        Lang::En => {
            let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            let mins = unit(m, "minute", "minutes");
            if h == 0 {
                mins
            } else {
                format!("{} {mins}", unit(h, "hour", "hours"))
            }
        }
        Lang::Zh if h == 0 => format!("{m}分钟"),
        Lang::Zh => format!("{h}小时{m}分钟"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn zones_and_stamps() {
        assert_eq!(stamp(&at("2024-01-15T14:30:59+08:00")), "2024-01-15 14:30 UTC+08:00");
        assert_eq!(stamp(&at("2024-01-15T06:30:00Z")), "2024-01-15 06:30 UTC");
        assert_eq!(stamp(&at("2024-01-15T06:30:00-05:30")), "2024-01-15 06:30 UTC-05:30");
    }

    #[test]
    fn near_stamps_show_the_date_only_when_it_differs() {
        let now = at("2024-01-15T23:50:00+08:00");
        assert_eq!(stamp_near(&at("2024-01-15T23:59:00+08:00"), &now), "23:59 UTC+08:00");
        assert_eq!(
            stamp_near(&at("2024-01-16T00:10:00+08:00"), &now),
            "2024-01-16 00:10 UTC+08:00"
        );
        assert_eq!(stamp_near(&at("2024-01-15T16:10:00Z"), &now), "16:10 UTC");
        assert_eq!(stamp_near(&at("2024-01-16T01:00:00Z"), &now), "2024-01-16 01:00 UTC");
    }

    #[test]
    fn durations_in_both_languages() {
        assert_eq!(duration(125, Lang::En), "2 hours 5 minutes");
        assert_eq!(duration(61, Lang::En), "1 hour 1 minute");
        assert_eq!(duration(120, Lang::En), "2 hours 0 minutes");
        assert_eq!(duration(45, Lang::En), "45 minutes");
        assert_eq!(duration(-3, Lang::En), "0 minutes");
        assert_eq!(duration(125, Lang::Zh), "2小时5分钟");
        assert_eq!(duration(45, Lang::Zh), "45分钟");
    }
}
