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

pub fn remove(key: &str) {
    if let Ok(storage) = local() {
        // Nothing to do when it cannot be removed: the key is then simply never read.
        let _ = storage.remove_item(key);
    }
}

/// Every localStorage key of this site.
pub fn keys() -> Vec<String> {
    let Ok(storage) = local() else { return Vec::new() };
    let n = storage.length().unwrap_or(0);
    (0..n).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// Every stored `incident-runbook.*` value, untouched, as one JSON file. Storage holds no secret.
pub fn export_all(now: chrono::DateTime<chrono::Utc>) -> String {
    let items: serde_json::Map<String, serde_json::Value> = keys()
        .into_iter()
        .filter(|k| k.starts_with("incident-runbook."))
        .filter_map(|k| read(&k).map(|v| (k, v.into())))
        .collect();
    let file = serde_json::json!({
        "format": "incident-runbook/browser-storage",
        "exported_at": now.to_rfc3339(),
        "items": items,
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

pub fn export_file_name(now: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "incident-runbook-data-{}.json",
        runbook_core::time_text::compact_utc(&now)
    )
}

/// The session's own storage (this tab only), for start-up markers.
pub fn session() -> Option<Storage> {
    leptos::prelude::window().session_storage().ok().flatten()
}

/// Calls `restored` when this page comes back from the back/forward cache (it missed the other
/// tabs' storage events meanwhile).
pub fn on_back_forward_restore(restored: impl Fn() + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let persisted = js_sys::Reflect::get(&event, &"persisted".into()).ok();
        if persisted.and_then(|p| p.as_bool()) == Some(true) {
            restored();
        }
    });
    let _ = leptos::prelude::window().add_event_listener_with_callback("pageshow", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// Asks the browser not to evict this site's storage under pressure (`navigator.storage.persist()`);
/// a refusal or a browser without it leaves storage as it was.
pub fn request_persistence() {
    use wasm_bindgen::JsCast;
    let navigator = leptos::prelude::window().navigator();
    let Ok(manager) = js_sys::Reflect::get(&navigator, &"storage".into()) else {
        return;
    };
    let Ok(persist) = js_sys::Reflect::get(&manager, &"persist".into()) else {
        return;
    };
    let Some(persist) = persist.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(promise) = persist.call0(&manager).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        let ignore = wasm_bindgen::closure::Closure::once(|_: wasm_bindgen::JsValue| {});
        let _ = promise.catch(&ignore);
        ignore.forget();
    }
}
