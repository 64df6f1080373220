use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::ui_text as ui;

use crate::state::use_app;

#[component]
pub fn NotFound() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="page">
            <h1>{app.tr(ui::NOT_FOUND)}</h1>
            <p>
                <A href="/">{app.tr(ui::BACK_TO_RUNBOOK)}</A>
            </p>
        </div>
    }
}
