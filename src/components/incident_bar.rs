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
use crate::state::clock::use_now;
use crate::state::config::{use_config, Config};
use crate::state::content::Content;
use crate::state::incident::use_incidents;
use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

/// The clocks of `incident` at `now`, from the runbook's severity levels and config's cadence.
pub fn clocks(config: Config, content: Content, incident: &Incident, now: DateTime<Utc>) -> Clocks {
    config.with(|c| {
        Clocks::of(
            incident,
            &content.runbook().severities,
            &c.comms_cadence_minutes,
            now,
            &Local,
        )
    })
}

/// The strip under the header; renders nothing while no incident is open.
#[component]
pub fn IncidentBar() -> impl IntoView {
    let prefs = use_prefs();
    let now = use_now();
    let (config, library) = (use_config(), use_library());
    let incidents = use_incidents();
    // The clocks count to the response targets of the runbook the incident follows.
    let state = Memo::new(move |_| {
        let now = now.get();
        incidents
            .read_active(|i| {
                let content = library.of_incident(i.context.runbook.as_deref())?;
                Some((i.status(), clocks(config, content, i, now), content.path("/incident")))
            })
            .flatten()
    });
    let clocks_of = move || state.get().map(|(_, c, _)| c);
    let incident_page = move || state.get().map(|(_, _, page)| page).unwrap_or_default();
    let words = move |pick: fn(&Clocks, Lang) -> String| {
        move || clocks_of().map(|c| pick(&c, prefs.ui_lang())).unwrap_or_default()
    };
    view! {
        <Show when=move || state.with(Option::is_some)>
            <div
                class="incident-bar"
                role="region"
                aria-label=prefs.tr(text::BAR_LABEL)
                data-testid="incident-bar"
                data-severity=move || clocks_of().map(|c| c.severity.as_str())
            >
                <A href=incident_page attr:class="ib-link">
                    <span class=move || {
                        format!("ib-sev sev-{}", clocks_of().map_or("", |c| c.severity.as_str()).to_lowercase())
                    }>{move || clocks_of().map(|c| c.severity.as_str())}</span>
                    <span class="ib-status" data-testid="incident-bar-status">
                        {move || state.get().map(|(s, _, _)| s.label().get(prefs.ui_lang()))}
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
    let prefs = use_prefs();
    let incidents = use_incidents();
    move || {
        incidents.problem().map(|problem| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-problem">
                    <p>
                        <strong>{prefs.tr(text::STORAGE_PROBLEM)}</strong>
                        " "
                        <BothLangs text=problem />
                    </p>
                    <button type="button" class="btn-secondary" on:click=move |_| incidents.dismiss_problem()>
                        {prefs.tr(text::DISMISS)}
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
    let prefs = use_prefs();
    let incidents = use_incidents();
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
        if let Err(e) = incidents.set_aside_and_save() {
            error.set(Some(Bilingual::new(
                format!("Could not set the saved data aside ({e}); it is unchanged."),
                format!("无法另存已保存的数据({e});数据未变。"),
            )));
        }
    };
    let safe_mode = move || {
        incidents.safe_mode_backup().map(|key| {
            Bilingual::new(
                format!("The app crashed while starting last time, so it started in safe mode: the saved incidents were set aside, not deleted (backup key {key}). Export them to keep a copy."),
                format!("上次启动时应用崩溃,因此以安全模式启动:已保存的事件已另存,未被删除(备份键 {key})。可导出以保留副本。"),
            )
        })
    };
    view! {
        <Show when=move || safe_mode().is_some() || incidents.read_only_reason().is_some()>
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
                    incidents
                        .read_only_reason()
                        .map(|text| {
                            view! {
                                <p data-testid="read-only">
                                    <BothLangs text />
                                </p>
                            }
                        })
                }}
                <button type="button" data-testid="recovery-export" on:click=export>
                    {prefs.tr(EXPORT)}
                </button>
                <Show when=move || {
                    incidents.read_only_reason().is_some()
                }>
                    " " <button type="button" class="btn-secondary" data-testid="recovery-set-aside" on:click=set_aside>
                        {prefs.tr(SET_ASIDE)}
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
