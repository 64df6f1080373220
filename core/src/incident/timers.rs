//! Elapsed time, the response deadline and when the next update is due.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};

use super::{EntryKind, Incident};
use crate::config::CommsCadence;
use crate::i18n::{colon, Bilingual, Lang};
use crate::runbook::SeverityLevel;
use crate::severity::{ResponseTarget, Severity};
use crate::ui_text::incident as text;

/// Local time of day a "next business day" response is due.
const BUSINESS_DAY_START: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 is a valid time"),
};

/// When a response is due for an incident started at `started`. "Next business day" means
/// 09:00 in `tz` on the first Monday-Friday after the start's local date (holidays are not known).
pub fn response_deadline<Tz: TimeZone>(started: DateTime<Utc>, target: ResponseTarget, tz: &Tz) -> DateTime<Utc> {
    match target {
        ResponseTarget::Minutes(m) => after_minutes(started, m),
        ResponseTarget::NextBusinessDay => {
            let mut day = displayable(started).with_timezone(tz).date_naive();
            loop {
                day = match day.succ_opt() {
                    Some(d) => d,
                    None => return started,
                };
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    break;
                }
            }
            local_to_utc(tz, day.and_time(BUSINESS_DAY_START))
        }
    }
}

/// A wall-clock time in `tz`: the earlier instant when the clock repeats, and the first
/// existing time after a skipped hour.
fn local_to_utc<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut t = local;
    for _ in 0..8 {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => return d.with_timezone(&Utc),
            LocalResult::None => match t.checked_add_signed(Duration::minutes(15)) {
                Some(later) => t = later,
                None => break,
            },
        }
    }
    Utc.from_utc_datetime(&local)
}

/// `t`, moved inside the calendar by two days at either end, so that it converts to any UTC
/// offset and back. Only times near the years ±262,000 are moved, never a believable one.
pub fn displayable(t: DateTime<Utc>) -> DateTime<Utc> {
    let margin = Duration::days(2);
    let earliest = DateTime::<Utc>::MIN_UTC.checked_add_signed(margin).unwrap_or(t);
    let latest = DateTime::<Utc>::MAX_UTC.checked_sub_signed(margin).unwrap_or(t);
    t.clamp(earliest, latest)
}

/// `minutes` after `t`, or the last representable time when that is past the end of the calendar.
pub(crate) fn after_minutes(t: DateTime<Utc>, minutes: u32) -> DateTime<Utc> {
    t.checked_add_signed(Duration::minutes(i64::from(minutes)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The update cadence, in minutes, configured for a severity.
pub fn cadence_minutes(cadence: &CommsCadence, severity: Severity) -> u32 {
    match severity {
        Severity::P1 => cadence.p1,
        Severity::P2 => cadence.p2,
        Severity::P3 => cadence.p3,
        Severity::P4 => cadence.p4,
    }
}

/// "2 h 05 min" / "2 小时 05 分钟"; days from 24 h on.
pub fn duration_text(d: Duration) -> Bilingual {
    minutes_text(d.num_minutes().max(0))
}

fn minutes_text(total: i64) -> Bilingual {
    let (days, hours, mins) = (total / 1440, total % 1440 / 60, total % 60);
    if days > 0 {
        Bilingual::new(format!("{days} d {hours} h"), format!("{days} 天 {hours} 小时"))
    } else if hours > 0 {
        Bilingual::new(
            format!("{hours} h {mins:02} min"),
            format!("{hours} 小时 {mins:02} 分钟"),
        )
    } else {
        Bilingual::new(format!("{mins} min"), format!("{mins} 分钟"))
    }
}

/// "15 min left", "due now", "overdue by 3 min". Time left rounds up and time overdue rounds
/// down, so the text never claims more slack than there is.
pub fn countdown_text(deadline: DateTime<Utc>, now: DateTime<Utc>) -> Bilingual {
    let secs = (deadline - now).num_seconds();
    if secs > 0 {
        let t = minutes_text((secs + 59) / 60);
        return Bilingual::new(format!("{} left", t.en), format!("剩余 {}", t.zh));
    }
    let overdue = -secs / 60;
    if overdue == 0 {
        return Bilingual::new("due now", "现在到期");
    }
    let t = minutes_text(overdue);
    Bilingual::new(format!("overdue by {}", t.en), format!("已超时 {}", t.zh))
}

impl Incident {
    /// Time since the start, up to the resolution once resolved.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        let end = self.resolved_at().unwrap_or(now);
        (end - self.started_at).max(Duration::zero())
    }

    pub fn response_deadline<Tz: TimeZone>(&self, target: ResponseTarget, tz: &Tz) -> DateTime<Utc> {
        response_deadline(self.started_at, target, tz)
    }

    /// `cadence_minutes` after the last sent update, or after the start if none was sent.
    pub fn next_update_due(&self, cadence_minutes: u32) -> DateTime<Utc> {
        let last = self
            .timeline()
            .last_of(EntryKind::MessageSent)
            .map_or(self.started_at, |e| e.at);
        after_minutes(last, cadence_minutes)
    }
}

/// A countdown to a deadline, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Countdown {
    pub text: Bilingual,
    pub overdue: bool,
}

impl Countdown {
    pub fn new(at: DateTime<Utc>, now: DateTime<Utc>) -> Countdown {
        Countdown {
            text: countdown_text(at, now),
            overdue: now >= at,
        }
    }

    /// `data-state` for tests and styling; the words already say it.
    pub fn state(&self) -> &'static str {
        if self.overdue {
            "overdue"
        } else {
            "pending"
        }
    }
}

