//! Root component: state, routes and the page frame.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use runbook_core::config::{DeployConfig, LoadedConfig};
use runbook_core::ui_text as ui;

use crate::components::banners::{ConfigBanner, OfflineBanner, UpdateBanner};
use crate::components::header::Header;
use crate::pages;
use crate::pages::chunks::{open_saved_incidents, Chunk, ChunkPage, IncidentChrome, IncidentPart};
use crate::platform::service_worker::UpdateState;
use crate::platform::startup::Stages;
use crate::platform::{network, service_worker};
use crate::state::incident::IncidentStore;
use crate::state::live::LiveSignals;
use crate::state::overrides::Overrides;
use crate::state::{prefs, AppState, ConfigStatus};

#[component]
pub fn App() -> impl IntoView {
    let incident = IncidentStore::new();
    let overrides = Overrides::new();
    let owner = Owner::current().expect("App renders under the mount's owner");
    // With nothing saved, the incidents chunk waits until a page or another tab needs it.
    let open_at_start = crate::platform::startup::last_start_crashed() || IncidentStore::anything_saved();
    let state = AppState {
        lang: RwSignal::new(prefs::initial_lang()),
        config: RwSignal::new(LoadedConfig {
            config: DeployConfig::default(),
            issues: Vec::new(),
        }),
        config_status: RwSignal::new(ConfigStatus::Waiting),
        runbook: crate::state::content::runbook(),
        now: RwSignal::new(Utc::now()),
        live: LiveSignals::new(),
        incident,
        incidents_open: RwSignal::new(false),
        owner: StoredValue::new(owner),
        overrides,
        online: network::online_signal(),
        update: UpdateState {
            ready: RwSignal::new(false),
            failed: RwSignal::new(false),
        },
    };
    provide_context(state);
    let open_incidents = move || {
        leptos::task::spawn_local(async move {
            open_saved_incidents(state).await;
        })
    };
    if open_at_start {
        open_incidents();
    }
    IncidentStore::on_saved_elsewhere(open_incidents);
    Effect::new(move || prefs::apply_lang(state.lang.get()));
    // State and router, then header, incident bar, banners and page: a short task each.
    let stages = Stages::start(4, move || {
        crate::api::config::load_into(state.config, state.config_status);
        crate::platform::clock::tick_every_second(state.now);
        service_worker::register(state.update);
        // Otherwise the start ends once the incident bar has rendered (pages::chunks).
        if !open_at_start {
            crate::platform::startup::finished();
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {state.tr(ui::SKIP_TO_CONTENT)}
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
                <UpdateBanner />
                <OfflineBanner />
                <ConfigBanner />
                <IncidentChrome part=IncidentPart::StorageBanners />
            </Show>
            <main id="main" tabindex="-1">
                <Show when=stages.reached(4)>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::runbook::RunbookPage />
                        <Route path=path!("/runbook/:section") view=pages::runbook::RunbookPage />
                        <Route path=path!("/triage") view=|| view! { <ChunkPage chunk=Chunk::Triage /> } />
                        <Route path=path!("/wizard") view=|| view! { <ChunkPage chunk=Chunk::Wizard /> } />
                        <Route path=path!("/actions") view=|| view! { <ChunkPage chunk=Chunk::Actions /> } />
                        <Route path=path!("/comms") view=|| view! { <ChunkPage chunk=Chunk::Comms /> } />
                        <Route path=path!("/incident") view=|| view! { <ChunkPage chunk=Chunk::Incident /> } />
                        <Route path=path!("/incident/new") view=|| view! { <ChunkPage chunk=Chunk::NewIncident /> } />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}
