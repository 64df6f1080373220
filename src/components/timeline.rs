//! An incident's timeline: every entry with its UTC and local time, notes added and edited in
//! place for the open incident. Nothing typed is lost when a note is refused.

use chrono::{DateTime, Local, Offset, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{note_time, EntryKind, EntryText, TimelineEntry};
use runbook_core::ui_text::incident as text;

use crate::components::field::{ErrorLine, TextArea};
use crate::platform::clock::{local_date_time, utc_time};
use crate::state::incident::use_incidents;
use crate::state::prefs::use_prefs;

/// "2026-03-06 09:30:00 UTC · 2026-03-06 17:30:00 local".
#[component]
pub fn BothTimes(at: DateTime<Utc>) -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <time class="both-times" datetime=at.to_rfc3339()>
            <span class="utc">{utc_time(at)}</span>
            " · "
            <span class="local">{local_date_time(at)} " " {prefs.tr(text::LOCAL)}</span>
        </time>
    }
}

/// The `data-kind` of an entry: its name in saved and exported files.
fn kind_id(kind: EntryKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `entries` are shown as given (the core keeps them in event-time order). With `editable`,
/// notes can be added and edited: they belong to the open incident.
#[component]
pub fn Timeline(#[prop(into)] entries: Signal<Vec<TimelineEntry>>, editable: bool) -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <section class="timeline" aria-label=prefs.tr(text::TIMELINE)>
            <h2>{prefs.tr(text::TIMELINE)}</h2>
            {editable.then(|| view! { <AddNote /> })}
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="muted">{prefs.tr(text::TIMELINE_EMPTY)}</p>
            </Show>
            <ol class="tl-list" data-testid="timeline">
                <For
                    each=move || entries.get()
                    key=|e| (e.id, e.at, e.edited_at, e.text.get(runbook_core::i18n::Lang::En).to_owned())
                    children=move |entry| view! { <Entry entry=entry editable=editable /> }
                />
            </ol>
        </section>
    }
}

#[component]
fn Entry(entry: TimelineEntry, editable: bool) -> impl IntoView {
    let prefs = use_prefs();
    let editing = RwSignal::new(false);
    let can_edit = editable && entry.kind == EntryKind::Note;
    let id = entry.id;
    let shown = StoredValue::new(entry.text.clone());
    let body = move || match shown.get_value() {
        EntryText::App(words) => view! {
            <p class="tl-text">
                <ModeText text=words />
            </p>
        }
        .into_any(),
        EntryText::Written(typed) if editing.get() => {
            view! { <EditNote id=id original=typed done=Callback::new(move |()| editing.set(false)) /> }.into_any()
        }
        EntryText::Written(typed) => view! { <p class="tl-text tl-written">{typed}</p> }.into_any(),
    };
    let edited = entry.edited_at.map(|at| {
        view! { <span class="tl-edited">"(" {prefs.tr(text::EDITED)} " " {utc_time(at)} ")"</span> }
    });
    view! {
        <li class="tl-entry" data-testid="timeline-entry" data-kind=kind_id(entry.kind) data-entry-id=id.to_string()>
            <div class="tl-meta">
                <BothTimes at=entry.at />
                " "
                <span class="tl-kind">{move || text::entry_kind_label(entry.kind).get(prefs.ui_lang())}</span>
                " "
                {edited}
            </div>
            {body}
            {can_edit
                .then(|| {
                    view! {
                        <Show when=move || !editing.get()>
                            <button
                                type="button"
                                class="btn-secondary"
                                data-testid="note-edit"
                                on:click=move |_| editing.set(true)
                            >
                                {prefs.tr(text::EDIT)}
                            </button>
                        </Show>
                    }
                })}
        </li>
    }
}

/// App-written text in the chosen language(s).
#[component]
pub fn ModeText(#[prop(into)] text: Signal<Bilingual>) -> impl IntoView {
    let prefs = use_prefs();
    move || {
        let langs = prefs.mode().langs();
        text.with(|t| {
            langs
                .iter()
                .map(|&lang| {
                    view! {
                        <span class="mode-text" lang=lang.tag()>
                            {t.get(lang).to_string()}
                        </span>
                    }
                })
                .collect_view()
        })
    }
}

#[component]
fn EditNote(id: u32, original: String, done: Callback<()>) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let draft = RwSignal::new(original);
    let error = RwSignal::new(None::<Bilingual>);
    let field_id = format!("note-edit-{id}");
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let result = incidents.change_active(|incident, now| incident.edit_note(id, &draft.get_untracked(), now));
        match result {
            Some(Ok(())) => done.run(()),
            Some(Err(why)) => error.set(Some(why)),
            None => error.set(Some(text::NO_ACTIVE.into())),
        }
    };
    view! {
        <form class="tl-edit" on:submit=save>
            <label for=field_id.clone()>{prefs.tr(text::EDIT_NOTE)}</label>
            <textarea
                id=field_id
                data-testid="note-edit-input"
                rows="3"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
            ></textarea>
            <ErrorLine error=error testid="note-edit-error" />
            <div class="button-row">
                <button type="submit" data-testid="note-save">
                    {prefs.tr(text::SAVE)}
                </button>
                <button type="button" class="btn-secondary" data-testid="note-cancel" on:click=move |_| done.run(())>
                    {prefs.tr(text::CANCEL)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn AddNote() -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let draft = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Bilingual>);
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let offset = Local::now().offset().fix();
        let result = incidents.change_active(|incident, now| {
            let at = note_time(&when.get_untracked(), now, offset)?;
            incident.add_note(&draft.get_untracked(), at, now)
        });
        match result {
            Some(Ok(_)) => {
                draft.set(String::new());
                when.set(String::new());
                error.set(None);
            }
            Some(Err(why)) => error.set(Some(why)),
            None => error.set(Some(text::NO_ACTIVE.into())),
        }
    };
    view! {
        <form class="tl-add" on:submit=add>
            <label for="note-input">{prefs.tr(text::NOTE)}</label>
            <p class="muted" id="note-hint">
                {prefs.tr(text::NOTE_HINT)}
            </p>
            <TextArea
                id="note-input"
                value=draft
                rows=3
                described_by="note-hint"
                invalid=Signal::derive(move || error.with(Option::is_some))
            />
            <label for="note-time" class="inline-field">
                <span>{prefs.tr(text::NOTE_TIME)}</span>
                <input
                    id="note-time"
                    data-testid="note-time"
                    type="time"
                    prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))
                />
            </label>
            <ErrorLine error=error testid="note-error" />
            <button type="submit" data-testid="note-add">
                {prefs.tr(text::ADD_NOTE)}
            </button>
        </form>
    }
}
