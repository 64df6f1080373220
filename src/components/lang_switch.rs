//! English / 中文 / both, switched in place: the section at the top of the screen stays there.

use leptos::prelude::*;
use runbook_core::i18n::LangMode;
use runbook_core::ui_text as ui;

use crate::platform::scroll;
use crate::state::prefs::use_prefs;

fn label(mode: LangMode) -> runbook_core::i18n::Text {
    match mode {
        LangMode::En => ui::LANG_EN,
        LangMode::Zh => ui::LANG_ZH,
        LangMode::Both => ui::LANG_BOTH,
    }
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let prefs = use_prefs();
    let choose = move |mode: LangMode| {
        if prefs.mode_untracked() == mode {
            return;
        }
        let anchor = scroll::top_anchor();
        prefs.set_mode(mode);
        scroll::restore_after_render(anchor);
    };
    view! {
        <fieldset class="lang-switch">
            <legend class="visually-hidden">{prefs.tr(ui::LANGUAGE)}</legend>
            {LangMode::ALL
                .into_iter()
                .map(|mode| {
                    view! {
                        <label class="lang-option" class:selected=move || prefs.mode() == mode>
                            <input
                                type="radio"
                                name="lang"
                                value=mode.as_str()
                                prop:checked=move || prefs.mode() == mode
                                on:change=move |_| choose(mode)
                            />
                            <span>{prefs.tr(label(mode))}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
