//! Live triage signals: polled through the proxy while the tab is visible, at most one request
//! in flight per signal, backing off on failure; the last good values survive a reload.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::signals::error_rate::ErrorRates;
use runbook_core::signals::fetch::FetchFailure;
use runbook_core::signals::health::HealthStatus;
use runbook_core::signals::prometheus::RangeAnswer;
use runbook_core::signals::query::Window;
use runbook_core::signals::refresh::next_delay;
use runbook_core::signals::vendor::VendorStatus;
use runbook_core::signals::{Reading, Signal};
use serde::{Deserialize, Serialize};

use runbook_core::i18n::Lang;
use runbook_core::incident::{LiveSnapshot, SignalSnapshot};
use runbook_core::signals::age_text;
use runbook_core::tree::Observations;
use runbook_core::ui_text;

use super::clock::Now;
use super::config::Config;
use super::content::Content;
use super::library::Library;
use super::storage;
use crate::api::triage::{self, Fetched, FromPrometheus};
use crate::platform::clock::local_time;

const SNAPSHOT_KEY: &str = "incident-runbook.live";
const WAKE_CHECK_MS: u32 = 250;

#[derive(Clone, Copy)]
pub struct LiveSignals {
    vendor: RwSignal<Signal<VendorStatus>>,
    health: RwSignal<Signal<HealthStatus>>,
    errors: RwSignal<Signal<ErrorRates>>,
    series: RwSignal<Signal<RangeAnswer>>,
    window: RwSignal<Window>,
    /// The primary Prometheus' failure while the backup is used (or also failed).
    primary_failure: RwSignal<Option<FetchFailure>>,
    /// Bumped by "Refresh now": sleeping pollers wake up.
    refresh_requests: RwSignal<u32>,
    last_sync: RwSignal<Option<DateTime<Utc>>>,
    started: RwSignal<bool>,
    config: Config,
    library: Library,
    now: Now,
}

pub fn use_live() -> LiveSignals {
    expect_context::<LiveSignals>()
}

/// What is kept in localStorage so an offline reload still shows the last values with their age.
#[derive(Default, Serialize, Deserialize)]
struct Snapshot {
    /// The runbook whose integration the values are of (none: saved before the library).
    #[serde(default)]
    runbook: Option<String>,
    vendor: Option<Reading<VendorStatus>>,
    health: Option<Reading<HealthStatus>>,
    errors: Option<Reading<ErrorRates>>,
    last_sync: Option<DateTime<Utc>>,
}

fn from_reading<T>(reading: Option<Reading<T>>) -> Signal<T> {
    reading.map_or(Signal::Pending, Signal::Fresh)
}

