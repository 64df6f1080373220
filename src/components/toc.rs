use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::ui_text as ui;

use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

/// Links to every section; collapsible so it doesn't push the runbook off a phone screen.
#[component]
pub fn TableOfContents() -> impl IntoView {
    let prefs = use_prefs();
    let content = use_content();
    view! {
        <nav class="toc" aria-label=prefs.tr(ui::CONTENTS)>
            <details open=true>
                <summary>{prefs.tr(ui::CONTENTS)}</summary>
                <ol>
                    {move || {
                        let lang = prefs.ui_lang();
                        content
                            .runbook()
                            .document(lang)
                            .sections
                            .iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <A href=content.section_path(&s.id)>{s.title.clone()}</A>
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