/// The clocks of an incident at `now`.
#[derive(Clone, Debug, PartialEq)]
pub struct Clocks {
    pub severity: Severity,
    pub elapsed: Bilingual,
    /// The runbook's wording of the response target (e.g. "< 15 min") and its countdown;
    /// `None` when the runbook has no target for the severity.
    pub response: Option<(Bilingual, Countdown)>,
    pub next_update: Countdown,
}

impl Clocks {
    /// `levels`: the runbook's severity levels; business days are counted in `tz`.
    pub fn of<Tz: TimeZone>(
        incident: &Incident,
        levels: &[SeverityLevel],
        cadence: &CommsCadence,
        now: DateTime<Utc>,
        tz: &Tz,
    ) -> Clocks {
        let severity = incident.severity();
        let response = levels.iter().find(|l| l.level == severity).map(|level| {
            let due = incident.response_deadline(level.response_target, tz);
            (level.response.clone(), Countdown::new(due, now))
        });
        Clocks {
            severity,
            elapsed: duration_text(incident.elapsed(now)),
            response,
            next_update: Countdown::new(incident.next_update_due(cadence_minutes(cadence, severity)), now),
        }
    }

    /// "< 15 min · 3 min left": the runbook's target and the countdown to it.
    pub fn response_words(&self, lang: Lang) -> String {
        match &self.response {
            Some((target, countdown)) => format!("{} · {}", target.get(lang), countdown.text.get(lang)),
            None => text::NO_RESPONSE_TARGET.get(lang).to_string(),
        }
    }

    /// "Response: 3 min left", short enough for the incident bar at 360 px.
    pub fn response_short(&self, lang: Lang) -> String {
        let left = self
            .response
            .as_ref()
            .map_or(text::NO_RESPONSE_TARGET.get(lang), |(_, c)| c.text.get(lang));
        format!("{}{}{left}", text::RESPONSE.get(lang), colon(lang))
    }

    /// `data-state` of the response countdown: "none" without a target.
    pub fn response_state(&self) -> &'static str {
        self.response.as_ref().map_or("none", |(_, c)| c.state())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use chrono_tz::{America::New_York, Europe::Berlin};

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    /// A wall-clock time in `tz`, as UTC.
    fn local<Tz: TimeZone>(tz: &Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
    }

    fn next_business_day<Tz: TimeZone>(start: DateTime<Utc>, tz: &Tz) -> DateTime<Utc> {
        response_deadline(start, ResponseTarget::NextBusinessDay, tz)
    }

    #[test]
    fn minute_targets_cross_midnight() {
        let start = utc(2026, 3, 4, 23, 30);
        for (minutes, due) in [
            (60, utc(2026, 3, 5, 0, 30)),
            (15, utc(2026, 3, 4, 23, 45)),
            (240, utc(2026, 3, 5, 3, 30)),
        ] {
            assert_eq!(
                response_deadline(start, ResponseTarget::Minutes(minutes), &Utc),
                due,
                "{minutes} min"
            );
        }
    }

    #[test]
    fn minute_targets_are_real_minutes_across_a_dst_jump() {
        // 01:50 EST on 2026-03-08; clocks jump from 02:00 to 03:00.
        let start = local(&New_York, 2026, 3, 8, 1, 50);
        let due = response_deadline(start, ResponseTarget::Minutes(15), &New_York);
        assert_eq!(due - start, Duration::minutes(15));
        assert_eq!(due.with_timezone(&New_York).format("%H:%M").to_string(), "03:05");
    }

    #[test]
    fn next_business_day_from_friday_evening_is_monday_nine() {
        for (start, due) in [
            (utc(2026, 3, 6, 18, 0), utc(2026, 3, 9, 9, 0)),    // Friday evening
            (utc(2026, 3, 7, 3, 0), utc(2026, 3, 9, 9, 0)),     // Saturday
            (utc(2026, 3, 9, 2, 0), utc(2026, 3, 10, 9, 0)),    // Monday early
            (utc(2026, 3, 11, 23, 59), utc(2026, 3, 12, 9, 0)), // Wednesday late
        ] {
            assert_eq!(next_business_day(start, &Utc), due, "from {start}");
        }
    }

