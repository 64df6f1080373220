//! The pages of one runbook (`/r/<id>/…`, one route: the page is read from the rest of the
//! path) render once its data has loaded (at once when the page was opened on it: main.rs loads
//! it before the mount), with that runbook as their `Content`. An unknown id, or data that cannot be fetched or read, is a bilingual message with
//! a way on, never a panic.

use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use runbook_core::i18n::Bilingual;
use runbook_core::library::Page;
use runbook_core::ui_text as ui;
use runbook_core::ui_text::library as text;

use crate::components::bilingual::BothLangs;
use crate::pages::chunks::{Chunk, ChunkPage};
use crate::pages::not_found::NotFound;
use crate::pages::runbook::RunbookPage;
use crate::state::content::Content;
use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

/// What a runbook's path shows.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Runbook,
    Chunk(Chunk),
    NotFound,
}

/// `/r/:id/*page`: the runbook's page that the rest of the path names.
#[component]
pub fn RunbookRoute() -> impl IntoView {
    let params = use_params_map();
    let page =
        Memo::new(move |_| params.with(|p| Page::from_suffix(&format!("/{}", p.get_str("page").unwrap_or_default()))));
    // Moving between sections scrolls the runbook page; it does not render it anew.
    let section = Signal::derive(move || match page.get() {
        Some(Page::Section(id)) => Some(id),
        _ => None,
    });
    let shown = Memo::new(move |_| {
        page.with(|page| match page {
            Some(Page::Read | Page::Section(_)) => Shown::Runbook,
            Some(Page::Triage) => Shown::Chunk(Chunk::Triage),
            Some(Page::Wizard) => Shown::Chunk(Chunk::Wizard),
            Some(Page::Actions) => Shown::Chunk(Chunk::Actions),
            Some(Page::Comms) => Shown::Chunk(Chunk::Comms),
            Some(Page::Incident) => Shown::Chunk(Chunk::Incident),
            Some(Page::NewIncident) => Shown::Chunk(Chunk::NewIncident),
            None => Shown::NotFound,
        })
    });
    let in_scope = move |shown: Shown| {
        let page = move || match shown {
            Shown::Chunk(chunk) => view! { <ChunkPage chunk /> }.into_any(),
            _ => view! { <RunbookPage section /> }.into_any(),
        };
        view! { <RunbookScope page=std::sync::Arc::new(page) /> }.into_any()
    };
    move || match shown.get() {
        Shown::NotFound => view! { <NotFound /> }.into_any(),
        shown => in_scope(shown),
    }
}

/// `page`, with the runbook of the path's `:id` as its `Content`.
#[component]
pub fn RunbookScope(page: std::sync::Arc<dyn Fn() -> AnyView + Send + Sync>) -> impl IntoView {
    let prefs = use_prefs();
    let library = use_library();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let fetched = LocalResource::new(move || {
        let id = id.get();
        async move { library.load(&id).await }
    });
    let resolved: Memo<Option<Result<Content, Bilingual>>> = Memo::new(move |_| {
        let id = id.get();
        library.loaded(&id).map(Ok).or_else(|| fetched.get())
    });
    Effect::new(move || {
        if let Some(Ok(content)) = resolved.get() {
            library.set_current(Some(content));
        }
    });
    move || match resolved.get() {
        Some(Ok(content)) => {
            let page = page.clone();
            view! { <Provider value=content>{move || page()}</Provider> }.into_any()
        }
        Some(Err(problem)) => view! {
            <div class="page" role="alert" data-testid="runbook-unavailable">
                <p class="error">
                    <BothLangs text=problem />
                </p>
                <p>
                    <button type="button" on:click=move |_| fetched.refetch()>
                        {prefs.tr(text::RETRY)}
                    </button>
                    " "
                    <A href="/">{prefs.tr(ui::BACK_TO_LIBRARY)}</A>
                </p>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="page page-loading" role="status">
                {prefs.tr(text::LOADING)}
            </p>
        }
        .into_any(),
    }
}
