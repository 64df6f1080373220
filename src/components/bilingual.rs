use leptos::prelude::*;
use runbook_core::i18n::{Bilingual, Lang};

/// Errors and warnings are always shown in both languages: the reader may not be the one
/// who chose the language setting.
#[component]
pub fn BothLangs(text: Bilingual) -> impl IntoView {
    view! {
        <span class="both-langs">
            <span lang=Lang::En.tag()>{text.en}</span>
            " "
            <span lang=Lang::Zh.tag()>{text.zh}</span>
        </span>
    }
}

/// A title in each language of the reader's mode (both side by side, or one).
#[component]
pub fn ModeTitle(title: &'static Bilingual) -> impl IntoView {
    let prefs = crate::state::prefs::use_prefs();
    move || {
        prefs
            .mode()
            .langs()
            .iter()
            .map(|l| view! { <span lang=l.tag()>{title.get(*l).to_string()}</span> })
            .collect_view()
    }
}
