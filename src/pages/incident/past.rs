//! Past incidents: reopen, export, their timelines; importing an exported incident.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{check_import_size, duration_text, export_incident, import_incident};
use runbook_core::ui_text::incident as text;

use super::{export_file_name, export_what, prefixed, EXPORT_MIME};
use crate::components::bilingual::BothLangs;
use crate::components::field::ErrorLine;
use crate::components::timeline::{BothTimes, Timeline};
use crate::platform::{download, scroll};
use crate::state::clock::use_now;
use crate::state::incident::use_incidents;
use crate::state::prefs::use_prefs;

#[component]
pub(super) fn PastIncidents() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let ids = Memo::new(move |_| incidents.read(|s| s.archive.iter().map(|i| i.id.clone()).collect::<Vec<_>>()));
    view! {
        <section class="inc-past" aria-labelledby="past-heading" data-testid="past-incidents">
            <h2 id="past-heading">{prefs.tr(text::PAST)}</h2>
            <ImportIncident />
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="muted">{prefs.tr(text::PAST_NONE)}</p>
            </Show>
            <ul class="inc-past-list">
                <For each=move || ids.get() key=String::clone children=move |id| view! { <PastIncident id=id /> } />
            </ul>
        </section>
    }
}

#[component]
fn PastIncident(id: String) -> impl IntoView {
    let prefs = use_prefs();
    let now = use_now();
    let incidents = use_incidents();
    let id = StoredValue::new(id);
    let read = move || incidents.read(|s| id.with_value(|id| s.archive.iter().find(|i| &i.id == id).cloned()));
    let error = RwSignal::new(None::<Bilingual>);
    let entries = Signal::derive(move || read().map(|i| i.timeline().entries().to_vec()).unwrap_or_default());
    let reopen = move |_| match incidents.update(|s| id.with_value(|id| s.reopen(id, Utc::now()))) {
        Ok(()) => scroll::reveal("incident-active".into()),
        Err(why) => error.set(Some(prefixed(text::REOPEN_FAILED, &why))),
    };
    let export = move |_| {
        let Some(incident) = read() else { return };
        let file = export_file_name(&incident);
        match download::save(&file, EXPORT_MIME, &export_incident(&incident)) {
            Ok(()) => {
                error.set(None);
                incidents.update(|s| {
                    if let Some(i) = s.archive.iter_mut().find(|i| i.id == incident.id) {
                        i.record_download(&export_what(&file), Utc::now());
                    }
                });
            }
            Err(e) => error.set(Some(prefixed(text::EXPORT_FAILED, &Bilingual::new(e.clone(), e)))),
        }
    };
    let summary = move || {
        read().map(|i| {
            let lang = prefs.ui_lang();
            let now = now.get_untracked();
            let duration = duration_text(i.elapsed(now));
            view! {
                <p class="inc-past-head">
                    <strong>{i.id.clone()}</strong>
                    " · "
                    {i.severity().as_str()}
                    " · "
                    {i.status().label().get(lang)}
                </p>
                <dl class="inc-facts">
                    <dt>{text::STARTED.get(lang)}</dt>
                    <dd>
                        <BothTimes at=i.started_at />
                    </dd>
                    <dt>{text::RESOLVED_AT.get(lang)}</dt>
                    <dd>
                        {i
                            .resolved_at()
                            .map_or_else(
                                || text::NOT_RESOLVED.get(lang).into_any(),
                                |at| view! { <BothTimes at=at /> }.into_any(),
                            )}
                    </dd>
                    <dt>{text::DURATION.get(lang)}</dt>
                    <dd>{duration.get(lang).to_string()}</dd>
                    <dt>{text::COMMANDER.get(lang)}</dt>
                    <dd>{i.commander.clone()}</dd>
                    <dt>{text::IMPACT.get(lang)}</dt>
                    <dd>{i.impact.clone()}</dd>
                </dl>
            }
        })
    };
    view! {
        <li class="inc-past-item" data-testid="past-incident" data-incident-id=id.get_value()>
            {summary}
            <div class="button-row">
                <button type="button" class="btn-secondary" data-testid="reopen" on:click=reopen>
                    {prefs.tr(text::REOPEN)}
                </button>
                <button type="button" class="btn-secondary" data-testid="export-past" on:click=export>
                    {prefs.tr(text::EXPORT)}
                </button>
            </div>
            <ErrorLine error=error testid="past-error" />
            <details>
                <summary>{prefs.tr(text::SHOW_TIMELINE)}</summary>
                <Timeline entries=entries editable=false />
            </details>
        </li>
    }
}

#[component]
fn ImportIncident() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let outcome = RwSignal::new(None::<Result<String, Bilingual>>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Lets the same file be chosen again after fixing it.
        input.set_value("");
        if let Err(too_big) = check_import_size(file.size() as u64) {
            outcome.set(Some(Err(too_big)));
            return;
        }
        spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let result = match read {
                None => Err(text::IMPORT_UNREADABLE.into()),
                Some(json) => import_incident(&json, Utc::now()).and_then(|incident| {
                    let id = incident.id.clone();
                    incidents.update(|s| s.import(incident)).map(|()| id)
                }),
            };
            outcome.set(Some(result));
        });
    };
    view! {
        <div class="field inc-import">
            <label for="import-input">{prefs.tr(text::IMPORT)}</label>
            <input
                id="import-input"
                data-testid="import-input"
                type="file"
                accept=".json,application/json"
                on:change=on_change
            />
            {move || {
                outcome
                    .get()
                    .map(|result| match result {
                        Ok(id) => {
                            view! {
                                <p role="status" data-testid="import-ok">
                                    {prefs.tr(text::IMPORTED)}
                                    " "
                                    <strong>{id}</strong>
                                </p>
                            }
                                .into_any()
                        }
                        Err(why) => {
                            view! {
                                <p class="field-error" role="alert" data-testid="import-error">
                                    <BothLangs text=why />
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}
