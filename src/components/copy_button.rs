//! Copy that really works: the Clipboard API when allowed; otherwise the text is put in a
//! selected text area for a manual copy. Share on devices that have it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text as ui;
use wasm_bindgen::JsCast;

use crate::platform::clipboard;
use crate::state::use_app;

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

/// `what` names the copied thing in the incident timeline.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>, what: Bilingual) -> impl IntoView {
    let app = use_app();
    let state = RwSignal::new(CopyState::Idle);
    let fallback = NodeRef::<leptos::html::Textarea>::new();
    let what = StoredValue::new(what);
    let copy = move |_| {
        let content = text.get_untracked();
        spawn_local(async move {
            if clipboard::copy(&content).await {
                state.set(CopyState::Copied);
                app.incident.log_copied(&what.get_value());
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
        spawn_local(async move {
            if clipboard::share(&what.with_value(|w| w.en.clone()), &content).await {
                app.incident.log_copied(&what.get_value());
            }
        });
    };
    let on_manual_copy = move |_| app.incident.log_copied(&what.get_value());
    view! {
        <div class="copy-row no-print">
            <button type="button" class="btn-copy" on:click=copy>{app.tr(ui::COPY)}</button>
            <Show when=clipboard::can_share>
                <button type="button" class="btn-secondary" on:click=share>{app.tr(ui::SHARE)}</button>
            </Show>
            <span class="copy-status" role="status" aria-live="polite">
                {move || (state.get() == CopyState::Copied).then(|| ui::COPIED.get(app.ui_lang()))}
            </span>
        </div>
        <Show when=move || state.get() == CopyState::Manual>
            <div class="copy-fallback" data-testid="copy-fallback">
                <p>{app.tr(ui::COPY_BLOCKED)}</p>
                <textarea
                    node_ref=fallback
                    readonly=true
                    rows="4"
                    aria-label=app.tr(ui::COPY)
                    prop:value=move || text.get()
                    on:copy=on_manual_copy
                    on:focus=move |ev| {
                        if let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                            area.select();
                        }
                    }
                ></textarea>
            </div>
        </Show>
    }
}
