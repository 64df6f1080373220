//! The runbook's communication templates filled from the incident session: Slack update, status
//! page notice and postmortem, in English, Chinese or both, ready to copy (recorded as an update
//! sent) or, for the postmortem, to download.

use chrono::{Local, Offset};
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, LangMode, Text};
use runbook_core::incident::{cadence_minutes, countdown_text, evidence_file_name};
use runbook_core::messages::{error_type_of, render_message_for, Draft, MessageInputs, MessageKind};
use runbook_core::ui_text::{self as ui, comms as text};
use serde::{Deserialize, Serialize};

use crate::components::copy_button::{Copied, CopyButton, Download, DownloadButton};
use crate::platform::clock::local_time;
use crate::state::clock::use_now;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::incident::{use_incidents, IncidentStore};
use crate::state::prefs::use_prefs;
use crate::state::storage;

const DRAFT_KEY: &str = "incident-runbook.comms-draft";

/// What was typed, kept across page visits and reloads for the incident it was typed for.
#[derive(Default, Serialize, Deserialize)]
struct SavedDraft {
    incident: Option<String>,
    draft: Draft,
}

fn current_id(incidents: IncidentStore) -> Option<String> {
    incidents.read_current(|i| i.id.clone())
}

/// The draft: loaded for the active incident, saved on every change, cleared for a new one.
fn draft_signal(incidents: IncidentStore) -> RwSignal<Draft> {
    let saved: SavedDraft = storage::read(DRAFT_KEY)
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default();
    let current = incidents.read_current_untracked(|i| i.id.clone());
    let draft = RwSignal::new(if saved.incident == current {
        saved.draft
    } else {
        Draft::default()
    });
    Effect::new(move |previous: Option<Option<String>>| {
        let incident = current_id(incidents);
        if previous.is_some_and(|p| p != incident) {
            draft.set(Draft::default());
        }
        let saved = SavedDraft {
            incident: incident.clone(),
            draft: draft.get(),
        };
        if let Ok(json) = serde_json::to_string(&saved) {
            // Losing the draft only means retyping it.
            let _ = storage::write(DRAFT_KEY, &json);
        }
        incident
    });
    draft
}

fn mode_label(mode: LangMode) -> Text {
    match mode {
        LangMode::En => ui::LANG_EN,
        LangMode::Zh => ui::LANG_ZH,
        LangMode::Both => ui::LANG_BOTH,
    }
}

