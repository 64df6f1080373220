use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::ui_text as ui;

use crate::state::use_app;

/// Links to every section; collapsible so it doesn't push the runbook off a phone screen.
#[component]
pub fn TableOfContents() -> impl IntoView {
    let app = use_app();
    view! {
        <nav class="toc" aria-label=app.tr(ui::CONTENTS)>
            <details open=true>
                <summary>{app.tr(ui::CONTENTS)}</summary>
                <ol>
                    {move || {
                        let lang = app.ui_lang();
                        app.runbook
                            .document(lang)
                            .sections
                            .iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <A href=format!("/runbook/{}", s.id)>{s.title.clone()}</A>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </details>
        </nav>
    }
}
