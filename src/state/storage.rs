//! localStorage access. Every failure (private mode, quota, disabled storage) is a value, not a panic.

use web_sys::Storage;

fn local() -> Result<Storage, String> {
    leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or_else(|| "localStorage is not available".to_string())
}

pub fn read(key: &str) -> Option<String> {
    local().ok()?.get_item(key).ok()?
}

pub fn write(key: &str, value: &str) -> Result<(), String> {
    local()?.set_item(key, value).map_err(|e| format!("{e:?}"))
}

/// Calls `changed` with the new text whenever another tab of this site writes `key`.
pub fn on_change_elsewhere(key: &'static str, changed: impl Fn(Option<String>) + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
        if event.key().as_deref() == Some(key) {
            changed(event.new_value());
        }
    });
    let _ = leptos::prelude::window().add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}
