//! The time timers and ages derive from: ticks every second once started.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Now {
    now: RwSignal<DateTime<Utc>>,
}

pub fn use_now() -> Now {
    expect_context::<Now>()
}

impl Now {
    pub fn new() -> Now {
        Now {
            now: RwSignal::new(Utc::now()),
        }
    }

    pub fn start_ticking(self) {
        crate::platform::clock::tick_every_second(self.now);
    }

    /// The current second (tracked: re-runs once a second).
    pub fn get(self) -> DateTime<Utc> {
        self.now.get()
    }

    pub fn get_untracked(self) -> DateTime<Utc> {
        self.now.get_untracked()
    }
}
