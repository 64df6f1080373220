//! Every page but the runbook is split into its own wasm chunk at build time
//! (`xtask/src/split.rs`), loaded on the first visit to the page. The service worker precaches
//! the chunks, so they load offline too; a chunk that cannot be fetched leaves a bilingual
//! error with a retry, and the rest of the app keeps working.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use runbook_core::ui_text as ui;

use super::actions::ActionsPage;
use super::comms::CommsPage;
use super::incident::{IncidentPage, NewIncidentPage};
use super::triage::TriagePage;
use super::wizard::WizardPage;
use crate::state::use_app;

pub struct ChunkUnavailable;

impl From<SplitLoaderError> for ChunkUnavailable {
    fn from(_: SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

type Loaded = Result<AnyView, ChunkUnavailable>;

/// One line per page: its `Chunk`, the name of its split (and loader function), its component.
macro_rules! chunked_pages {
    ($($chunk:ident => $split:ident: $page:ident),* $(,)?) => {
        /// A page that lives in a chunk of its own.
        #[derive(Clone, Copy)]
        pub enum Chunk {
            $($chunk),*
        }

        $(
            #[wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $split() -> Loaded {
                Ok(view! { <$page/> }.into_any())
            }
        )*

        async fn load(chunk: Chunk) -> Loaded {
            match chunk {
                $(Chunk::$chunk => $split().await),*
            }
        }
    };
}

chunked_pages! {
    Triage => triage: TriagePage,
    Wizard => wizard: WizardPage,
    Actions => actions: ActionsPage,
    Comms => comms: CommsPage,
    Incident => incident: IncidentPage,
    NewIncident => new_incident: NewIncidentPage,
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
