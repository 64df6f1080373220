//! The frame every live check is shown in: verdict in words (never colour alone), value,
//! fetched-at time and age, and the named failure when the signal is unknown.

use leptos::prelude::*;
use runbook_core::i18n::{Bilingual, Text};
use runbook_core::signals::{age_text, Signal};
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::platform::clock::local_time;
use crate::state::clock::use_now;
use crate::state::prefs::use_prefs;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Warn,
    Bad,
    Unknown,
}

impl Verdict {
    fn text(self) -> Text {
        match self {
            Verdict::Ok => ui::VERDICT_OK,
            Verdict::Warn => ui::VERDICT_WARN,
            Verdict::Bad => ui::VERDICT_BAD,
            Verdict::Unknown => ui::VERDICT_UNKNOWN,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Verdict::Ok => "verdict verdict-ok",
            Verdict::Warn => "verdict verdict-warn",
            Verdict::Bad => "verdict verdict-bad",
            Verdict::Unknown => "verdict verdict-unknown",
        }
    }
}

/// `verdict` is only consulted for a fresh value: a failing or pending signal is Unknown.
#[component]
pub fn SignalCard<T, V, IV>(
    #[prop(into)] title: Bilingual,
    signal: ReadSignal<Signal<T>>,
    verdict: V,
    body: impl Fn(&T) -> IV + Send + Sync + 'static,
    testid: &'static str,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: Fn(&T) -> Verdict + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let prefs = use_prefs();
    let now = use_now();
    let verdict = StoredValue::new(verdict);
    let shown_verdict = move || {
        signal.with(|s| match s {
            Signal::Fresh(r) => verdict.with_value(|v| v(&r.value)),
            _ => Verdict::Unknown,
        })
    };
    let failure = move || signal.with(|s| s.failure().map(|f| f.message()));
    let stale = move || signal.with(|s| s.stale_note(now.get()));
    let reading_view = move || {
        signal.with(|s| {
            s.reading().map(|r| {
                let age = age_text(r.fetched_at, now.get());
                let lang = prefs.ui_lang();
                view! {
                    <div class="reading">{body(&r.value)}</div>
                    <p class="fetched">
                        {ui::FETCHED.get(lang)} " " {local_time(r.fetched_at)} " (" {age.get(lang).to_string()} ") · "
                        {ui::SOURCE.get(lang)} ": " {r.source.label().get(lang)}
                    </p>
                }
            })
        })
    };
    view! {
        <article
            class="card signal-card"
            data-testid=testid
            data-verdict=move || match shown_verdict() {
                Verdict::Ok => "ok",
                Verdict::Warn => "warn",
                Verdict::Bad => "bad",
                Verdict::Unknown => "unknown",
            }
        >
            <header class="card-head">
                <h2>{move || title.get(prefs.ui_lang()).to_string()}</h2>
                <span class=move || shown_verdict().class()>{move || shown_verdict().text().get(prefs.ui_lang())}</span>
            </header>
            <Show when=move || signal.with(|s| matches!(s, Signal::Pending))>
                <p class="muted">{prefs.tr(ui::LOADING)}</p>
            </Show>
            {move || {
                failure()
                    .map(|m| {
                        view! {
                            <p class="failure" role="status">
                                <BothLangs text=m />
                            </p>
                        }
                    })
            }}
            {move || {
                stale()
                    .map(|m| {
                        view! {
                            <p class="stale">
                                <BothLangs text=m />
                            </p>
                        }
                    })
            }}
            {reading_view}
        </article>
    }
}
