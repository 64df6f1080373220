//! Copy that really works: the Clipboard API when allowed (the write promise resolved);
//! otherwise the text is put in a selected text area for a manual copy. Share on devices that
//! have it. The download button beside it saves generated files. Every copy, share and
//! download is recorded in the incident's timeline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::i18n::{Bilingual, Text};
use runbook_core::ui_text::{self as ui, actions::download_failed};
use wasm_bindgen::JsCast;

use crate::components::field::ErrorLine;
use crate::platform::{clipboard, download};
use crate::state::incident::use_incidents;
use crate::state::prefs::use_prefs;

/// How long "Copied" stays on screen.
const COPIED_NOTICE_MS: u32 = 4_000;

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

/// What is copied, for the timeline: a command, or a message that goes out to people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Copied {
    #[default]
    Command,
    /// Recorded as an update sent, which restarts the update cadence.
    Message,
}

/// `what` names the copied thing in the incident timeline.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    what: Bilingual,
    #[prop(optional)] kind: Copied,
) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let state = RwSignal::new(CopyState::Idle);
    let fallback = NodeRef::<leptos::html::Textarea>::new();
    let what = StoredValue::new(what);
    let record = move || {
        let Some(what) = what.try_get_value() else { return };
        match kind {
            Copied::Command => incidents.log_copied(&what),
            Copied::Message => incidents.log_message_sent(&what),
        }
    };
    let copy = move |_| {
        let content = text.get_untracked();
        spawn_local(async move {
            if clipboard::copy(&content).await {
                state.set(CopyState::Copied);
                record();
                gloo_timers::callback::Timeout::new(COPIED_NOTICE_MS, move || {
                    if state.try_get_untracked() == Some(CopyState::Copied) {
                        state.set(CopyState::Idle);
                    }
                })
                .forget();
            } else {
                state.set(CopyState::Manual);
                request_animation_frame(move || {
                    if let Some(area) = fallback.get_untracked() {
                        let _ = area.focus();
                        area.select();
                    }
                });
            }
        });
    };
    let share = move |_| {
        let content = text.get_untracked();
        let title = what.with_value(|w| w.en.clone());
        spawn_local(async move {
            if clipboard::share(&title, &content).await {
                record();
            }
        });
    };
    view! {
        <div class="copy-row no-print">
            <button type="button" class="btn-copy" data-testid="copy-button" on:click=copy>
                {prefs.tr(ui::COPY)}
            </button>
            <Show when=clipboard::can_share>
                <button type="button" class="btn-secondary" data-testid="share-button" on:click=share>
                    {prefs.tr(ui::SHARE)}
                </button>
            </Show>
            <span class="copy-status" role="status" aria-live="polite" data-testid="copy-status">
                {move || (state.get() == CopyState::Copied).then(|| ui::COPIED.get(prefs.ui_lang()))}
            </span>
        </div>
        <Show when=move || state.get() == CopyState::Manual>
            <div class="copy-fallback" data-testid="copy-fallback">
                <p>{prefs.tr(ui::COPY_BLOCKED)}</p>
                <textarea
                    node_ref=fallback
                    readonly=true
                    rows="4"
                    aria-label=prefs.tr(ui::COPY)
                    prop:value=move || text.get()
                    on:copy=move |_| record()
                    on:focus=move |ev| {
                        if let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                        {
                            area.select();
                        }
                    }
                ></textarea>
            </div>
        </Show>
    }
}

/// A file made on demand, and how the incident timeline names it.
pub struct Download {
    pub file_name: String,
    pub mime: &'static str,
    pub contents: String,
    pub what: Bilingual,
}

/// Saves the file `make` builds at click time (none: nothing to save) and records the download
/// in the incident's timeline; a failure is shown under the button in both languages.
#[component]
pub fn DownloadButton(
    label: Text,
    testid: &'static str,
    make: impl Fn() -> Option<Download> + Send + Sync + 'static,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let error = RwSignal::new(None::<Bilingual>);
    let save = move |_| {
        let Some(file) = make() else { return };
        match download::save(&file.file_name, file.mime, &file.contents) {
            Ok(()) => {
                error.set(None);
                incidents.log_download(&file.what);
            }
            Err(e) => error.set(Some(download_failed(&file.file_name, &e))),
        }
    };
    view! {
        <div class="download">
            <button type="button" class="btn-secondary" data-testid=testid disabled=disabled on:click=save>
                {prefs.tr(label)}
            </button>
            <ErrorLine error=error />
        </div>
    }
}
