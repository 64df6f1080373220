//! The incident session: start one (here, from the wizard's outcome or from an alert link),
//! work it (severity, status, commander, impact, clocks, timeline), resolve it; past incidents
//! with reopen, export and import.

mod active;
mod past;
mod start;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use runbook_core::i18n::{Bilingual, Lang, Text};
use runbook_core::incident::{evidence_file_name, parse_alert_link, Incident};
use runbook_core::runbook::Runbook;
use runbook_core::severity::Severity;
use runbook_core::tree::suggest_severity;
use runbook_core::ui_text::incident as text;

use crate::state::content::use_content;
use crate::state::incident::use_incidents;
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;
use active::ActiveIncident;
use past::PastIncidents;
use start::PrefillSummary;
pub use start::StartIncidentForm;

const EXPORT_MIME: &str = "application/json";

#[component]
pub fn IncidentPage() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let live = use_live();
    let has_active = Memo::new(move |_| incidents.has_active());
    let suggestion = Memo::new(move |_| suggest_severity(&live.observations(), None));
    view! {
        <div class="page incident-page">
            <h1>{prefs.tr(text::TITLE)}</h1>
            <Show
                when=move || has_active.get()
                fallback=move || {
                    view! {
                        <p data-testid="no-incident">{prefs.tr(text::NO_ACTIVE)}</p>
                        <StartIncidentForm suggestion=suggestion />
                    }
                }
            >
                <ActiveIncident />
            </Show>
            <PastIncidents />
        </div>
    }
}

/// Opened from an alert's runbook_url: pre-fills a new incident from the link.
#[component]
pub fn NewIncidentPage() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let live = use_live();
    let query = use_query_map();
    let navigate = use_navigate();
    let prefill =
        Memo::new(move |_| query.with(|q| parse_alert_link(q.into_iter().map(|(k, v)| (k.as_ref(), v)), Utc::now())));
    let has_active = Memo::new(move |_| incidents.has_active());
    let suggestion = Memo::new(move |_| suggest_severity(&live.observations(), None));
    let content = use_content();
    let started = Callback::new(move |()| navigate(&content.path("/incident"), Default::default()));
    view! {
        <div class="page incident-page">
            <h1>{prefs.tr(text::NEW_TITLE)}</h1>
            {move || view! { <PrefillSummary prefill=prefill.get() /> }}
            <Show
                when=move || has_active.get()
                fallback=move || {
                    view! { <StartIncidentForm suggestion=suggestion prefill=prefill.get() on_started=started /> }
                }
            >
                <AlreadyOpen />
            </Show>
        </div>
    }
}

#[component]
fn AlreadyOpen() -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <p class="banner banner-warn" role="status" data-testid="already-open">
            {prefs.tr(text::ALREADY_OPEN)}
            " "
            <A href=use_content().path("/incident")>{prefs.tr(text::GO_TO_INCIDENT)}</A>
        </p>
    }
}

/// "P1 · Complete outage (< 15 min)", from the runbook's severity levels.
fn severity_option_text(runbook: &Runbook, lang: Lang, severity: Severity, suggested: bool) -> String {
    let mut label = severity.as_str().to_string();
    if let Some(level) = runbook.severity(severity) {
        label = format!(
            "{label} · {} ({})",
            level.definition.get(lang),
            level.response.get(lang)
        );
    }
    if suggested {
        label = format!("{label} · {}", text::SUGGESTED_TAG.get(lang));
    }
    label
}

fn prefixed(label: Text, why: &Bilingual) -> Bilingual {
    Bilingual::new(format!("{} {}", label.en, why.en), format!("{}{}", label.zh, why.zh))
}

fn export_file_name(incident: &Incident) -> String {
    evidence_file_name(Some(incident.started_at), "incident.json")
}

fn export_what(file: &str) -> Bilingual {
    Bilingual::new(
        format!("{} {file}", text::EXPORT.en),
        format!("{} {file}", text::EXPORT.zh),
    )
}
