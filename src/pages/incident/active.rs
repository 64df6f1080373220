//! The open incident: facts, clocks, severity, status, commander, impact, where it stands in
//! the decision tree, export and resolve, and its timeline.

use chrono::Utc;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::incident::{check_commander, export_incident, Clocks, Incident, StartSource, Status};
use runbook_core::severity::Severity;
use runbook_core::tree::{walk, PATH_QUERY_KEY};
use runbook_core::ui_text::incident as text;

use super::{export_file_name, export_what, prefixed, severity_option_text, EXPORT_MIME};
use crate::components::field::{EnumSelect, ErrorLine, TextArea, TextInput};
use crate::components::incident_bar::clocks;
use crate::components::timeline::{BothTimes, Timeline};
use crate::platform::download;
use crate::state::clock::use_now;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::incident::use_incidents;
use crate::state::prefs::use_prefs;

#[component]
pub(super) fn ActiveIncident() -> impl IntoView {
    let prefs = use_prefs();
    let now = use_now();
    let (config, content) = (use_config(), use_content());
    let incidents = use_incidents();
    let clocks_now = Memo::new(move |_| {
        let now = now.get();
        incidents.read_active(|i| clocks(config, content, i, now))
    });
    let clock_text = move |pick: fn(&Clocks, Lang) -> String| {
        move || clocks_now.get().map(|c| pick(&c, prefs.ui_lang())).unwrap_or_default()
    };
    let started = move || incidents.read_active(|i| (i.started_at, i.start_source));
    let context = move || incidents.read_active(|i| i.context.clone()).unwrap_or_default();
    let entries = Signal::derive(move || {
        incidents
            .read_active(|i| i.timeline().entries().to_vec())
            .unwrap_or_default()
    });
    let export_error = RwSignal::new(None::<Bilingual>);
    let resolve_error = RwSignal::new(None::<Bilingual>);
    let resolve = move || {
        if let Err(why) = incidents.update(|s| s.resolve(Utc::now())) {
            resolve_error.set(Some(why));
        }
    };
    let export = move |_| {
        let Some((file, json)) = incidents.read_active(|i| (export_file_name(i), export_incident(i))) else {
            return;
        };
        match download::save(&file, EXPORT_MIME, &json) {
            Ok(()) => {
                export_error.set(None);
                incidents.log_download(&export_what(&file));
            }
            Err(e) => export_error.set(Some(prefixed(text::EXPORT_FAILED, &Bilingual::new(e.clone(), e)))),
        }
    };
    view! {
        <section class="inc-card inc-active" id="incident-active" data-testid="incident-active">
            <dl class="inc-facts">
                <dt>{prefs.tr(text::INCIDENT_ID)}</dt>
                <dd data-testid="incident-id">{move || incidents.read_active(|i| i.id.clone())}</dd>
                <dt>{prefs.tr(text::STARTED)}</dt>
                <dd data-testid="incident-started">
                    {move || {
                        started()
                            .map(|(at, source)| {
                                view! {
                                    <BothTimes at=at />
                                    " "
                                    <span class="muted">
                                        {prefs
                                            .tr(
                                                match source {
                                                    StartSource::Alert => text::STARTED_FROM_ALERT,
                                                    StartSource::Opened => text::STARTED_OPENED,
                                                },
                                            )}
                                    </span>
                                }
                            })
                    }}
                </dd>
                {move || {
                    context()
                        .alert_name
                        .map(|alert| {
                            view! {
                                <dt>{prefs.tr(text::PREFILL_ALERT)}</dt>
                                <dd data-testid="incident-alert">{alert}</dd>
                            }
                        })
                }}
                {move || {
                    context()
                        .namespace
                        .map(|ns| {
                            view! {
                                <dt>{prefs.tr(text::NAMESPACE)}</dt>
                                <dd data-testid="incident-namespace">
                                    <code>{ns}</code>
                                </dd>
                            }
                        })
                }}
                <dt>{prefs.tr(text::ELAPSED)}</dt>
                <dd data-testid="incident-elapsed">{clock_text(|c, lang| c.elapsed.get(lang).to_string())}</dd>
                <dt>{prefs.tr(text::RESPONSE)}</dt>
                <dd
                    class="inc-countdown"
                    data-testid="incident-response"
                    data-state=move || clocks_now.get().map(|c| c.response_state())
                >
                    {clock_text(Clocks::response_words)}
                </dd>
                <dt>{prefs.tr(text::NEXT_UPDATE)}</dt>
                <dd
                    class="inc-countdown"
                    data-testid="incident-next-update"
                    data-state=move || clocks_now.get().map(|c| c.next_update.state())
                >
                    {clock_text(|c, lang| c.next_update.text.get(lang).to_string())}
                    " · "
                    <A href=use_content().path("/comms")>{prefs.tr(text::WRITE_UPDATE)}</A>
                </dd>
            </dl>
            <div class="inc-controls">
                <SeveritySelect />
                <StatusSelect on_resolve=Callback::new(move |()| resolve()) />
            </div>
            <CommanderField />
            <ImpactField />
            <WizardPosition />
            <div class="button-row">
                <button type="button" class="btn-secondary" data-testid="export" on:click=export>
                    {prefs.tr(text::EXPORT)}
                </button>
                <button type="button" data-testid="resolve" aria-describedby="resolve-hint" on:click=move |_| resolve()>
                    {prefs.tr(text::RESOLVE)}
                </button>
            </div>
            <p class="muted" id="resolve-hint">
                {prefs.tr(text::RESOLVE_HINT)}
            </p>
            <ErrorLine error=export_error testid="export-error" />
            <ErrorLine error=resolve_error testid="resolve-error" />
        </section>
        <Timeline entries=entries editable=true />
    }
}