impl LiveSignals {
    /// The last saved values, not polled yet; `config` says where to ask, the library's current
    /// runbook which integration. Another runbook opened: its integration's values, asked now.
    pub fn new(config: Config, library: Library, now: Now) -> LiveSignals {
        let snapshot = saved_snapshot(library.current_untracked().map(Content::id));
        let live = LiveSignals {
            vendor: RwSignal::new(from_reading(snapshot.vendor)),
            health: RwSignal::new(from_reading(snapshot.health)),
            errors: RwSignal::new(from_reading(snapshot.errors)),
            series: RwSignal::new(Signal::Pending),
            window: RwSignal::new(Window::default()),
            primary_failure: RwSignal::new(None),
            refresh_requests: RwSignal::new(0),
            last_sync: RwSignal::new(snapshot.last_sync),
            started: RwSignal::new(false),
            config,
            library,
            now,
        };
        let runbook = Memo::new(move |_| library.current().map(Content::id));
        Effect::new(move |previous: Option<Option<&'static str>>| {
            let now_on = runbook.get();
            if let Some(Some(before)) = previous {
                if now_on.is_some_and(|id| id != before) {
                    live.switch_to(now_on);
                }
            }
            now_on.or(previous.flatten())
        });
        live
    }

    /// The values of another runbook's integration: its saved ones, then asked at once.
    fn switch_to(self, runbook: Option<&str>) {
        let snapshot = saved_snapshot(runbook);
        self.vendor.set(from_reading(snapshot.vendor));
        self.health.set(from_reading(snapshot.health));
        self.errors.set(from_reading(snapshot.errors));
        self.series.set(Signal::Pending);
        self.primary_failure.set(None);
        self.last_sync.set(snapshot.last_sync);
        self.refresh_now();
    }

    pub fn vendor(self) -> ReadSignal<Signal<VendorStatus>> {
        self.vendor.read_only()
    }

    pub fn health(self) -> ReadSignal<Signal<HealthStatus>> {
        self.health.read_only()
    }

    pub fn errors(self) -> ReadSignal<Signal<ErrorRates>> {
        self.errors.read_only()
    }

    /// The error-rate chart's series over [`LiveSignals::window`].
    pub fn series(self) -> ReadSignal<Signal<RangeAnswer>> {
        self.series.read_only()
    }

    /// The chart's window (tracked).
    pub fn window(self) -> Window {
        self.window.get()
    }

    /// Shows the chart over `window`; its series is fetched again right away.
    pub fn set_window(self, window: Window) {
        self.window.set(window);
    }

    /// The primary Prometheus' failure while the backup answers (tracked).
    pub fn primary_failure(self) -> Option<FetchFailure> {
        self.primary_failure.get()
    }

    /// When live data last arrived, as local time and age, or "never" (tracked, ages each second).
    pub fn last_sync_text(self, lang: Lang) -> String {
        self.last_sync.get().map_or_else(
            || ui_text::NEVER.get(lang).to_string(),
            |t| format!("{} ({})", local_time(t), age_text(t, self.now.get()).get(lang)),
        )
    }

    /// The signals as the decision tree's evidence. Tracked: re-read when a signal, the config
    /// or the clock changes (staleness needs the time).
    pub fn observations(self) -> Observations {
        let now = self.now.get();
        self.config.with(|c| {
            self.vendor.with(|vendor| {
                self.health.with(|health| {
                    self.errors.with(|errors| {
                        let runbook = self.library.current().map(|c| c.runbook());
                        let name = runbook.map(|r| &r.vendor);
                        let interval = c.refresh.interval_secs;
                        Observations::for_vendor(name, vendor, health, errors, &c.thresholds, interval, now)
                    })
                })
            })
        })
    }

    /// What the signals say now, for an evidence bundle.
    pub fn snapshot_untracked(self) -> LiveSnapshot {
        LiveSnapshot {
            vendor: self.vendor.with_untracked(SignalSnapshot::of),
            health: self.health.with_untracked(SignalSnapshot::of),
            errors: self.errors.with_untracked(SignalSnapshot::of),
        }
    }

    /// Starts polling on first use (triage or wizard opened); later calls do nothing.
    pub fn ensure_started(self) {
        if self.started.get_untracked() {
            return;
        }
        self.started.set(true);
        let wake = move || self.refresh_requests.get_untracked();
        self.poll(self.vendor, wake, triage::vendor_status);
        let library = self.library;
        self.poll(self.health, wake, move |cfg| {
            let service = library.current_untracked().map(|c| c.runbook().health_service.clone());
            triage::health(cfg, service.unwrap_or_default())
        });
        self.poll(self.errors, wake, move |cfg| {
            let live = self;
            async move { live.note_primary(triage::error_rates(cfg).await) }
        });
        let window = self.window;
        let wake_on_window = move || (wake(), window.get_untracked());
        self.poll(self.series, wake_on_window, move |cfg| {
            let live = self;
            async move { live.note_primary(triage::error_series(cfg, window.get_untracked()).await) }
        });
    }

    pub fn refresh_now(self) {
        self.refresh_requests.update(|n| *n = n.wrapping_add(1));
    }

    fn note_primary<T>(self, fetched: FromPrometheus<T>) -> Fetched<T> {
        self.primary_failure.set(fetched.primary_failure);
        fetched.result
    }

    fn poll<T, W, F, Fut>(self, target: RwSignal<Signal<T>>, wake: impl Fn() -> W + 'static, fetch: F)
    where
        T: Send + Sync + 'static,
        W: PartialEq,
        F: Fn(runbook_core::config::DeployConfig) -> Fut + 'static,
        Fut: Future<Output = Fetched<T>> + 'static,
    {
        spawn_local(async move {
            // Until config.json has answered, the endpoints and metric are not this deployment's.
            self.config.answered().await;
            loop {
                wait_until_visible().await;
                let cfg = self.config.get_untracked();
                let outcome = fetch(cfg.clone()).await;
                let now = Utc::now();
                match outcome {
                    Ok((value, source)) => {
                        target.update(|s| s.record_success(value, source, now));
                        self.last_sync.set(Some(now));
                        self.save();
                    }
                    Err(failure) => target.update(|s| s.record_failure(failure, now)),
                }
                let (failures, retry_after) =
                    target.with_untracked(|s| (s.consecutive_failures(), s.failure().and_then(|f| f.retry_after(now))));
                let refresh = &cfg.refresh;
                let delay = next_delay(
                    failures,
                    refresh.interval_secs,
                    refresh.max_backoff_secs,
                    js_sys::Math::random(),
                    retry_after,
                );
                sleep_unless_woken(delay, &wake).await;
            }
        });
    }

    fn save(self) {
        let snapshot = Snapshot {
            runbook: self.library.current_untracked().map(|c| c.id().to_string()),
            vendor: self.vendor.with_untracked(reading),
            health: self.health.with_untracked(reading),
            errors: self.errors.with_untracked(reading),
            last_sync: self.last_sync.get_untracked(),
        };
        if let Ok(json) = serde_json::to_string(&snapshot) {
            // Losing the snapshot only loses the offline view of old values.
            let _ = storage::write(SNAPSHOT_KEY, &json);
        }
    }
}

/// The values last saved for `runbook`'s integration (a snapshot from before the library was the
/// first runbook's).
fn saved_snapshot(runbook: Option<&str>) -> Snapshot {
    let snapshot: Snapshot = storage::read(SNAPSHOT_KEY)
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default();
    if snapshot.runbook.as_deref() == runbook || (snapshot.runbook.is_none() && runbook.is_some()) {
        snapshot
    } else {
        Snapshot::default()
    }
}

fn reading<T: Clone>(signal: &Signal<T>) -> Option<Reading<T>> {
    signal.reading().cloned()
}

fn tab_hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

async fn wait_until_visible() {
    while tab_hidden() {
        gloo_timers::future::TimeoutFuture::new(1_000).await;
    }
}

/// Sleeps for `delay`, returning early when `wake()` changes (refresh button, new window).
async fn sleep_unless_woken<W: PartialEq>(delay: Duration, wake: &impl Fn() -> W) {
    let start = wake();
    let mut left = delay.as_millis() as u64;
    while left > 0 && wake() == start {
        let step = left.min(u64::from(WAKE_CHECK_MS));
        gloo_timers::future::TimeoutFuture::new(step as u32).await;
        left -= step;
    }
}
