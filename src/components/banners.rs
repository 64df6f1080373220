use leptos::prelude::*;
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::platform::{network, service_worker};
use crate::state::use_app;

/// Names every bad config.json field; the app keeps running on defaults for them.
#[component]
pub fn ConfigBanner() -> impl IntoView {
    let app = use_app();
    let dismissed = RwSignal::new(false);
    let issues = move || app.config.with(|c| c.issues.clone());
    view! {
        <Show when=move || !dismissed.get() && !issues().is_empty()>
            <div class="banner banner-error" role="alert" data-testid="config-banner">
                <p><strong>{app.tr(ui::CONFIG_PROBLEMS)}</strong></p>
                <ul>
                    {move || {
                        issues()
                            .into_iter()
                            .map(|issue| view! { <li><BothLangs text=issue.message()/></li> })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="btn-secondary" on:click=move |_| dismissed.set(true)>
                    {app.tr(ui::DISMISS)}
                </button>
            </div>
        </Show>
    }
}

/// Shown while the browser is offline: what still works, when live data last synced, and which
/// content this device has.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let app = use_app();
    let version = format!(
        "{} · {}",
        network::build_id().unwrap_or_else(|| "dev".into()),
        app.runbook.reviewed
    );
    view! {
        <Show when=move || !app.online.get()>
            <div class="banner banner-warn" role="status" data-testid="offline-banner">
                <p><strong>{app.tr(ui::OFFLINE)}</strong></p>
                <p>
                    {app.tr(ui::LAST_SYNC)} ": " <span data-testid="offline-last-sync">{move || app.last_sync_text()}</span>
                    " · " {app.tr(ui::CONTENT_VERSION)} ": " <span data-testid="content-version">{version.clone()}</span>
                </p>
            </div>
        </Show>
    }
}

/// A new deployment has been downloaded by the service worker; nothing changes until asked.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.update.failed.get()>
            <div class="banner banner-warn" role="status" data-testid="update-failed">
                <span>{app.tr(ui::UPDATE_FAILED)}</span>
            </div>
        </Show>
        <Show when=move || app.update.ready.get()>
            <div class="banner banner-info" role="status" data-testid="update-banner">
                <span>{app.tr(ui::UPDATE_READY)}</span> " "
                <button type="button" on:click=move |_| service_worker::apply_update()>{app.tr(ui::RELOAD_TO_UPDATE)}</button>
            </div>
        </Show>
    }
}

/// The saved incidents are not in use: set aside after a crash while starting (safe mode), or
/// kept read-only because this version cannot write over them. Either way, with an export.
#[component]
pub fn StorageRecoveryBanner() -> impl IntoView {
    use runbook_core::i18n::{Bilingual, Text};

    const EXPORT: Text = Text::new("Export my data", "导出我的数据");
    const SET_ASIDE: Text = Text::new(
        "Set it aside and save from now on (keeps a backup)",
        "另存为备份,之后正常保存",
    );
    let app = use_app();
    let error = RwSignal::new(None::<Bilingual>);
    let export = move |_| {
        let now = chrono::Utc::now();
        let file = crate::state::storage::export_file_name(now);
        match crate::platform::download::save(&file, "application/json", &crate::state::storage::export_all(now)) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(Bilingual::new(
                format!("Export failed: {e}"),
                format!("导出失败:{e}"),
            ))),
        }
    };
    let set_aside = move |_| {
        if let Err(e) = app.incident.set_aside_and_save() {
            error.set(Some(Bilingual::new(
                format!("Could not set the saved data aside ({e}); it is unchanged."),
                format!("无法另存已保存的数据({e});数据未变。"),
            )));
        }
    };
    let safe_mode = move || {
        app.incident.safe_mode.get().map(|key| {
            Bilingual::new(
                format!("The app crashed while starting last time, so it started in safe mode: the saved incidents were set aside, not deleted (backup key {key}). Export them to keep a copy."),
                format!("上次启动时应用崩溃,因此以安全模式启动:已保存的事件已另存,未被删除(备份键 {key})。可导出以保留副本。"),
            )
        })
    };
    view! {
        <Show when=move || safe_mode().is_some() || app.incident.read_only.with(Option::is_some)>
            <div class="banner banner-warn" role="alert" data-testid="storage-recovery">
                {move || safe_mode().map(|text| view! { <p data-testid="safe-mode"><BothLangs text/></p> })}
                {move || app.incident.read_only.get().map(|text| view! { <p data-testid="read-only"><BothLangs text/></p> })}
                <button type="button" data-testid="recovery-export" on:click=export>{app.tr(EXPORT)}</button>
                <Show when=move || app.incident.read_only.with(Option::is_some)>
                    " "
                    <button type="button" class="btn-secondary" data-testid="recovery-set-aside" on:click=set_aside>
                        {app.tr(SET_ASIDE)}
                    </button>
                </Show>
                {move || error.get().map(|text| view! { <p data-testid="recovery-error"><BothLangs text/></p> })}
            </div>
        </Show>
    }
}
