//! Root component: state, routes and the page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use runbook_core::ui_text as ui;

use crate::components::banners::{ConfigBanner, OfflineBanner, UpdateBanner};
use crate::components::header::Header;
use crate::pages;
use crate::pages::chunks::{open_saved_incidents, Chunk, ChunkPage, IncidentChrome, IncidentPart};
use crate::platform::service_worker::{self, UpdateState};
use crate::platform::startup::Stages;
use crate::state::clock::Now;
use crate::state::command_settings::CommandSettings;
use crate::state::config::Config;
use crate::state::incident::IncidentStore;
use crate::state::library::Library;
use crate::state::live::LiveSignals;
use crate::state::prefs::Prefs;

#[component]
pub fn App(library: Library) -> impl IntoView {
    let owner = Owner::current().expect("App renders under the mount's owner");
    let prefs = Prefs::new();
    let now = Now::new();
    let config = Config::load();
    let incidents = IncidentStore::new(owner);
    let settings = CommandSettings::new(config, incidents, now);
    provide_context(prefs);
    provide_context(now);
    provide_context(config);
    provide_context(library);
    provide_context(LiveSignals::new(config, library, now));
    provide_context(incidents);
    provide_context(settings);
    let update = UpdateState {
        ready: RwSignal::new(false),
        failed: RwSignal::new(false),
    };
    // With nothing saved, the incidents chunk waits until a page or another tab needs it.
    let open_at_start = crate::platform::startup::last_start_crashed() || IncidentStore::anything_saved();
    let open_incidents = move || {
        leptos::task::spawn_local(async move {
            open_saved_incidents(incidents, settings).await;
        })
    };
    if open_at_start {
        open_incidents();
    }
    IncidentStore::on_saved_elsewhere(open_incidents);
    // State and router, then header, incident bar, banners and page: a short task each.
    let stages = Stages::start(4, move || {
        now.start_ticking();
        service_worker::register(update);
        // Otherwise the start ends once the incident bar has rendered (pages::chunks).
        if !open_at_start {
            crate::platform::startup::finished();
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {prefs.tr(ui::SKIP_TO_CONTENT)}
            </a>
            <div class="top-chrome">
                <Show when=stages.reached(1)>
                    <Header />
                </Show>
                <Show when=stages.reached(2)>
                    <IncidentChrome part=IncidentPart::Bar />
                </Show>
            </div>
            <Show when=stages.reached(3)>
                <UpdateBanner update />
                <OfflineBanner />
                <ConfigBanner />
                <IncidentChrome part=IncidentPart::StorageBanners />
            </Show>
            <main id="main" tabindex="-1">
                <Show when=stages.reached(4)>
                    // Any other path: a link of the one-runbook app, moved, or not found.
                    <Routes fallback=pages::not_found::NotFoundOrMoved>
                        <Route path=path!("/") view=pages::library::LibraryPage />
                        <Route
                            path=path!("/r/:id")
                            view=|| in_runbook(|| view! { <pages::runbook::RunbookPage /> }.into_any())
                        />
                        <Route
                            path=path!("/r/:id/section/:section")
                            view=|| in_runbook(|| view! { <pages::runbook::RunbookPage /> }.into_any())
                        />
                        <Route path=path!("/r/:id/triage") view=|| chunk_in_runbook(Chunk::Triage) />
                        <Route path=path!("/r/:id/wizard") view=|| chunk_in_runbook(Chunk::Wizard) />
                        <Route path=path!("/r/:id/actions") view=|| chunk_in_runbook(Chunk::Actions) />
                        <Route path=path!("/r/:id/comms") view=|| chunk_in_runbook(Chunk::Comms) />
                        <Route path=path!("/r/:id/incident") view=|| chunk_in_runbook(Chunk::Incident) />
                        <Route path=path!("/r/:id/incident/new") view=|| chunk_in_runbook(Chunk::NewIncident) />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}

/// A page of the runbook the path names (pages/scope.rs).
fn in_runbook(page: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    view! { <pages::scope::RunbookScope page=std::sync::Arc::new(page) /> }
}

fn chunk_in_runbook(chunk: Chunk) -> impl IntoView {
    in_runbook(move || view! { <ChunkPage chunk /> }.into_any())
}
