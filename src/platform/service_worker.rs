//! Registers the service worker and tells the app when a new build is waiting, or could not be
//! installed.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

use crate::platform::network;

const CHECK_EVERY_MS: u32 = 5 * 60 * 1000;

thread_local! {
    /// Set once this page asked the waiting build to take over: its next controller change reloads.
    static UPDATE_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// What the page knows of a newer build.
#[derive(Clone, Copy)]
pub struct UpdateState {
    /// Installed and waiting for "Reload to update", or already running this page's worker
    /// (another tab took it on) while the page still shows the old build.
    pub ready: RwSignal<bool>,
    /// Its install failed (a file of the build could not be downloaded): the old build keeps
    /// running. Cleared when a later check installs a build.
    pub failed: RwSignal<bool>,
}

/// Registers `/sw.js` and follows newer builds into `update`.
pub fn register(update: UpdateState) {
    let container = window().navigator().service_worker();
    if container.is_undefined() {
        return;
    }
    follow_controller_changes();
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        // Not a registration where a browser or its automation blocks workers.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_updates(&reg, update);
        ask_controller_build(update);
        // The browser checks on every navigation (after this page listens, as measured in
        // Chromium); a page left open checks every few minutes.
        let every = reg.clone();
        gloo_timers::callback::Interval::new(CHECK_EVERY_MS, move || check(&every)).forget();
    });
}

/// Asks the server for a newer `/sw.js`. Offline or unreachable is not an error worth a word:
/// the next check tries again.
fn check(reg: &ServiceWorkerRegistration) {
    let Ok(promise) = reg.update() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

fn has_controller() -> bool {
    window().navigator().service_worker().controller().is_some()
}

fn watch_for_updates(reg: &ServiceWorkerRegistration, update: UpdateState) {
    if reg.waiting().is_some() && has_controller() {
        update.ready.set(true);
    }
    // An install that began before this page listened (another tab's check, or the browser's).
    if let Some(installing) = reg.installing() {
        watch_install(&installing, update);
    }
    let reg_for_event = reg.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(installing) = reg_for_event.installing() {
            watch_install(&installing, update);
        }
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

fn watch_install(installing: &ServiceWorker, update: UpdateState) {
    let worker = installing.clone();
    let mut installed = false;
    let on_state = Closure::<dyn FnMut()>::new(move || match worker.state() {
        ServiceWorkerState::Installed | ServiceWorkerState::Activating | ServiceWorkerState::Activated
            if !installed =>
        {
            installed = true;
            update.failed.set(false);
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
}

/// Reloads into the new build once the worker this page asked to take over ("Reload to update")
/// controls it. A takeover not asked for here (another tab took the new build on) changes
/// nothing on this page: its install was followed in `watch_install`, or `ask_controller_build`
/// finds it.
fn follow_controller_changes() {
    let container = window().navigator().service_worker();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if UPDATE_REQUESTED.with(Cell::get) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
}

/// Asks the worker controlling this page which build it serves (it answers `{ build }`); a build
/// other than this page's means another tab let a newer build take over before this page
/// listened for one (a slow start, a tab restored late): offer the reload.
fn ask_controller_build(update: UpdateState) {
    let container = window().navigator().service_worker();
    let Some(controller) = container.controller() else {
        return;
    };
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let data = js_sys::Reflect::get(&event, &JsValue::from_str("data")).unwrap_or(JsValue::UNDEFINED);
        if data.is_null() || data.is_undefined() {
            return;
        }
        let Some(build) = js_sys::Reflect::get(&data, &JsValue::from_str("build"))
            .ok()
            .and_then(|b| b.as_string())
        else {
            return;
        };
        if network::build_id().is_some_and(|page| page != build) {
            update.ready.set(true);
        }
    });
    let _ = container.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    let _ = controller.post_message(&JsValue::from_str("build"));
}

/// Lets the waiting build take over, then reloads once it controls the page.
pub fn apply_update() {
    UPDATE_REQUESTED.with(|requested| requested.set(true));
    let container = window().navigator().service_worker();
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else {
            let _ = window().location().reload();
            return;
        };
        let waiting = reg
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|reg| reg.waiting());
        match waiting {
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
