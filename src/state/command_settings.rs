//! What generated commands are filled with: config.json's values, this incident's overrides and
//! its span. Overrides are remembered in this browser for one incident only. They never hold a
//! secret: `ParamOverrides` has no field that could carry an API key.
//!
//! The overrides belong to the incident that was open when they were set (or to "no incident"):
//! once it ends, or another one starts, they are dropped, so a value from one incident's alert
//! link never targets the next one.

use leptos::prelude::*;
use runbook_core::commands::{CommandParams, IncidentWindow, ParamField, ParamOverrides};
use serde::{Deserialize, Serialize};

use super::clock::Now;
use super::config::Config;
use super::incident::IncidentStore;
use super::storage;

const KEY: &str = "incident-runbook.overrides.v2";
/// Overrides from before they were scoped to an incident: nobody can tell which incident they
/// were for, so they are dropped.
const UNSCOPED_KEY: &str = "incident-runbook.overrides";

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
struct Saved {
    incident: Option<String>,
    values: ParamOverrides,
}

#[derive(Clone, Copy)]
pub struct CommandSettings {
    values: RwSignal<ParamOverrides>,
    /// The incident `values` were set for; `None` while no incident is open.
    incident: RwSignal<Option<String>>,
    config: Config,
    incidents: IncidentStore,
    now: Now,
}

pub fn use_command_settings() -> CommandSettings {
    expect_context::<CommandSettings>()
}

impl CommandSettings {
    /// No overrides yet; [`CommandSettings::load`] reads the saved ones once the incidents are open.
    pub fn new(config: Config, incidents: IncidentStore, now: Now) -> CommandSettings {
        CommandSettings {
            values: RwSignal::new(ParamOverrides::default()),
            incident: RwSignal::new(None),
            config,
            incidents,
            now,
        }
    }

    /// Reads the saved overrides and keeps them saved and scoped to the open incident. Call after
    /// the incidents are open, or the saved overrides would be taken for another incident's.
    pub fn load(self) {
        let incidents = self.incidents;
        storage::remove(UNSCOPED_KEY);
        let saved: Saved = storage::read(KEY)
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default();
        let overrides = self;
        overrides.begin(saved.incident, saved.values);
        Effect::new(move || {
            let active = incidents.active_id();
            if overrides.incident.with_untracked(|i| *i != active) {
                overrides.begin(active, ParamOverrides::default());
            }
        });
        Effect::new(move || {
            let saved = Saved {
                incident: overrides.incident.get(),
                values: overrides.values.get(),
            };
            if let Ok(json) = serde_json::to_string(&saved) {
                // Losing overrides only means retyping them.
                let _ = storage::write(KEY, &json);
            }
        });
    }

    /// Starts `incident`'s overrides with `values`, dropping any others.
    pub fn begin(self, incident: Option<String>, values: ParamOverrides) {
        self.incident.set(incident);
        self.values.set(values);
    }

    /// The value typed for `field` (tracked), whichever incident it was typed for.
    pub fn typed(self, field: ParamField) -> Option<String> {
        self.values.with(|o| o.get(field).map(str::to_string))
    }

    /// Replaces `field`'s value for this incident; `None` goes back to config.json's.
    pub fn set(self, field: ParamField, value: Option<String>) {
        self.values.update(|o| o.set(field, value));
    }

    /// Whether any value differs from config.json's (tracked).
    pub fn any_changed(self) -> bool {
        self.values.with(|o| *o != ParamOverrides::default())
    }

    /// Back to config.json's values for every field.
    pub fn clear(self) {
        self.values.set(ParamOverrides::default());
    }

    /// Parameters for generated commands: config, this incident's overrides and its span (tracked).
    pub fn params(self) -> CommandParams {
        let window = self.incidents.read_active(|i| IncidentWindow {
            start: i.started_at,
            end: self.now.get(),
        });
        let overrides = self.current();
        self.config.with(|c| CommandParams::new(c, &overrides, window))
    }

    /// The overrides that apply now: none when they were set for another incident.
    pub fn current(self) -> ParamOverrides {
        let active = self.incidents.active_id();
        if self.incident.with(|i| *i == active) {
            self.values.get()
        } else {
            ParamOverrides::default()
        }
    }
}
