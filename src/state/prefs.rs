//! The reader's language choice: remembered across visits, first default from the browser.

use runbook_core::i18n::LangMode;

use super::storage;

const LANG_KEY: &str = "incident-runbook.lang";

pub fn initial_lang() -> LangMode {
    if let Some(mode) = storage::read(LANG_KEY).as_deref().and_then(LangMode::parse) {
        return mode;
    }
    let languages: Vec<String> = leptos::prelude::window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    LangMode::from_browser_languages(languages.iter().map(String::as_str))
}

/// Stores the choice and makes `<html lang>` follow it.
pub fn apply_lang(mode: LangMode) {
    // A failed write only loses the preference for the next visit.
    let _ = storage::write(LANG_KEY, mode.as_str());
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("lang", mode.primary().tag());
    }
}
