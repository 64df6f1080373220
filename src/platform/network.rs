//! Online/offline as a signal, from navigator.onLine and the window's online/offline events.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn online_signal() -> RwSignal<bool> {
    let online = RwSignal::new(window().navigator().on_line());
    for (event, value) in [("online", true), ("offline", false)] {
        let cb = Closure::<dyn FnMut()>::new(move || online.set(value));
        let _ = window().add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        cb.forget();
    }
    online
}

/// The build id the service worker precached (from `<meta name="build">`, written at build time).
pub fn build_id() -> Option<String> {
    document()
        .query_selector("meta[name=build]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}