#[component]
fn SeveritySelect() -> impl IntoView {
    let prefs = use_prefs();
    let runbook = use_content().runbook();
    let incidents = use_incidents();
    let current = move || incidents.read_active(Incident::severity);
    view! {
        <div class="field">
            <label for="severity-select">{prefs.tr(text::SEVERITY)}</label>
            <EnumSelect
                id="severity-select"
                options=&Severity::ALL
                current=Signal::derive(current)
                value_of=|s| s.as_str().to_string()
                text_of=move |s| severity_option_text(runbook, prefs.ui_lang(), s, false)
                on_change=Callback::new(move |level| {
                    incidents.change_active(|i, now| i.set_severity(level, None, now));
                })
            />
        </div>
    }
}

/// Choosing Resolved resolves (and archives) the incident.
#[component]
fn StatusSelect(on_resolve: Callback<()>) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let current = move || incidents.read_active(Incident::status);
    let as_id = |s: Status| s.label().en.to_ascii_lowercase();
    view! {
        <div class="field">
            <label for="status-select">{prefs.tr(text::STATUS)}</label>
            <EnumSelect
                id="status-select"
                options=&Status::ALL
                current=Signal::derive(current)
                value_of=as_id
                text_of=move |s: Status| s.label().get(prefs.ui_lang()).to_string()
                on_change=Callback::new(move |status| match status {
                    Status::Resolved => on_resolve.run(()),
                    status => {
                        incidents.change_active(|i, now| i.set_status(status, now));
                    }
                })
            />
        </div>
    }
}

#[component]
fn CommanderField() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let draft = RwSignal::new(incidents.read_active(|i| i.commander.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<Bilingual>);
    let saved = RwSignal::new(false);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let who = draft.get_untracked();
        if let Err(why) = check_commander(&who) {
            error.set(Some(why));
            saved.set(false);
            return;
        }
        incidents.change_active(|i, now| i.set_commander(&who, now));
        error.set(None);
        saved.set(true);
    };
    view! {
        <form class="field inc-inline-form" on:submit=save>
            <label for="commander-input">{prefs.tr(text::COMMANDER)}</label>
            <div class="input-row">
                <TextInput
                    id="commander-input"
                    value=draft
                    placeholder=Signal::derive(prefs.tr_string(text::COMMANDER_HINT))
                    on_edit=Callback::new(move |()| saved.set(false))
                />
                <button type="submit" class="btn-secondary" data-testid="commander-save">
                    {prefs.tr(text::SAVE)}
                </button>
            </div>
            <span role="status" class="muted">
                {move || saved.get().then(|| text::SAVED.get(prefs.ui_lang()))}
            </span>
            <ErrorLine error=error testid="commander-error" />
        </form>
    }
}

#[component]
fn ImpactField() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let draft = RwSignal::new(incidents.read_active(|i| i.impact.clone()).unwrap_or_default());
    let saved = RwSignal::new(false);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let impact = draft.get_untracked().trim().to_string();
        incidents.change_active(|i, _| i.impact = impact);
        saved.set(true);
    };
    view! {
        <form class="field inc-inline-form" on:submit=save>
            <label for="impact-input">{prefs.tr(text::IMPACT)}</label>
            <TextArea id="impact-input" value=draft rows=2 on_edit=Callback::new(move |()| saved.set(false)) />
            <div class="input-row">
                <button type="submit" class="btn-secondary" data-testid="impact-save">
                    {prefs.tr(text::SAVE)}
                </button>
                <span role="status" class="muted">
                    {move || saved.get().then(|| text::SAVED.get(prefs.ui_lang()))}
                </span>
            </div>
        </form>
    }
}

/// Where the incident stands in the decision tree, with a link back into it.
#[component]
fn WizardPosition() -> impl IntoView {
    let prefs = use_prefs();
    let content = use_content();
    let incidents = use_incidents();
    let tree = content.tree();
    let position = move || {
        incidents.read_active(|i| {
            let path = i.path();
            let node = walk(tree, path).map(|w| w.node.text().get(prefs.ui_lang()).to_string());
            let href = content.path(&format!("/wizard?{PATH_QUERY_KEY}={}", path.to_query(tree)));
            (path.steps.is_empty(), node, href)
        })
    };
    view! {
        <div class="inc-wizard" data-testid="incident-wizard">
            <h2>{prefs.tr(text::WIZARD_POSITION)}</h2>
            {move || {
                position()
                    .map(|(fresh, node, href)| {
                        view! {
                            <p>
                                {if fresh {
                                    text::WIZARD_NOT_STARTED.get(prefs.ui_lang()).to_string()
                                } else {
                                    node.unwrap_or_default()
                                }}
                            </p>
                            <A href=href attr:data-testid="incident-wizard-link">
                                {prefs.tr(text::WIZARD_CONTINUE)}
                            </A>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}
