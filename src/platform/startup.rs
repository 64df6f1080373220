//! Startup in short tasks instead of one long one, so a slow phone keeps answering input
//! while the app starts (Lighthouse "total blocking time"). `main` only schedules the mount;
//! the app then renders into the hidden `#app` in stages, one task each, and on the frame
//! after the last stage `#app` is shown and the pre-rendered runbook removed, in one paint.
//! Work the first paint of the app does not need runs in the task after that.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn next_task(run: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(0, run).forget();
}

#[derive(Clone, Copy)]
pub struct Stages {
    reached: RwSignal<u8>,
}

impl Stages {
    /// Stage 0 renders with the mount; stages 1..=last follow in the next tasks, then the
    /// reveal, then `after_reveal`.
    pub fn start(last: u8, after_reveal: impl FnOnce() + 'static) -> Self {
        let stages = Self {
            reached: RwSignal::new(0),
        };
        stages.advance(last, Box::new(after_reveal));
        stages
    }

    pub fn reached(self, stage: u8) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        move || self.reached.get() >= stage
    }

    fn advance(self, last: u8, after_reveal: Box<dyn FnOnce()>) {
        next_task(move || {
            self.reached.update(|reached| *reached += 1);
            if self.reached.get_untracked() < last {
                self.advance(last, after_reveal);
            } else {
                // Animation frames run after this task's microtasks, where the stage renders.
                request_animation_frame(move || {
                    reveal_app();
                    next_task(after_reveal);
                });
            }
        });
    }
}

/// The pre-rendered page stays on screen until the app is revealed, while the app renders the same
/// ids (`main`, the sections) into the hidden `#app`: the copy gives its ids up first, so an id
/// names one element at every moment (skip link, lookups, tests).
pub fn retire_prerendered_ids() {
    let Some(prerendered) = document().get_element_by_id("prerender") else {
        return;
    };
    let Ok(with_ids) = prerendered.query_selector_all("[id]") else {
        return;
    };
    for i in 0..with_ids.length() {
        if let Some(element) = with_ids.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            let _ = element.remove_attribute("id");
        }
    }
}

fn reveal_app() {
    let document = document();
    if let Some(app) = document.get_element_by_id("app") {
        let _ = app.remove_attribute("hidden");
    }
    if let Some(prerendered) = document.get_element_by_id("prerender") {
        prerendered.remove();
    }
}

/// sessionStorage marker: "starting" while the app starts, "crashed" once a panic hit it then.
/// Per tab, so another tab starting at the same time is not taken for a crash.
const STARTING_KEY: &str = "incident-runbook.starting";

thread_local! {
    static LAST_START_CRASHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called first thing: remembers whether the previous start in this tab crashed, and marks
/// this one as under way.
pub fn begin() {
    let Some(session) = crate::state::storage::session() else {
        return;
    };
    let crashed = session.get_item(STARTING_KEY).ok().flatten().as_deref() == Some("crashed");
    LAST_START_CRASHED.with(|c| c.set(crashed));
    let _ = session.set_item(STARTING_KEY, "starting");
}

pub fn last_start_crashed() -> bool {
    LAST_START_CRASHED.with(std::cell::Cell::get)
}

/// The app is up: a panic from now on is not a crash while starting. Start-up tasks already
/// scheduled still run after a panic, so a "crashed" mark stays.
pub fn finished() {
    let Some(session) = crate::state::storage::session() else {
        return;
    };
    if session.get_item(STARTING_KEY).ok().flatten().as_deref() == Some("starting") {
        let _ = session.remove_item(STARTING_KEY);
    }
}

/// From the panic hook: when the app was still starting, the next start is to be in safe mode.
pub fn note_panic() {
    let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return;
    };
    if session.get_item(STARTING_KEY).ok().flatten().as_deref() == Some("starting") {
        let _ = session.set_item(STARTING_KEY, "crashed");
    }
}
