//! Command parameter overrides, remembered in this browser for one incident only. They never
//! hold a secret: `ParamOverrides` has no field that could carry an API key.
//!
//! The overrides belong to the incident that was open when they were set (or to "no incident"):
//! once it ends, or another one starts, they are dropped, so a value from one incident's alert
//! link never targets the next one.

use leptos::prelude::*;
use runbook_core::commands::ParamOverrides;
use serde::{Deserialize, Serialize};

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
pub struct Overrides {
    pub values: RwSignal<ParamOverrides>,
    /// The incident `values` were set for; `None` while no incident is open.
    pub incident: RwSignal<Option<String>>,
}

fn active_id(incidents: IncidentStore) -> Option<String> {
    incidents.active_id()
}

impl Overrides {
    /// None yet; [`Overrides::load`] reads the saved ones once the incidents are open.
    pub fn new() -> Overrides {
        Overrides {
            values: RwSignal::new(ParamOverrides::default()),
            incident: RwSignal::new(None),
        }
    }

    /// Reads the saved overrides and keeps them saved and scoped to the open incident. Call after
    /// the incidents are open, or the saved overrides would be taken for another incident's.
    pub fn load(self, incidents: IncidentStore) {
        storage::remove(UNSCOPED_KEY);
        let saved: Saved = storage::read(KEY)
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default();
        let overrides = self;
        overrides.begin(saved.incident, saved.values);
        Effect::new(move || {
            let active = active_id(incidents);
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

    /// The overrides that apply now: none when they were set for another incident.
    pub fn current(self, incidents: IncidentStore) -> ParamOverrides {
        let active = active_id(incidents);
        if self.incident.with(|i| *i == active) {
            self.values.get()
        } else {
            ParamOverrides::default()
        }
    }
}
