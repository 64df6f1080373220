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
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    let root = document
        .get_element_by_id("app")
        .expect("index.html has #app")
        .unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(root, app::App).forget();
    // The pre-rendered runbook is readable before the wasm starts; the app replaces it.
    if let Some(prerendered) = document.get_element_by_id("prerender") {
        prerendered.remove();
    }
}
