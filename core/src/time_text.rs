//! Times written out field by field, the way chrono's `%Y-%m-%d %H:%M:%S` would write them: for
//! the code in the app's first load, which then carries no strftime parser (about 4 KB of wasm).

use chrono::{Datelike, Timelike};

/// `%Y`: four digits, or a sign and at least four digits outside 0..=9999.
fn year(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+05}")
    }
}

/// `%S`: a leap second (chrono's nanoseconds past 1e9) is second 60.
fn second(t: &impl Timelike) -> u32 {
    t.second() + t.nanosecond() / 1_000_000_000
}

/// `09:30:00` (`%H:%M:%S`).
pub fn clock(t: &impl Timelike) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), second(t))
}

/// `2026-03-06 09:30:00` (`%Y-%m-%d %H:%M:%S`).
pub fn date_clock<T: Datelike + Timelike>(t: &T) -> String {
    format!("{}-{:02}-{:02} {}", year(t.year()), t.month(), t.day(), clock(t))
}

/// `20260306T093000Z` (`%Y%m%dT%H%M%SZ`), for names and keys; `t` is in UTC.
pub fn compact_utc<T: Datelike + Timelike>(t: &T) -> String {
    format!(
        "{}{:02}{:02}T{:02}{:02}{:02}Z",
        year(t.year()),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        second(t)
    )
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, s)
                .unwrap(),
        )
    }

    #[test]
    fn the_same_text_as_chrono_writes() {
        let times = [
            at(2026, 3, 6, 9, 30, 0),
            at(2026, 12, 31, 23, 59, 59),
            at(1, 1, 1, 0, 0, 0),
            at(0, 1, 1, 0, 0, 0),
            at(-1, 6, 15, 12, 0, 5),
            at(9999, 12, 31, 23, 59, 59),
            at(10000, 1, 1, 0, 0, 0),
            at(262_000, 1, 1, 0, 0, 0),
            at(-262_000, 1, 1, 0, 0, 0),
        ];
        for t in times {
            assert_eq!(clock(&t), t.format("%H:%M:%S").to_string(), "{t:?}");
            assert_eq!(date_clock(&t), t.format("%Y-%m-%d %H:%M:%S").to_string(), "{t:?}");
            assert_eq!(compact_utc(&t), t.format("%Y%m%dT%H%M%SZ").to_string(), "{t:?}");
        }
    }

    #[test]
    fn a_leap_second_reads_as_chrono_reads_it() {
        let t = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_milli_opt(23, 59, 59, 1_500)
            .unwrap();
        assert_eq!(clock(&t), t.format("%H:%M:%S").to_string());
        assert_eq!(date_clock(&t), t.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(compact_utc(&t), t.format("%Y%m%dT%H%M%SZ").to_string());
    }
}
