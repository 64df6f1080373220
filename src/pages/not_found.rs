use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use runbook_core::ui_text as ui;

use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

/// A path of the one-runbook app (`/triage`, `/runbook/<section>`, an alert's
/// `/incident/new?alert=…`) opens the runbook it meant, in place of the old entry in the history;
/// any other path is not found.
#[component]
pub fn NotFoundOrMoved() -> impl IntoView {
    let location = use_location();
    let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
    match use_library()
        .index()
        .legacy_redirect(&path, query.trim_start_matches('?'))
    {
        Some(target) => {
            let hash = location.hash.get_untracked();
            let navigate = use_navigate();
            request_animation_frame(move || {
                navigate(
                    &format!("{target}{hash}"),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
            ().into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let prefs = use_prefs();
    use_library().set_current(None);
    view! {
        <div class="page">
            <h1>{prefs.tr(ui::NOT_FOUND)}</h1>
            <p>
                <A href="/">{prefs.tr(ui::BACK_TO_LIBRARY)}</A>
            </p>
        </div>
    }
}
