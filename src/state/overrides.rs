//! Command parameter overrides, remembered in this browser. They never hold a secret:
//! `ParamOverrides` has no field that could carry an API key.

use leptos::prelude::*;
use runbook_core::commands::ParamOverrides;

use super::storage;

const KEY: &str = "incident-runbook.overrides";

pub fn load() -> RwSignal<ParamOverrides> {
    let saved = storage::read(KEY)
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default();
    let overrides = RwSignal::new(saved);
    Effect::new(move || {
        if let Ok(json) = overrides.with(serde_json::to_string) {
            // Losing overrides only means retyping them.
            let _ = storage::write(KEY, &json);
        }
    });
    overrides
}
