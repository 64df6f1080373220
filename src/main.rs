//! Browser shell of incident-runbook: Leptos components, fetching, storage and platform glue.
//! All domain logic lives in the pure `runbook-core` crate.

mod api;
mod app;
mod components;
mod pages;
mod platform;
mod state;

use wasm_bindgen::JsCast;

use crate::state::library::{self, Library};

fn main() {
    // A panic aborts the wasm: log it, note whether it hit the start, and leave a screen
    // with the user's way out.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        platform::startup::note_panic();
        platform::crash::show();
    }));
    platform::startup::begin();
    let index = match library::read_index() {
        Ok(index) => index,
        Err(problem) => return platform::crash::show_problem(&problem),
    };
    // A link of the one-runbook app becomes the runbook's own path before anything renders.
    let location = leptos::prelude::window().location();
    let (path, query) = (
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
    );
    if let Some(target) = index.legacy_redirect(&path, query.trim_start_matches('?')) {
        let hash = location.hash().unwrap_or_default();
        if let Ok(history) = leptos::prelude::window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{target}{hash}")));
        }
    }
    // The runbook the page is on loads (its page preloaded the file) before the mount that
    // reads it, so that the app takes over with the page the reader already sees.
    let path = location.pathname().unwrap_or_default();
    let opened = runbook_core::library::runbook_in_path(&path).map(str::to_string);
    // Before the mount, which sets up Leptos' executor: the browser's own.
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(id) = &opened {
            // A failure is shown by the runbook's route, with a retry.
            let _ = library::fetch(index, id).await;
        }
        platform::startup::next_task(move || mount(Library::new(index, opened.as_deref())));
    });
}

fn mount(library: Library) {
    platform::startup::retire_prerendered_ids();
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .expect("index.html has #app")
        .unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(root, move || leptos::view! { <app::App library /> }).forget();
}
