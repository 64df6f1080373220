//! Every page but the runbook is split into its own wasm chunk at build time
//! (`xtask/src/split.rs`), loaded on the first visit to the page. The service worker precaches
//! the chunks, so they load offline too; a chunk that cannot be fetched leaves a bilingual
//! error with a retry, and the rest of the app keeps working.
//!
//! The saved incidents are read by a chunk too (reading, upgrading and merging them is much of
//! the code), fetched right after start: the incident bar and the storage banners come with it,
//! and every page in a chunk waits for it.

use std::cell::RefCell;

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use runbook_core::ui_text as ui;

use super::actions::ActionsPage;
use super::comms::CommsPage;
use super::incident::{IncidentPage, NewIncidentPage};
use super::triage::TriagePage;
use super::wizard::WizardPage;
use crate::components::incident_bar::{IncidentBar, StorageProblemBanner, StorageRecoveryBanner};
use crate::state::command_settings::CommandSettings;
use crate::state::incident::{use_incidents, IncidentStore};
use crate::state::prefs::use_prefs;

#[derive(Clone, Copy, Debug)]
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
        #[derive(Clone, Copy, PartialEq)]
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

/// Opens the saved incidents (and this incident's command settings) under `owner`.
#[allow(improper_ctypes_definitions)] // a split point is an extern "C" fn of Rust values
#[wasm_split(incidents, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open_incidents(
    incidents: IncidentStore,
    settings: CommandSettings,
    safe_mode: bool,
) -> Result<(), ChunkUnavailable> {
    incidents.owner().with(|| {
        incidents.open(safe_mode);
        settings.load();
    });
    Ok(())
}

type Opening = Shared<LocalBoxFuture<'static, bool>>;

thread_local! {
    /// The one opening of the saved incidents, shared by everything that waits for it.
    static OPENING: RefCell<Option<Opening>> = const { RefCell::new(None) };
}

/// Loads the incidents chunk and opens the saved incidents, once: every caller waits for the
/// same opening. `false` when the chunk could not be fetched; the next call tries again.
pub fn open_saved_incidents(incidents: IncidentStore, settings: CommandSettings) -> Opening {
    OPENING.with(|opening| {
        opening
            .borrow_mut()
            .get_or_insert_with(|| {
                async move {
                    let safe_mode = crate::platform::startup::last_start_crashed();
                    let opened = open_incidents(incidents, settings, safe_mode).await.is_ok();
                    if opened {
                        incidents.mark_open();
                    } else {
                        OPENING.with(|o| o.borrow_mut().take());
                    }
                    opened
                }
                .boxed_local()
                .shared()
            })
            .clone()
    })
}

#[wasm_split(incidents, wasm_split_path = ::leptos::wasm_split, fallible)]
fn incident_bar() -> Loaded {
    Ok(view! { <IncidentBar /> }.into_any())
}

#[wasm_split(incidents, wasm_split_path = ::leptos::wasm_split, fallible)]
fn storage_banners() -> Loaded {
    Ok(view! {
        <StorageProblemBanner />
        <StorageRecoveryBanner />
    }
    .into_any())
}

/// A part of every page that comes with the incidents chunk.
#[derive(Clone, Copy)]
pub enum IncidentPart {
    Bar,
    StorageBanners,
}

/// `part`, once the saved incidents are open; nothing until then.
#[component]
pub fn IncidentChrome(part: IncidentPart) -> impl IntoView {
    let incidents = use_incidents();
    view! {
        <Show when=move || incidents.is_open()>
            <Suspense>
                {move || Suspend::new(
                    send_wrapper::SendWrapper::new(async move {
                        let loaded = match part {
                            IncidentPart::Bar => incident_bar().await,
                            IncidentPart::StorageBanners => storage_banners().await,
                        };
                        if matches!(part, IncidentPart::Bar) {
                            crate::platform::startup::next_task(crate::platform::startup::finished);
                        }
                        loaded.unwrap_or_else(|ChunkUnavailable| ().into_any())
                    }),
                )}
            </Suspense>
        </Show>
    }
}

/// The page in `chunk`, with a loading line while its chunk arrives.
#[component]
pub fn ChunkPage(chunk: Chunk) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let settings = crate::state::command_settings::use_command_settings();
    let attempt = RwSignal::new(0u32);
    let loading = move || {
        view! {
            <p class="page page-loading" role="status">
                {prefs.tr(ui::PAGE_LOADING)}
            </p>
        }
    };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                Suspend::new(
                    send_wrapper::SendWrapper::new(async move {
                        let opened = open_saved_incidents(incidents, settings).await;
                        let loaded = if opened { load(chunk).await } else { Err(ChunkUnavailable) };
                        match loaded {
                            Ok(page) => page,
                            Err(ChunkUnavailable) => {
                                view! {
                                    <div class="page" role="alert">
                                        <p class="error">{prefs.tr(ui::PAGE_UNAVAILABLE)}</p>
                                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                            {prefs.tr(ui::RETRY)}
                                        </button>
                                    </div>
                                }
                                    .into_any()
                            }
                        }
                    }),
                )
            }}
        </Suspense>
    }
}
