//! Starting an incident: the form, and what an alert link pre-filled.

use chrono::{DateTime, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use runbook_core::commands::ParamOverrides;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{check_new_incident, AlertPrefill, Incident, IncidentContext, NewIncident};
use runbook_core::severity::Severity;
use runbook_core::ui_text::incident as text;

use super::{prefixed, severity_option_text};
use crate::components::field::{MessageItems, TextArea, TextInput};
use crate::components::timeline::BothTimes;
use crate::state::command_settings::use_command_settings;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::incident::use_incidents;
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;

/// What the alert link said, and what could not be used.
#[component]
pub(super) fn PrefillSummary(prefill: AlertPrefill) -> impl IntoView {
    let prefs = use_prefs();
    let given = |v: Option<String>| v.unwrap_or_else(|| text::NOT_GIVEN.get(prefs.ui_lang()).to_string());
    let nothing = prefill == AlertPrefill::default();
    let AlertPrefill {
        severity,
        namespace,
        alert_name,
        started_at,
        problems,
    } = prefill;
    view! {
        <section class="inc-card" data-testid="prefill" aria-labelledby="prefill-heading">
            <h2 id="prefill-heading">{prefs.tr(text::PREFILL_HEADING)}</h2>
            {nothing.then(|| view! { <p class="muted">{prefs.tr(text::PREFILL_EMPTY)}</p> })}
            {(!nothing)
                .then(|| {
                    view! {
                        <dl class="inc-facts">
                            <dt>{prefs.tr(text::PREFILL_ALERT)}</dt>
                            <dd data-testid="prefill-alert">{given(alert_name.clone())}</dd>
                            <dt>{prefs.tr(text::SEVERITY)}</dt>
                            <dd data-testid="prefill-severity">{given(severity.map(|s| s.as_str().to_string()))}</dd>
                            <dt>{prefs.tr(text::NAMESPACE)}</dt>
                            <dd data-testid="prefill-namespace">{given(namespace.clone())}</dd>
                            <dt>{prefs.tr(text::PREFILL_STARTED)}</dt>
                            <dd data-testid="prefill-started">
                                {started_at
                                    .map_or_else(
                                        || given(None).into_any(),
                                        |at| view! { <BothTimes at=at /> }.into_any(),
                                    )}
                            </dd>
                        </dl>
                    }
                })}
            {(!problems.is_empty())
                .then(|| {
                    view! {
                        <div class="banner banner-warn" role="status">
                            <p>
                                <strong>{prefs.tr(text::PREFILL_PROBLEMS)}</strong>
                            </p>
                            <ul>
                                <MessageItems items=problems item_testid="prefill-problem" />
                            </ul>
                        </div>
                    }
                })}
        </section>
    }
}

fn new_incident_id(now: DateTime<Utc>) -> String {
    let salt = (js_sys::Math::random() * 65_536.0) as u32;
    format!("inc-{}-{salt:04x}", runbook_core::time_text::compact_utc(&now))
}

/// Severity, commander, impact and namespace; `prefill` comes from an alert link. The severity
/// follows the live suggestion until the person picks one (or the alert gave one).
#[component]
pub fn StartIncidentForm(
    #[prop(into)] suggestion: Signal<(Severity, Bilingual)>,
    #[prop(optional)] prefill: AlertPrefill,
    #[prop(optional)] on_started: Option<Callback<()>>,
) -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let settings = use_command_settings();
    let runbook = use_content().runbook();
    let live = use_live();
    let incidents = use_incidents();
    live.ensure_started();
    let chosen = RwSignal::new(prefill.severity);
    let severity = move || chosen.get().unwrap_or_else(|| suggestion.with(|s| s.0));
    let commander = RwSignal::new(String::new());
    let impact = RwSignal::new(String::new());
    let namespace = RwSignal::new(prefill.namespace.clone().unwrap_or_default());
    let alert_started = prefill.started_at;
    let use_alert_time = RwSignal::new(alert_started.is_some());
    let errors = RwSignal::new(Vec::<Bilingual>::new());
    let alert_name = StoredValue::new(prefill.alert_name.clone());
    let alert_severity = prefill.severity;
    let configured_namespace = move || config.with(|c| c.kube.namespace.clone());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let who = commander.get_untracked();
        let namespace = match check_new_incident(&who, &namespace.get_untracked()) {
            Ok(namespace) => namespace,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        let now = Utc::now();
        let id = new_incident_id(now);
        let new = NewIncident {
            id: id.clone(),
            severity: severity(),
            commander: who,
            impact: impact.get_untracked().trim().to_string(),
            context: IncidentContext {
                namespace: namespace.clone(),
                alert_name: alert_name.get_value(),
                runbook: Some(runbook.id.clone()),
            },
            started_at: if use_alert_time.get_untracked() {
                alert_started
            } else {
                None
            },
        };
        match incidents.update(|s| s.open(Incident::start(new, now))) {
            Ok(()) => {
                // For this incident only: the overrides end with it.
                settings.begin(
                    Some(id),
                    ParamOverrides {
                        namespace,
                        ..ParamOverrides::default()
                    },
                );
                errors.set(Vec::new());
                if let Some(done) = on_started {
                    done.run(());
                }
            }
            Err(why) => errors.set(vec![prefixed(text::START_FAILED, &why)]),
        }
    };

    view! {
        <form class="inc-card inc-start" data-testid="start-incident" on:submit=submit>
            <h2>{prefs.tr(text::START_HEADING)}</h2>
            <div class="field">
                <label for="start-severity">{prefs.tr(text::SEVERITY)}</label>
                <select
                    id="start-severity"
                    data-testid="start-severity"
                    aria-describedby="start-severity-why"
                    prop:value=move || severity().as_str()
                    on:change=move |ev| chosen.set(Severity::parse(&event_target_value(&ev)))
                >
                    {Severity::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || severity() == s>
                                    {move || severity_option_text(
                                        runbook,
                                        prefs.ui_lang(),
                                        s,
                                        suggestion.with(|g| g.0 == s),
                                    )}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <div id="start-severity-why" class="inc-why">
                    {alert_severity
                        .map(|s| {
                            view! {
                                <p data-testid="start-severity-alert">
                                    {prefs.tr(text::SEVERITY_FROM_ALERT)} " " {s.as_str()}
                                </p>
                            }
                        })}
                    <p data-testid="severity-suggestion">
                        <span>{prefs.tr(text::SEVERITY_SUGGESTED)}</span>
                        " "
                        {move || suggestion.with(|(_, why)| why.get(prefs.ui_lang()).to_string())}
                    </p>
                </div>
            </div>
            <div class="field">
                <label for="start-commander">{prefs.tr(text::COMMANDER)}</label>
                <TextInput
                    id="start-commander"
                    value=commander
                    placeholder=Signal::derive(prefs.tr_string(text::COMMANDER_HINT))
                />
            </div>
            <div class="field">
                <label for="start-impact">{prefs.tr(text::IMPACT)}</label>
                <TextArea id="start-impact" value=impact rows=2 described_by="start-impact-hint" />
                <p class="muted" id="start-impact-hint">
                    {prefs.tr(text::IMPACT_HINT)}
                </p>
            </div>
            <div class="field">
                <label for="start-namespace">{prefs.tr(text::NAMESPACE)}</label>
                <TextInput
                    id="start-namespace"
                    value=namespace
                    placeholder=Signal::derive(configured_namespace)
                    described_by="start-namespace-hint"
                />
                <p class="muted" id="start-namespace-hint">
                    {prefs.tr(text::NAMESPACE_HINT)}
                    " "
                    <code>{configured_namespace}</code>
                </p>
            </div>
            {alert_started
                .map(|at| {
                    view! {
                        <div class="field field-check">
                            <input
                                id="start-use-alert-time"
                                data-testid="start-use-alert-time"
                                type="checkbox"
                                prop:checked=move || use_alert_time.get()
                                on:change=move |ev| use_alert_time.set(event_target_checked(&ev))
                            />
                            <label for="start-use-alert-time">
                                {prefs.tr(text::USE_ALERT_TIME)} " " <BothTimes at=at />
                            </label>
                        </div>
                    }
                })}
            {move || {
                (!errors.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <ul class="field-error" role="alert" data-testid="start-error">
                                <MessageItems items=errors.get() />
                            </ul>
                        }
                    })
            }}
            <button type="submit" data-testid="start-submit">
                {prefs.tr(text::START)}
            </button>
        </form>
    }
}
