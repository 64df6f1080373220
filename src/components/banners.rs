use leptos::prelude::*;
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::state::use_app;

/// Names every bad config.json field; the app keeps running on defaults for them.
#[component]
pub fn ConfigBanner() -> impl IntoView {
    let app = use_app();
    let dismissed = RwSignal::new(false);
    let issues = move || app.config.with(|c| c.issues.clone());
    view! {
        <Show when=move || !dismissed.get() && !issues().is_empty()>
            <div class="banner banner-error" role="alert" data-testid="config-banner">
                <p><strong>{app.tr(ui::CONFIG_PROBLEMS)}</strong></p>
                <ul>
                    {move || {
                        issues()
                            .into_iter()
                            .map(|issue| view! { <li><BothLangs text=issue.message()/></li> })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="btn-secondary" on:click=move |_| dismissed.set(true)>
                    {app.tr(ui::DISMISS)}
                </button>
            </div>
        </Show>
    }
}
