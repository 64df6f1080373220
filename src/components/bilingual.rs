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
