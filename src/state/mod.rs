//! App-wide reactive state, provided once as context by `App`.

pub mod content;
pub mod incident;
pub mod live;
pub mod observations;
pub mod overrides;
pub mod prefs;
pub mod storage;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use runbook_core::commands::{CommandParams, IncidentWindow};
use runbook_core::config::LoadedConfig;
use runbook_core::i18n::{Bilingual, Lang, LangMode, Text};
use runbook_core::runbook::Runbook;
use runbook_core::signals::age_text;
use runbook_core::ui_text;

use crate::platform::clock::local_time;
use crate::platform::service_worker::UpdateState;

use incident::IncidentStore;
use live::LiveSignals;
use overrides::Overrides;

/// Whether a `config.json` has been read (from the network or the worker's last good copy).
/// Until one has, `AppState::config` holds built-in defaults that describe no real cluster.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigStatus {
    Waiting,
    Failed(Bilingual),
    Loaded,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<LangMode>,
    pub config: RwSignal<LoadedConfig>,
    pub config_status: RwSignal<ConfigStatus>,
    pub runbook: &'static Runbook,
    /// Ticks every second; timers and ages derive from it.
    pub now: RwSignal<DateTime<Utc>>,
    pub live: LiveSignals,
    pub incident: IncidentStore,
    /// Whether the saved incidents are open (`pages::chunks::open_saved_incidents`).
    pub incidents_open: RwSignal<bool>,
    /// The app's owner, for what the incidents chunk sets up after start.
    pub owner: StoredValue<Owner>,
    /// Per-incident replacements for config values in generated commands.
    pub overrides: Overrides,
    pub online: RwSignal<bool>,
    pub update: UpdateState,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The language for UI chrome.
    pub fn ui_lang(&self) -> Lang {
        self.lang.get().primary()
    }

    /// A reactive closure giving `text` in the current UI language.
    pub fn tr(&self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let lang = self.lang;
        move || text.get(lang.get().primary())
    }

    /// [`AppState::tr`] as an owned string, for props that take a `Signal<String>`.
    pub fn tr_string(&self, text: Text) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        let tr = self.tr(text);
        move || tr().to_string()
    }

    /// When live data last arrived, as local time and age, or "never".
    pub fn last_sync_text(&self) -> String {
        let lang = self.ui_lang();
        self.live.last_sync.get().map_or_else(
            || ui_text::NEVER.get(lang).to_string(),
            |t| format!("{} ({})", local_time(t), age_text(t, self.now.get()).get(lang)),
        )
    }

    /// Why no command can be generated yet: no config.json has loaded. `None` once one has.
    pub fn config_missing(&self) -> Option<Bilingual> {
        self.config_status.with(|s| match s {
            ConfigStatus::Waiting => Some(ui_text::CONFIG_WAITING.into()),
            ConfigStatus::Failed(why) => Some(ui_text::config_failed(why)),
            ConfigStatus::Loaded => None,
        })
    }

    /// Parameters for generated commands: config, this incident's overrides and its span.
    pub fn command_params(&self) -> CommandParams {
        let window = self.incident.read_active(|i| IncidentWindow {
            start: i.started_at,
            end: self.now.get(),
        });
        let overrides = self.overrides.current(self.incident);
        self.config.with(|c| CommandParams::new(&c.config, &overrides, window))
    }
}
