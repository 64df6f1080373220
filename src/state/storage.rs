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
