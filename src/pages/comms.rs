use leptos::prelude::*;
use runbook_core::ui_text::comms as text;

use crate::state::use_app;

#[component]
pub fn CommsPage() -> impl IntoView {
    let app = use_app();
    view! { <div class="page"><h1>{app.tr(text::TITLE)}</h1></div> }
}
