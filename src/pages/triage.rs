//! The runbook's quick triage, live: vendor status, our health, error rate and its chart.

use leptos::prelude::*;
use runbook_core::signals::error_rate::{assess, ErrorRates, ErrorVerdict};
use runbook_core::signals::health::{HealthStatus, HealthVerdict};
use runbook_core::signals::query::Window;
use runbook_core::signals::vendor::{status_check_title, Indicator, VendorStatus};
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::components::command_box::CommandBox;
use crate::components::error_chart::ErrorChart;
use crate::components::signal_card::{SignalCard, Verdict};
use crate::platform::clock::local_time;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;

fn vendor_verdict(v: &VendorStatus) -> Verdict {
    match v.indicator {
        Indicator::None => Verdict::Ok,
        Indicator::Maintenance | Indicator::Minor => Verdict::Warn,
        Indicator::Major | Indicator::Critical => Verdict::Bad,
        Indicator::Unknown(_) => Verdict::Unknown,
    }
}

fn health_verdict(h: &HealthStatus) -> Verdict {
    match h.verdict {
        HealthVerdict::Healthy => Verdict::Ok,
        HealthVerdict::Degraded => Verdict::Warn,
        HealthVerdict::Down => Verdict::Bad,
        HealthVerdict::Unknown(_) => Verdict::Unknown,
    }
}

#[component]
pub fn TriagePage() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let live = use_live();
    live.ensure_started();
    let thresholds = move || config.with(|c| c.thresholds.clone());

    let vendor_body = move |v: &VendorStatus| {
        let lang = prefs.ui_lang();
        let updated = v
            .updated_at
            .map(|t| format!("{} {}", ui::VENDOR_UPDATED.get(lang), local_time(t)));
        view! {
            <p class="value">{v.indicator.label().get(lang).to_string()}</p>
            <p>{v.description.clone()}</p>
            {updated.map(|u| view! { <p class="muted">{u}</p> })}
        }
    };
    let health_body = move |h: &HealthStatus| {
        let lang = prefs.ui_lang();
        view! {
            <p class="value">{h.verdict.label().get(lang).to_string()}</p>
            <dl class="details">
                {h
                    .details
                    .iter()
                    .map(|(k, v)| {
                        view! {
                            <dt>{k.clone()}</dt>
                            <dd>{v.clone()}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    };
    let errors_body = move |rates: &ErrorRates| {
        let lang = prefs.ui_lang();
        let assessment = assess(rates, &thresholds());
        view! {
            <p class="value">
                {rates.total.map_or_else(|| "—".to_string(), |t| format!("{t:.3}"))} " " {ui::RATE.get(lang)}
            </p>
            <p class="evidence">
                <BothLangs text=assessment.evidence />
            </p>
            <table class="rates">
                <thead>
                    <tr>
                        <th scope="col">{ui::STATUS_CODE.get(lang)}</th>
                        <th scope="col">{ui::RATE.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rates
                        .by_code
                        .iter()
                        .map(|(code, rate)| {
                            view! {
                                <tr data-code=code.clone()>
                                    <td>{code.clone()}</td>
                                    <td class="num">{format!("{rate:.3}")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    let errors_verdict = move |rates: &ErrorRates| match assess(rates, &thresholds()).verdict {
        ErrorVerdict::Ok => Verdict::Ok,
        ErrorVerdict::Elevated => Verdict::Bad,
        ErrorVerdict::Unknown => Verdict::Unknown,
    };

    view! {
        <div class="page triage">
            <h1>{prefs.tr(ui::TRIAGE_TITLE)}</h1>
            <p class="muted">{prefs.tr(ui::TRIAGE_INTRO)}</p>
            <div class="toolbar">
                <button type="button" on:click=move |_| live.refresh_now()>
                    {prefs.tr(ui::REFRESH_NOW)}
                </button>
                <span data-testid="last-sync">
                    {prefs.tr(ui::LAST_SYNC)} ": " {move || live.last_sync_text(prefs.ui_lang())}
                </span>
            </div>
            <div class="cards">
                <SignalCard
                    title=status_check_title(&use_content().runbook().vendor)
                    signal=live.vendor()
                    verdict=vendor_verdict
                    body=vendor_body
                    testid="signal-vendor"
                />
                <SignalCard
                    title=ui::CHECK_HEALTH
                    signal=live.health()
                    verdict=health_verdict
                    body=health_body
                    testid="signal-health"
                />
                <SignalCard
                    title=ui::CHECK_ERRORS
                    signal=live.errors()
                    verdict=errors_verdict
                    body=errors_body
                    testid="signal-errors"
                />
            </div>
            {move || {
                live.primary_failure()
                    .map(|f| {
                        view! {
                            <p class="banner banner-warn" data-testid="primary-failure">
                                <strong>{prefs.tr(ui::PRIMARY_FAILED)}</strong>
                                " "
                                <BothLangs text=f.message() />
                            </p>
                        }
                    })
            }}
            <section class="card chart-card">
                <div class="card-head">
                    <h2>{prefs.tr(ui::ERROR_CHART)}</h2>
                    <WindowPicker />
                </div>
                {move || {
                    let window = live.window();
                    live.series()
                        .with(|s| s.reading().map(|r| view! { <ErrorChart series=r.value.clone() window=window /> }))
                }}
                {move || {
                    live.series()
                        .with(|s| {
                            s.failure()
                                .map(|f| {
                                    view! {
                                        <p class="failure">
                                            <BothLangs text=f.message() />
                                        </p>
                                    }
                                })
                        })
                }}
            </section>
            {use_content()
                .commands()
                .triage_command()
                .cloned()
                .map(|id| {
                    view! {
                        <section class="card">
                            <h2>{prefs.tr(ui::CHECK_LOGS)}</h2>
                            <CommandBox id=id />
                        </section>
                    }
                })}
        </div>
    }
}

#[component]
fn WindowPicker() -> impl IntoView {
    let prefs = use_prefs();
    let live = use_live();
    view! {
        <label class="inline-field">
            <span>{prefs.tr(ui::CHART_WINDOW)}</span>
            <select on:change=move |ev| {
                if let Some(w) = Window::parse(&event_target_value(&ev)) {
                    live.set_window(w);
                }
            }>
                {Window::ALL
                    .into_iter()
                    .map(|w| {
                        view! {
                            <option value=w.as_str() prop:selected=move || live.window() == w>
                                {move || w.label().get(prefs.ui_lang())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
