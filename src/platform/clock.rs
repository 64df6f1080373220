use chrono::Utc;
use leptos::prelude::*;

pub fn tick_every_second(now: RwSignal<chrono::DateTime<Utc>>) {
    let interval = gloo_timers::callback::Interval::new(1_000, move || now.set(Utc::now()));
    // The clock runs for the page's lifetime.
    interval.forget();
}
