//! Every page but the runbook is split into its own wasm chunk at build time
//! (`xtask/src/split.rs`), loaded on the first visit to the page. The service worker precaches
//! the chunks, so they load offline too; a chunk that cannot be fetched leaves a bilingual
//! error with a retry, and the rest of the app keeps working.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use runbook_core::ui_text as ui;

use crate::state::use_app;

/// A page that lives in a chunk of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    Triage,
    Wizard,
    Actions,
    Comms,
    Incident,
    NewIncident,
}

pub struct ChunkUnavailable;

impl From<SplitLoaderError> for ChunkUnavailable {
    fn from(_: SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

type Loaded = Result<AnyView, ChunkUnavailable>;

#[wasm_split(triage, wasm_split_path = ::leptos::wasm_split, fallible)]
fn triage() -> Loaded {
    Ok(view! { <super::triage::TriagePage/> }.into_any())
}

#[wasm_split(wizard, wasm_split_path = ::leptos::wasm_split, fallible)]
fn wizard() -> Loaded {
    Ok(view! { <super::wizard::WizardPage/> }.into_any())
}

#[wasm_split(actions, wasm_split_path = ::leptos::wasm_split, fallible)]
fn actions() -> Loaded {
    Ok(view! { <super::actions::ActionsPage/> }.into_any())
}

#[wasm_split(comms, wasm_split_path = ::leptos::wasm_split, fallible)]
fn comms() -> Loaded {
    Ok(view! { <super::comms::CommsPage/> }.into_any())
}

#[wasm_split(incident, wasm_split_path = ::leptos::wasm_split, fallible)]
fn incident() -> Loaded {
    Ok(view! { <super::incident::IncidentPage/> }.into_any())
}

#[wasm_split(new_incident, wasm_split_path = ::leptos::wasm_split, fallible)]
fn new_incident() -> Loaded {
    Ok(view! { <super::incident::NewIncidentPage/> }.into_any())
}

async fn load(chunk: Chunk) -> Loaded {
    match chunk {
        Chunk::Triage => triage().await,
        Chunk::Wizard => wizard().await,
        Chunk::Actions => actions().await,
        Chunk::Comms => comms().await,
        Chunk::Incident => incident().await,
        Chunk::NewIncident => new_incident().await,
    }
}

/// The page in `chunk`, with a loading line while its chunk arrives.
#[component]
pub fn ChunkPage(chunk: Chunk) -> impl IntoView {
    let app = use_app();
    let attempt = RwSignal::new(0u32);
    let loading = move || view! { <p class="page page-loading" role="status">{app.tr(ui::PAGE_LOADING)}</p> };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                Suspend::new(send_wrapper::SendWrapper::new(async move {
                    match load(chunk).await {
                        Ok(page) => page,
                        Err(ChunkUnavailable) => view! {
                            <div class="page" role="alert">
                                <p class="error">{app.tr(ui::PAGE_UNAVAILABLE)}</p>
                                <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                    {app.tr(ui::RETRY)}
                                </button>
                            </div>
                        }
                        .into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}
