//! The open incident: facts, clocks, severity, status, commander, impact, where it stands in
//! the decision tree, export and resolve, and its timeline.

use chrono::Utc;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::incident::{export_incident, Incident, StartSource, Status};
use runbook_core::severity::Severity;
use runbook_core::tree::{walk, PATH_QUERY_KEY};
use runbook_core::ui_text::incident as text;

use super::{export_file_name, export_what, prefixed, read_active, severity_option_text, EXPORT_MIME};
use crate::components::bilingual::BothLangs;
use crate::components::incident_bar::{clocks, response_state, response_words, Clocks};
use crate::components::timeline::{BothTimes, Timeline};
use crate::platform::download;
use crate::state::use_app;

#[component]
pub(super) fn ActiveIncident() -> impl IntoView {
    let app = use_app();
    let clocks_now = Memo::new(move |_| {
        let now = app.now.get();
        read_active(app, |i| clocks(app, i, now))
    });
    let clock_text = move |pick: fn(&Clocks, Lang) -> String| {
        move || clocks_now.get().map(|c| pick(&c, app.ui_lang())).unwrap_or_default()
    };
    let started = move || read_active(app, |i| (i.started_at, i.start_source));
    let context = move || read_active(app, |i| i.context.clone()).unwrap_or_default();
    let entries = Signal::derive(move || read_active(app, |i| i.timeline().entries().to_vec()).unwrap_or_default());
    let export_error = RwSignal::new(None::<Bilingual>);
    let resolve_error = RwSignal::new(None::<Bilingual>);
    let resolve = move || {
        if let Err(why) = app.incident.update(|s| s.resolve(Utc::now())) {
            resolve_error.set(Some(why));
        }
    };
    let export = move |_| {
        let Some((file, json)) = read_active(app, |i| (export_file_name(i), export_incident(i))) else {
            return;
        };
        match download::save(&file, EXPORT_MIME, &json) {
            Ok(()) => {
                export_error.set(None);
                app.incident.log_download(&export_what(&file));
            }
            Err(e) => export_error.set(Some(prefixed(text::EXPORT_FAILED, &Bilingual::new(e.clone(), e)))),
        }
    };
    view! {
        <section class="inc-card inc-active" id="incident-active" data-testid="incident-active">
            <dl class="inc-facts">
                <dt>{app.tr(text::INCIDENT_ID)}</dt>
                <dd data-testid="incident-id">{move || read_active(app, |i| i.id.clone())}</dd>
                <dt>{app.tr(text::STARTED)}</dt>
                <dd data-testid="incident-started">
                    {move || started().map(|(at, source)| view! {
                        <BothTimes at=at/> " "
                        <span class="muted">{app.tr(match source {
                            StartSource::Alert => text::STARTED_FROM_ALERT,
                            StartSource::Opened => text::STARTED_OPENED,
                        })}</span>
                    })}
                </dd>
                {move || context().alert_name.map(|alert| view! {
                    <dt>{app.tr(text::PREFILL_ALERT)}</dt>
                    <dd data-testid="incident-alert">{alert}</dd>
                })}
                {move || context().namespace.map(|ns| view! {
                    <dt>{app.tr(text::NAMESPACE)}</dt>
                    <dd data-testid="incident-namespace"><code>{ns}</code></dd>
                })}
                <dt>{app.tr(text::ELAPSED)}</dt>
                <dd data-testid="incident-elapsed">{clock_text(|c, lang| c.elapsed.get(lang).to_string())}</dd>
                <dt>{app.tr(text::RESPONSE)}</dt>
                <dd
                    class="inc-countdown"
                    data-testid="incident-response"
                    data-state=move || clocks_now.get().map(|c| response_state(&c))
                >
                    {clock_text(response_words)}
                </dd>
                <dt>{app.tr(text::NEXT_UPDATE)}</dt>
                <dd
                    class="inc-countdown"
                    data-testid="incident-next-update"
                    data-state=move || clocks_now.get().map(|c| c.next_update.state())
                >
                    {clock_text(|c, lang| c.next_update.text.get(lang).to_string())} " · "
                    <A href="/comms">{app.tr(text::WRITE_UPDATE)}</A>
                </dd>
            </dl>
            <div class="inc-controls">
                <SeveritySelect/>
                <StatusSelect on_resolve=Callback::new(move |()| resolve())/>
            </div>
            <CommanderField/>
            <ImpactField/>
            <WizardPosition/>
            <div class="button-row">
                <button type="button" class="btn-secondary" data-testid="export" on:click=export>
                    {app.tr(text::EXPORT)}
                </button>
                <button type="button" data-testid="resolve" aria-describedby="resolve-hint" on:click=move |_| resolve()>
                    {app.tr(text::RESOLVE)}
                </button>
            </div>
            <p class="muted" id="resolve-hint">{app.tr(text::RESOLVE_HINT)}</p>
            {move || export_error.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="export-error"><BothLangs text=e/></p>
            })}
            {move || resolve_error.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="resolve-error"><BothLangs text=e/></p>
            })}
        </section>
        <Timeline entries=entries editable=true/>
    }
}

