//! Registers the service worker and tells the app when a new build is waiting.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

const CHECK_EVERY_MS: u32 = 5 * 60 * 1000;

/// What the page knows of a newer build.
#[derive(Clone, Copy)]
pub struct UpdateState {
    /// Installed and waiting for "Reload to update".
    pub ready: RwSignal<bool>,
    /// Its install failed (a file of the build could not be downloaded): the offline copy stays old.
    pub failed: RwSignal<bool>,
}

/// Registers `/sw.js` and follows newer builds into `update`.
pub fn register(update: UpdateState) {
    let container = window().navigator().service_worker();
    if container.is_undefined() {
        return;
    }
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        // Not a registration where a browser or its automation blocks workers.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_updates(&reg, update);
        let check = reg.clone();
        gloo_timers::callback::Interval::new(CHECK_EVERY_MS, move || {
            let _ = check.update();
        })
        .forget();
    });
}

fn watch_for_updates(reg: &ServiceWorkerRegistration, update: UpdateState) {
    let has_controller = || window().navigator().service_worker().controller().is_some();
    if reg.waiting().is_some() && has_controller() {
        update.ready.set(true);
    }
    let reg_for_event = reg.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg_for_event.installing() else {
            return;
        };
        let worker = installing.clone();
        let mut installed = false;
        let on_state = Closure::<dyn FnMut()>::new(move || match worker.state() {
            ServiceWorkerState::Installed => {
                installed = true;
                if has_controller() {
                    update.ready.set(true);
                }
            }
            // From installing straight to redundant: its install step (the precache) failed.
            ServiceWorkerState::Redundant if !installed => update.failed.set(true),
            _ => {}
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Lets the waiting build take over, then reloads once it controls the page.
pub fn apply_update() {
    let container = window().navigator().service_worker();
    let on_change = Closure::<dyn FnMut()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        match reg.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
            }
            // Another tab let the new build take over already: it controls this page too.
            None => {
                let _ = window().location().reload();
            }
        }
    });
}
