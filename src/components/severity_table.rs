use leptos::prelude::*;
use runbook_core::i18n::Lang;
use runbook_core::ui_text as ui;

use crate::state::content::use_content;

/// Severity levels P1-P4 from the runbook manifest: definition, response time, examples.
#[component]
pub fn SeverityLevels(lang: Lang) -> impl IntoView {
    let runbook = use_content().runbook();
    view! {
        <ul class="severity-grid">
            {runbook
                .severities
                .iter()
                .map(|s| {
                    let level = s.level.as_str();
                    view! {
                        <li class=format!("severity-card sev-{}", level.to_ascii_lowercase())>
                            <h3>{level}</h3>
                            <dl>
                                <dt>{ui::SEVERITY_DEFINITION.get(lang)}</dt>
                                <dd>{s.definition.get(lang).to_string()}</dd>
                                <dt>{ui::SEVERITY_RESPONSE.get(lang)}</dt>
                                <dd>{s.response.get(lang).to_string()}</dd>
                                <dt>{ui::SEVERITY_EXAMPLES.get(lang)}</dt>
                                <dd>{s.examples.get(lang).to_string()}</dd>
                            </dl>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
