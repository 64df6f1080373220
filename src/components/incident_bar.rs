//! The open incident, in view on every page: severity, status, elapsed time, the response
//! target and the next update as countdowns, overdue in words. Also the banners about the saved
//! incidents. All of it comes with the incidents chunk (`pages::chunks`).

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{colon, Lang};
use runbook_core::incident::{Clocks, Incident};
use runbook_core::ui_text::incident as text;

use crate::components::bilingual::BothLangs;
use crate::state::{use_app, AppState};

/// The clocks of `incident` at `now`, from the runbook's severity levels and config's cadence.
pub fn clocks(app: AppState, incident: &Incident, now: DateTime<Utc>) -> Clocks {
    app.config.with(|c| {
        Clocks::of(
            incident,
            &app.runbook.severities,
            &c.config.comms_cadence_minutes,
            now,
            &Local,
        )
    })
}

/// The strip under the header; renders nothing while no incident is open.
#[component]
pub fn IncidentBar() -> impl IntoView {
    let app = use_app();
    let state = Memo::new(move |_| {
        let now = app.now.get();
        app.incident.read_active(|i| (i.status(), clocks(app, i, now)))
    });
    let clocks_of = move || state.get().map(|(_, c)| c);
    let words = move |pick: fn(&Clocks, Lang) -> String| {
        move || clocks_of().map(|c| pick(&c, app.ui_lang())).unwrap_or_default()
    };
    view! {
        <Show when=move || state.with(Option::is_some)>
            <div
                class="incident-bar"
                role="region"
                aria-label=app.tr(text::BAR_LABEL)
                data-testid="incident-bar"
                data-severity=move || clocks_of().map(|c| c.severity.as_str())
            >
                <A href="/incident" attr:class="ib-link">
                    <span class=move || {
                        format!("ib-sev sev-{}", clocks_of().map_or("", |c| c.severity.as_str()).to_lowercase())
                    }>{move || clocks_of().map(|c| c.severity.as_str())}</span>
                    <span class="ib-status" data-testid="incident-bar-status">
                        {move || state.get().map(|(s, _)| s.label().get(app.ui_lang()))}
                    </span>
                    <span class="ib-item" data-testid="elapsed">
                        {words(|c, lang| format!("{} {}", text::ELAPSED.get(lang), c.elapsed.get(lang)))}
                    </span>
                    <span
                        class="ib-item ib-countdown"
                        data-testid="response-countdown"
                        data-state=move || clocks_of().map(|c| c.response_state())
                    >
                        {words(Clocks::response_short)}
                    </span>
                    <span
                        class="ib-item ib-countdown"
                        data-testid="next-update"
                        data-state=move || clocks_of().map(|c| c.next_update.state())
                    >
                        {words(|c, lang| {
                            format!("{}{}{}", text::NEXT_UPDATE.get(lang), colon(lang), c.next_update.text.get(lang))
                        })}
                    </span>
                </A>
            </div>
        </Show>
    }
}

/// Problems reading or writing the saved incidents, in both languages.
#[component]
pub fn StorageProblemBanner() -> impl IntoView {
    let app = use_app();
    move || {
        app.incident.problem.get().map(|problem| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-problem">
                    <p>
                        <strong>{app.tr(text::STORAGE_PROBLEM)}</strong>
                        " "
                        <BothLangs text=problem />
                    </p>
                    <button type="button" class="btn-secondary" on:click=move |_| app.incident.problem.set(None)>
                        {app.tr(text::DISMISS)}
                    </button>
                </div>
            }
        })
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
                {move || {
                    safe_mode()
                        .map(|text| {
                            view! {
                                <p data-testid="safe-mode">
                                    <BothLangs text />
                                </p>
                            }
                        })
                }}
                {move || {
                    app.incident
                        .read_only
                        .get()
                        .map(|text| {
                            view! {
                                <p data-testid="read-only">
                                    <BothLangs text />
                                </p>
                            }
                        })
                }}
                <button type="button" data-testid="recovery-export" on:click=export>
                    {app.tr(EXPORT)}
                </button>
                <Show when=move || {
                    app.incident.read_only.with(Option::is_some)
                }>
                    " " <button type="button" class="btn-secondary" data-testid="recovery-set-aside" on:click=set_aside>
                        {app.tr(SET_ASIDE)}
                    </button>
                </Show>
                {move || {
                    error
                        .get()
                        .map(|text| {
                            view! {
                                <p data-testid="recovery-error">
                                    <BothLangs text />
                                </p>
                            }
                        })
                }}
            </div>
        </Show>
    }
}
