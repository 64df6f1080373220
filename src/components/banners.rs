use leptos::prelude::*;
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::platform::network;
use crate::platform::service_worker::{self, UpdateState};
use crate::state::config::use_config;
use crate::state::library::use_library;
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;

/// Names every bad config.json field; the app keeps running on defaults for them.
#[component]
pub fn ConfigBanner() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let dismissed = RwSignal::new(false);
    let issues = move || config.issues();
    view! {
        <Show when=move || !dismissed.get() && !issues().is_empty()>
            <div class="banner banner-error" role="alert" data-testid="config-banner">
                <p>
                    <strong>{prefs.tr(ui::CONFIG_PROBLEMS)}</strong>
                </p>
                <ul>
                    {move || {
                        issues()
                            .into_iter()
                            .map(|issue| {
                                view! {
                                    <li>
                                        <BothLangs text=issue.message() />
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="btn-secondary" on:click=move |_| dismissed.set(true)>
                    {prefs.tr(ui::DISMISS)}
                </button>
            </div>
        </Show>
    }
}

/// Shown while the browser is offline: what still works, when live data last synced, and which
/// content this device has.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let prefs = use_prefs();
    let library = use_library();
    let live = use_live();
    let online = network::online_signal();
    let build = network::build_id().unwrap_or_else(|| "dev".into());
    // The build, and the review date of the runbook being read.
    let version = move || match library.current() {
        Some(content) => format!("{build} · {}", content.runbook().reviewed),
        None => build.clone(),
    };
    view! {
        <Show when=move || !online.get()>
            <div class="banner banner-warn" role="status" data-testid="offline-banner">
                <p>
                    <strong>{prefs.tr(ui::OFFLINE)}</strong>
                </p>
                <p>
                    {prefs.tr(ui::LAST_SYNC)} ": "
                    <span data-testid="offline-last-sync">{move || live.last_sync_text(prefs.ui_lang())}</span> " · "
                    {prefs.tr(ui::CONTENT_VERSION)} ": " <span data-testid="content-version">{version.clone()}</span>
                </p>
            </div>
        </Show>
    }
}

/// A new deployment: downloaded by the service worker and waiting until asked, or not installable
/// (a file of it could not be downloaded), in which case the old build keeps running and says so.
/// Both in both languages: the reader may not be the one who chose the language setting.
#[component]
pub fn UpdateBanner(update: UpdateState) -> impl IntoView {
    view! {
        <Show when=move || update.failed.get()>
            <div class="banner banner-warn" role="alert" data-testid="update-failed">
                <p>
                    <BothLangs text=ui::UPDATE_FAILED.into() />
                </p>
            </div>
        </Show>
        <Show when=move || update.ready.get()>
            <div class="banner banner-info" role="status" data-testid="update-banner">
                <BothLangs text=ui::UPDATE_READY.into() />
                " "
                <button type="button" on:click=move |_| service_worker::apply_update()>
                    <BothLangs text=ui::RELOAD_TO_UPDATE.into() />
                </button>
            </div>
        </Show>
    }
}
