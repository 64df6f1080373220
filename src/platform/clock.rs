//! The app's clock and how its times are written. Times pass through `displayable` first, so
//! no stored or imported time can overflow the conversion to local time.

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;
use runbook_core::incident::displayable;

/// "09:30:00" in local time.
pub fn local_time(at: DateTime<Utc>) -> String {
    displayable(at).with_timezone(&Local).format("%H:%M:%S").to_string()
}

/// "2026-03-06 17:30:00" in local time.
pub fn local_date_time(at: DateTime<Utc>) -> String {
    displayable(at)
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// "2026-03-06 09:30:00 UTC".
pub fn utc_time(at: DateTime<Utc>) -> String {
    displayable(at).format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

pub fn tick_every_second(now: RwSignal<chrono::DateTime<Utc>>) {
    let interval = gloo_timers::callback::Interval::new(1_000, move || now.set(Utc::now()));
    // The clock runs for the page's lifetime.
    interval.forget();
}
