use leptos::prelude::*;
use runbook_core::ui_text::incident as text;

use crate::state::use_app;

#[component]
pub fn IncidentPage() -> impl IntoView {
    let app = use_app();
    view! { <div class="page"><h1>{app.tr(text::TITLE)}</h1></div> }
}

/// Opened from an alert's runbook_url: pre-fills a new incident from the link.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    let app = use_app();
    view! { <div class="page"><h1>{app.tr(text::TITLE)}</h1></div> }
}