#[component]
pub fn CommsPage() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let now = use_now();
    let content = use_content();
    let incidents = use_incidents();
    let draft = draft_signal(incidents);
    // `None` follows the app's language until the reader picks one here.
    let chosen_mode = RwSignal::new(None::<LangMode>);
    let mode = Memo::new(move |_| chosen_mode.get().unwrap_or_else(|| prefs.mode()));
    let error_type = Memo::new(move |_| {
        incidents
            .read_current(|i| error_type_of(content.tree(), i.path()))
            .flatten()
    });
    let inputs = Memo::new(move |_| MessageInputs {
        offset: Local::now().offset().fix(),
        now: now.get(),
        cadence: config.with(|c| c.comms_cadence_minutes.clone()),
        error_type: error_type
            .get()
            .map(|t| content.runbook().messages.error_type_label(t).clone()),
        draft: draft.get(),
    });
    let rendered = move |kind: MessageKind| {
        Memo::new(move |_| {
            inputs.with(|inputs| {
                incidents.read(|s| {
                    render_message_for(
                        kind,
                        content.runbook().message_source(),
                        s.current(),
                        inputs,
                        mode.get(),
                    )
                })
            })
        })
    };
    view! {
        <div class="page comms">
            <h1>{prefs.tr(text::TITLE)}</h1>
            <p class="muted">{prefs.tr(text::INTRO)}</p>
            <IncidentLine />
            <section class="card comms-inputs" aria-labelledby="comms-inputs-title">
                <h2 id="comms-inputs-title">{prefs.tr(text::YOUR_INPUT)}</h2>
                <div class="field">
                    <label for="comms-current-action">{prefs.tr(text::CURRENT_ACTION)}</label>
                    <input
                        id="comms-current-action"
                        type="text"
                        data-testid="comms-current-action"
                        aria-describedby="comms-current-action-hint"
                        prop:value=move || draft.with(|d| d.current_action.clone())
                        on:input=move |ev| draft.update(|d| d.current_action = event_target_value(&ev))
                    />
                    <p class="hint muted" id="comms-current-action-hint">
                        {prefs.tr(text::CURRENT_ACTION_HINT)}
                    </p>
                </div>
                <div class="field">
                    <label for="comms-summary">{prefs.tr(text::SUMMARY)}</label>
                    <textarea
                        id="comms-summary"
                        rows="3"
                        data-testid="comms-summary"
                        aria-describedby="comms-summary-hint"
                        prop:value=move || draft.with(|d| d.summary.clone())
                        on:input=move |ev| draft.update(|d| d.summary = event_target_value(&ev))
                    ></textarea>
                    <p class="hint muted" id="comms-summary-hint">
                        {prefs.tr(text::SUMMARY_HINT)}
                    </p>
                </div>
                <p data-testid="comms-error-type">
                    <strong>{prefs.tr(text::ERROR_TYPE)}</strong>
                    ": "
                    {move || match error_type.get() {
                        Some(t) => {
                            view! {
                                {content.runbook().messages.error_type_label(t).get(prefs.ui_lang())}
                                " ("
                                {prefs.tr(text::ERROR_TYPE_FROM_WIZARD)}
                                ")"
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                {prefs.tr(text::ERROR_TYPE_UNKNOWN)}
                                " "
                                <A href=use_content().path("/wizard")>{prefs.tr(text::OPEN_WIZARD)}</A>
                            }
                                .into_any()
                        }
                    }}
                </p>
                <div class="field inline-field">
                    <label for="message-lang">{prefs.tr(text::MESSAGE_LANG)}</label>
                    <select
                        id="message-lang"
                        data-testid="message-lang"
                        prop:value=move || mode.get().as_str()
                        on:change=move |ev| chosen_mode.set(LangMode::parse(&event_target_value(&ev)))
                    >
                        {LangMode::ALL
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <option value=m.as_str() prop:selected=move || mode.get() == m>
                                        {prefs.tr(mode_label(m))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </section>
            {MessageKind::ALL
                .into_iter()
                .map(|kind| view! { <MessageBlock kind=kind message=rendered(kind) mode=mode /> })
                .collect_view()}
        </div>
    }
}

/// Which incident fills the messages, and when the next update is due; or how to start one.
#[component]
fn IncidentLine() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let now = use_now();
    let incidents = use_incidents();
    let line = move || {
        let lang = prefs.ui_lang();
        let cadence = config.with(|c| c.comms_cadence_minutes.clone());
        incidents.read_current(|i| {
            let minutes = cadence_minutes(&cadence, i.severity());
            let due = i.next_update_due(minutes);
            format!(
                "{} {} · {} · {} · {}: {} ({}; {})",
                text::INCIDENT.get(lang),
                i.id,
                i.severity().as_str(),
                i.status().label().get(lang),
                text::NEXT_UPDATE_DUE.get(lang),
                local_time(due),
                countdown_text(due, now.get()).get(lang),
                text::cadence(minutes, i.severity()).get(lang),
            )
        })
    };
    move || match line() {
        Some(line) => view! {
            <p class="comms-incident" data-testid="comms-incident">
                {line}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="banner banner-warn" data-testid="comms-no-incident">
                {prefs.tr(text::NO_INCIDENT)}
                " "
                <A href=use_content().path("/incident")>{prefs.tr(text::START_INCIDENT)}</A>
            </p>
        }
        .into_any(),
    }
}

#[component]
fn MessageBlock(kind: MessageKind, message: Memo<String>, mode: Memo<LangMode>) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let title = kind.title();
    let heading_id = format!("message-title-{}", kind.as_str());
    let labelled_by = heading_id.clone();
    let lang_tag = move || match mode.get() {
        LangMode::Both => None,
        m => Some(m.primary().tag()),
    };
    let postmortem = (kind == MessageKind::Postmortem).then(|| {
        let make = move || {
            let started = incidents.read_current(|i| i.started_at);
            let file_name = evidence_file_name(started, "postmortem.md");
            let what = Bilingual::new(
                format!("{} ({file_name})", text::POSTMORTEM_FILE.en),
                format!("{}({file_name})", text::POSTMORTEM_FILE.zh),
            );
            Some(Download {
                contents: message.get_untracked(),
                file_name,
                mime: "text/markdown;charset=utf-8",
                what,
            })
        };
        view! { <DownloadButton label=text::DOWNLOAD_POSTMORTEM testid="download-postmortem" make=make /> }
    });
    view! {
        <section class="card message" data-testid=format!("message-{}", kind.as_str()) aria-labelledby=labelled_by>
            <h2 id=heading_id>{prefs.tr(title)}</h2>
            <p class="muted">{prefs.tr(text::hint(kind))}</p>
            <pre class="message-text" lang=lang_tag data-testid="message-text">
                <code>{move || message.get()}</code>
            </pre>
            <CopyButton text=message what=title.into() kind=Copied::Message />
            {postmortem}
        </section>
    }
}
