//! Root component: state, routes and the page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use runbook_core::ui_text as ui;

use crate::components::banners::{ConfigBanner, OfflineBanner, UpdateBanner};
use crate::components::header::Header;
use crate::pages;
use crate::pages::chunks::{open_saved_incidents, IncidentChrome, IncidentPart};
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
    let config = Config::load(library);
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
                        <Route path=path!("/r/:id/*page") view=pages::scope::RunbookRoute />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}
