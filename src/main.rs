//! Browser shell of incident-runbook: Leptos components, fetching, storage and platform glue.
//! All domain logic lives in the pure `runbook-core` crate.

mod api;
mod app;
mod components;
mod pages;
mod platform;
mod state;

use wasm_bindgen::JsCast;

fn main() {
    // A panic aborts the wasm: log it, note whether it hit the start, and leave a screen
    // with the user's way out.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        platform::startup::note_panic();
        platform::crash::show();
    }));
    platform::startup::begin();
    // The runbook is parsed in a task of its own, before the mount that reads it.
    platform::startup::next_task(|| {
        state::content::Content::embedded();
        platform::startup::next_task(mount);
    });
}

fn mount() {
    platform::startup::retire_prerendered_ids();
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .expect("index.html has #app")
        .unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(root, app::App).forget();
}
