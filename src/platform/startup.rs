//! Startup in short tasks instead of one long one, so a slow phone keeps answering input
//! while the app starts (Lighthouse "total blocking time"). `main` only schedules the mount;
//! the app then renders into the hidden `#app` in stages, one task each, and on the frame
//! after the last stage `#app` is shown and the pre-rendered runbook removed, in one paint.
//! Work the first paint of the app does not need runs in the task after that.

use leptos::prelude::*;

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

fn reveal_app() {
    let document = document();
    if let Some(app) = document.get_element_by_id("app") {
        let _ = app.remove_attribute("hidden");
    }
    if let Some(prerendered) = document.get_element_by_id("prerender") {
        prerendered.remove();
    }
}