    #[test]
    fn next_business_day_across_us_spring_forward() {
        // Friday 18:00 EST (UTC-5); Monday 09:00 is EDT (UTC-4) after 2026-03-08.
        let fri = local(&New_York, 2026, 3, 6, 18, 0);
        assert_eq!(next_business_day(fri, &New_York), utc(2026, 3, 9, 13, 0));
    }

    #[test]
    fn next_business_day_across_eu_fall_back() {
        // Friday 19:00 CEST (UTC+2); Monday 09:00 is CET (UTC+1) after 2026-10-25.
        let fri = local(&Berlin, 2026, 10, 23, 19, 0);
        assert_eq!(next_business_day(fri, &Berlin), utc(2026, 10, 26, 8, 0));
    }

    #[test]
    fn next_business_day_uses_the_local_date() {
        // 2026-03-06 23:30 UTC is already Saturday in UTC+8: due Monday 09:00 +08:00.
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(next_business_day(utc(2026, 3, 6, 23, 30), &tz), utc(2026, 3, 9, 1, 0));
        // Thursday 20:00 in New York is Friday 01:00 UTC: due Friday 09:00 New York time.
        assert_eq!(
            next_business_day(utc(2026, 3, 6, 1, 0), &New_York),
            utc(2026, 3, 6, 14, 0)
        );
    }

    #[test]
    fn skipped_local_time_moves_to_the_first_existing_time() {
        let half_past_two = |y, mo, d| {
            chrono::NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap()
        };
        let skipped = half_past_two(2026, 3, 8);
        assert_eq!(
            local_to_utc(&New_York, skipped)
                .with_timezone(&New_York)
                .format("%H:%M")
                .to_string(),
            "03:00"
        );
        let repeated = half_past_two(2026, 10, 25);
        assert_eq!(
            local_to_utc(&Berlin, repeated),
            utc(2026, 10, 25, 0, 30),
            "earlier of the two 02:30s"
        );
    }

    #[test]
    fn countdown_wording() {
        let due = utc(2026, 3, 4, 12, 0);
        let at = |h, m, s| Utc.with_ymd_and_hms(2026, 3, 4, h, m, s).unwrap();
        assert_eq!(countdown_text(due, at(11, 45, 0)).en, "15 min left");
        assert_eq!(countdown_text(due, at(11, 45, 30)).en, "15 min left");
        assert_eq!(countdown_text(due, at(11, 59, 59)).en, "1 min left");
        assert_eq!(countdown_text(due, at(12, 0, 0)).en, "due now");
        assert_eq!(countdown_text(due, at(12, 0, 59)).en, "due now");
        assert_eq!(countdown_text(due, at(12, 3, 10)).en, "overdue by 3 min");
        assert_eq!(countdown_text(due, at(12, 3, 10)).zh, "已超时 3 分钟");
        assert_eq!(countdown_text(due, at(9, 55, 0)).en, "2 h 05 min left");
        assert_eq!(countdown_text(due, at(9, 55, 0)).zh, "剩余 2 小时 05 分钟");
        assert_eq!(
            countdown_text(utc(2026, 3, 9, 9, 0), utc(2026, 3, 6, 18, 0)).en,
            "2 d 15 h left"
        );
    }

    #[test]
    fn durations_never_negative() {
        assert_eq!(duration_text(Duration::minutes(-5)).en, "0 min");
        assert_eq!(duration_text(Duration::minutes(61)).zh, "1 小时 01 分钟");
    }

    #[test]
    fn times_at_the_calendar_bounds_saturate_instead_of_overflowing() {
        let max = DateTime::<Utc>::MAX_UTC;
        let east = FixedOffset::east_opt(86_399).unwrap();
        assert_eq!(response_deadline(max, ResponseTarget::Minutes(u32::MAX), &Utc), max);
        assert_eq!(after_minutes(max, 1), max);
        response_deadline(max, ResponseTarget::NextBusinessDay, &east);
        response_deadline(DateTime::<Utc>::MIN_UTC, ResponseTarget::NextBusinessDay, &New_York);
        let skipped = chrono::NaiveDateTime::MAX;
        local_to_utc(&New_York, skipped);
        assert_eq!(countdown_text(max, DateTime::<Utc>::MIN_UTC).en, "191491529 d 0 h left");
        assert_eq!(duration_text(max - DateTime::<Utc>::MIN_UTC).en, "191491528 d 23 h");
    }

    #[test]
    fn cadence_follows_severity() {
        let c = CommsCadence {
            p1: 20,
            p2: 60,
            p3: 240,
            p4: 1440,
        };
        assert_eq!(Severity::ALL.map(|s| cadence_minutes(&c, s)), [20, 60, 240, 1440]);
    }
}
