use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::ui_text as ui;

use crate::state::prefs::use_prefs;

#[component]
pub fn NotFound() -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <div class="page">
            <h1>{prefs.tr(ui::NOT_FOUND)}</h1>
            <p>
                <A href="/">{prefs.tr(ui::BACK_TO_RUNBOOK)}</A>
            </p>
        </div>
    }
}
