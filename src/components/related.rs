//! The runbooks this one points to: a link to each one the library has, and an honest "not in
//! this library" for the others.

use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::ui_text::library as text;

use crate::state::content::use_content;
use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

#[component]
pub fn RelatedRunbooks() -> impl IntoView {
    let prefs = use_prefs();
    let links = &use_content().runbook().links;
    let library = use_library();
    (!links.is_empty()).then(|| {
        let items = links
            .iter()
            .map(|id| match library.index().get(id) {
                Some(entry) => view! {
                    <li>
                        <A href=format!("/r/{id}")>{move || entry.title.get(prefs.ui_lang()).to_string()}</A>
                    </li>
                }
                .into_any(),
                None => view! {
                    <li>
                        <code>{id.clone()}</code>
                        " "
                        <span class="muted">"(" {prefs.tr(text::NOT_IN_LIBRARY)} ")"</span>
                    </li>
                }
                .into_any(),
            })
            .collect_view();
        view! {
            <nav class="related" aria-label=prefs.tr(text::RELATED)>
                <h2 class="related-title">{prefs.tr(text::RELATED)}</h2>
                <ul>{items}</ul>
            </nav>
        }
    })
}