#[component]
fn SeveritySelect() -> impl IntoView {
    let app = use_app();
    let current = move || read_active(app, Incident::severity);
    view! {
        <div class="field">
            <label for="severity-select">{app.tr(text::SEVERITY)}</label>
            <select
                id="severity-select"
                data-testid="severity-select"
                prop:value=move || current().map(Severity::as_str)
                on:change=move |ev| {
                    if let Some(level) = Severity::parse(&event_target_value(&ev)) {
                        app.incident.with_active(|i, now| i.set_severity(level, None, now));
                    }
                }
            >
                {Severity::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=move || current() == Some(s)>
                        {move || severity_option_text(app, s, false)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Choosing Resolved resolves (and archives) the incident.
#[component]
fn StatusSelect(on_resolve: Callback<()>) -> impl IntoView {
    let app = use_app();
    let current = move || read_active(app, Incident::status);
    let as_id = |s: Status| s.label().en.to_ascii_lowercase();
    view! {
        <div class="field">
            <label for="status-select">{app.tr(text::STATUS)}</label>
            <select
                id="status-select"
                data-testid="status-select"
                prop:value=move || current().map(as_id)
                on:change=move |ev| match Status::parse(&event_target_value(&ev)) {
                    Some(Status::Resolved) => on_resolve.run(()),
                    Some(status) => {
                        app.incident.with_active(|i, now| i.set_status(status, now));
                    }
                    None => {}
                }
            >
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=as_id(s) selected=move || current() == Some(s)>
                        {move || s.label().get(app.ui_lang())}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn CommanderField() -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(read_active(app, |i| i.commander.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<Bilingual>);
    let saved = RwSignal::new(false);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let who = draft.get_untracked();
        if who.trim_matches(|c: char| c == '@' || c.is_whitespace()).is_empty() {
            error.set(Some(text::COMMANDER_REQUIRED.into()));
            saved.set(false);
            return;
        }
        app.incident.with_active(|i, now| i.set_commander(&who, now));
        error.set(None);
        saved.set(true);
    };
    view! {
        <form class="field inc-inline-form" on:submit=save>
            <label for="commander-input">{app.tr(text::COMMANDER)}</label>
            <div class="input-row">
                <input
                    id="commander-input"
                    data-testid="commander-input"
                    type="text"
                    autocomplete="off"
                    placeholder=app.tr(text::COMMANDER_HINT)
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        saved.set(false);
                        draft.set(event_target_value(&ev));
                    }
                />
                <button type="submit" class="btn-secondary" data-testid="commander-save">{app.tr(text::SAVE)}</button>
            </div>
            <span role="status" class="muted">{move || saved.get().then(|| text::SAVED.get(app.ui_lang()))}</span>
            {move || error.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="commander-error"><BothLangs text=e/></p>
            })}
        </form>
    }
}

#[component]
fn ImpactField() -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(read_active(app, |i| i.impact.clone()).unwrap_or_default());
    let saved = RwSignal::new(false);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let impact = draft.get_untracked().trim().to_string();
        app.incident.with_active(|i, _| i.impact = impact);
        saved.set(true);
    };
    view! {
        <form class="field inc-inline-form" on:submit=save>
            <label for="impact-input">{app.tr(text::IMPACT)}</label>
            <textarea
                id="impact-input"
                data-testid="impact-input"
                rows="2"
                prop:value=move || draft.get()
                on:input=move |ev| {
                    saved.set(false);
                    draft.set(event_target_value(&ev));
                }
            ></textarea>
            <div class="input-row">
                <button type="submit" class="btn-secondary" data-testid="impact-save">{app.tr(text::SAVE)}</button>
                <span role="status" class="muted">{move || saved.get().then(|| text::SAVED.get(app.ui_lang()))}</span>
            </div>
        </form>
    }
}

/// Where the incident stands in the decision tree, with a link back into it.
#[component]
fn WizardPosition() -> impl IntoView {
    let app = use_app();
    let tree = crate::state::content::tree();
    let position = move || {
        read_active(app, |i| {
            let path = i.path();
            let node = walk(tree, path).map(|w| w.node.text().get(app.ui_lang()).to_string());
            let href = format!("/wizard?{PATH_QUERY_KEY}={}", path.to_query(tree));
            (path.steps.is_empty(), node, href)
        })
    };
    view! {
        <div class="inc-wizard" data-testid="incident-wizard">
            <h2>{app.tr(text::WIZARD_POSITION)}</h2>
            {move || position().map(|(fresh, node, href)| view! {
                <p>{if fresh { text::WIZARD_NOT_STARTED.get(app.ui_lang()).to_string() } else { node.unwrap_or_default() }}</p>
                <A href=href attr:data-testid="incident-wizard-link">{app.tr(text::WIZARD_CONTINUE)}</A>
            })}
        </div>
    }
    .into_any()
}
