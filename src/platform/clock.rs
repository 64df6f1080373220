//! The app's clock and how its times are written. Times pass through `displayable` first, so
//! no stored or imported time can overflow the conversion to local time.

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;
use runbook_core::incident::displayable;
use runbook_core::time_text;

/// "09:30:00" in local time.
pub fn local_time(at: DateTime<Utc>) -> String {
    time_text::clock(&displayable(at).with_timezone(&Local))
}

/// "2026-03-06 17:30:00" in local time.
pub fn local_date_time(at: DateTime<Utc>) -> String {
    time_text::date_clock(&displayable(at).with_timezone(&Local))
}

/// "2026-03-06 09:30:00 UTC".
pub fn utc_time(at: DateTime<Utc>) -> String {
    format!("{} UTC", time_text::date_clock(&displayable(at)))
}

pub fn tick_every_second(now: RwSignal<chrono::DateTime<Utc>>) {
    let interval = gloo_timers::callback::Interval::new(1_000, move || now.set(Utc::now()));
    // The clock runs for the page's lifetime.
    interval.forget();
}
