//! The open incident, in view on every page: severity, status, elapsed time, the response
//! target and the next update as countdowns, overdue in words. Also the storage problem banner.

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::incident::{cadence_minutes, countdown_text, duration_text, Incident};
use runbook_core::severity::Severity;
use runbook_core::ui_text::incident as text;

use crate::components::bilingual::BothLangs;
use crate::state::{use_app, AppState};

/// A countdown to a deadline, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Countdown {
    pub text: Bilingual,
    pub overdue: bool,
}

impl Countdown {
    fn new(at: DateTime<Utc>, now: DateTime<Utc>) -> Countdown {
        Countdown {
            text: countdown_text(at, now),
            overdue: now >= at,
        }
    }

    /// `data-state` for tests and styling; the words already say it.
    pub fn state(&self) -> &'static str {
        if self.overdue {
            "overdue"
        } else {
            "pending"
        }
    }
}

/// The clocks of an incident at `now`.
#[derive(Clone, Debug, PartialEq)]
pub struct Clocks {
    pub severity: Severity,
    pub elapsed: Bilingual,
    /// The runbook's wording of the response target (e.g. "< 15 min") and its countdown;
    /// `None` when the runbook has no target for the severity.
    pub response: Option<(Bilingual, Countdown)>,
    pub next_update: Countdown,
}

pub fn clocks(app: AppState, incident: &Incident, now: DateTime<Utc>) -> Clocks {
    let severity = incident.severity();
    let response = app.runbook.severity(severity).map(|level| {
        let due = incident.response_deadline(level.response_target, &Local);
        (level.response.clone(), Countdown::new(due, now))
    });
    let cadence = app
        .config
        .with(|c| cadence_minutes(&c.config.comms_cadence_minutes, severity));
    Clocks {
        severity,
        elapsed: duration_text(incident.elapsed(now)),
        response,
        next_update: Countdown::new(incident.next_update_due(cadence), now),
    }
}

/// "< 15 min · 3 min left": the runbook's target and the countdown to it.
pub fn response_words(clocks: &Clocks, lang: Lang) -> String {
    match &clocks.response {
        Some((target, countdown)) => format!("{} · {}", target.get(lang), countdown.text.get(lang)),
        None => text::NO_RESPONSE_TARGET.get(lang).to_string(),
    }
}

/// "Response: 3 min left", short enough for the bar at 360 px.
fn response_short(clocks: &Clocks, lang: Lang) -> String {
    let left = clocks
        .response
        .as_ref()
        .map_or(text::NO_RESPONSE_TARGET.get(lang), |(_, c)| c.text.get(lang));
    format!("{}: {left}", text::RESPONSE.get(lang))
}

pub fn response_state(clocks: &Clocks) -> &'static str {
    clocks.response.as_ref().map_or("none", |(_, c)| c.state())
}

/// The strip under the header; renders nothing while no incident is open.
#[component]
pub fn IncidentBar() -> impl IntoView {
    let app = use_app();
    let state = Memo::new(move |_| {
        let now = app.now.get();
        app.incident
            .store
            .with(|s| s.active.as_ref().map(|i| (i.status(), clocks(app, i, now))))
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
                        data-state=move || clocks_of().map(|c| response_state(&c))
                    >
                        {words(response_short)}
                    </span>
                    <span
                        class="ib-item ib-countdown"
                        data-testid="next-update"
                        data-state=move || clocks_of().map(|c| c.next_update.state())
                    >
                        {words(|c, lang| format!("{}: {}", text::NEXT_UPDATE.get(lang), c.next_update.text.get(lang)))}
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
                    <p><strong>{app.tr(text::STORAGE_PROBLEM)}</strong> " " <BothLangs text=problem/></p>
                    <button type="button" class="btn-secondary" on:click=move |_| app.incident.problem.set(None)>
                        {app.tr(text::DISMISS)}
                    </button>
                </div>
            }
        })
    }
}
