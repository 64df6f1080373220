//! `/`: every runbook of the library, with what an on-call engineer picks one by: its title in
//! the chosen language (or both), vendor, owners, review date and the alerts it answers.

use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::library::Entry;
use runbook_core::ui_text::library as text;

use crate::components::bilingual::ModeTitle;
use crate::components::page_footer::PageFooter;
use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let prefs = use_prefs();
    let library = use_library();
    library.set_current(None);
    view! {
        <div class="library">
            <h1 class="library-title">{prefs.tr(text::TITLE)}</h1>
            <ul class="library-list">
                {library.index().runbooks.iter().map(|entry| view! { <LibraryItem entry /> }).collect_view()}
            </ul>
            <PageFooter />
        </div>
    }
}

#[component]
fn LibraryItem(entry: &'static Entry) -> impl IntoView {
    let prefs = use_prefs();
    let alerts = move || {
        if entry.alerts.is_empty() {
            prefs.tr(text::NO_ALERTS)().into_any()
        } else {
            entry
                .alerts
                .iter()
                .enumerate()
                .map(|(i, alert)| {
                    view! {
                        {(i > 0).then_some(" ")}
                        <code>{alert.clone()}</code>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <li class="library-item" data-testid="library-item" data-runbook=entry.id.clone()>
            <h2 class="library-item-title">
                <A href=format!("/r/{}", entry.id)>
                    <ModeTitle title=&entry.title />
                </A>
            </h2>
            <dl class="library-facts">
                <dt>{prefs.tr(text::VENDOR)}</dt>
                <dd>{move || entry.vendor.get(prefs.ui_lang()).to_string()}</dd>
                <dt>{prefs.tr(text::OWNERS)}</dt>
                <dd>{entry.owners.join(", ")}</dd>
                <dt>{prefs.tr(text::REVIEWED)}</dt>
                <dd>{entry.reviewed.clone()}</dd>
                <dt>{prefs.tr(text::ALERTS)}</dt>
                <dd>{alerts}</dd>
            </dl>
        </li>
    }
}
