//! The reader's language choice: remembered across visits, first default from the browser.

use leptos::prelude::*;
use runbook_core::i18n::{Lang, LangMode, Text};

use super::storage;

const LANG_KEY: &str = "incident-runbook.lang";

/// The language (or both) the runbook and the app's words are shown in.
#[derive(Clone, Copy)]
pub struct Prefs {
    mode: RwSignal<LangMode>,
}

pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}

impl Prefs {
    /// The remembered choice, else the browser's languages; `<html lang>` follows every change.
    pub fn new() -> Prefs {
        let prefs = Prefs {
            mode: RwSignal::new(initial_lang()),
        };
        Effect::new(move || apply_lang(prefs.mode.get()));
        prefs
    }

    /// The language mode (tracked).
    pub fn mode(self) -> LangMode {
        self.mode.get()
    }

    pub fn mode_untracked(self) -> LangMode {
        self.mode.get_untracked()
    }

    pub fn set_mode(self, mode: LangMode) {
        self.mode.set(mode);
    }

    /// The language for UI chrome (tracked).
    pub fn ui_lang(self) -> Lang {
        self.mode.get().primary()
    }

    /// A reactive closure giving `text` in the current UI language.
    pub fn tr(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || text.get(self.ui_lang())
    }

    /// [`Prefs::tr`] as an owned string, for props that take a `Signal<String>`.
    pub fn tr_string(self, text: Text) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        let tr = self.tr(text);
        move || tr().to_string()
    }
}

fn initial_lang() -> LangMode {
    if let Some(mode) = storage::read(LANG_KEY).as_deref().and_then(LangMode::parse) {
        return mode;
    }
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    LangMode::from_browser_languages(languages.iter().map(String::as_str))
}

/// Stores the choice and makes `<html lang>` follow it.
fn apply_lang(mode: LangMode) {
    // A failed write only loses the preference for the next visit.
    let _ = storage::write(LANG_KEY, mode.as_str());
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", mode.primary().tag());
    }
}
