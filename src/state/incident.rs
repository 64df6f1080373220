//! The incident session in localStorage, written on every change. Unreadable data is kept
//! aside under a backup key and reported; it never stops the app.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{self, Incident, Store};

use super::storage;

const KEY: &str = "incident-runbook.incidents";
const BACKUP_KEY_PREFIX: &str = "incident-runbook.incidents.backup.";

#[derive(Clone, Copy)]
pub struct IncidentStore {
    pub store: RwSignal<Store>,
    /// Problems reading or writing storage, shown in a banner.
    pub problem: RwSignal<Option<Bilingual>>,
}

impl IncidentStore {
    pub fn load() -> IncidentStore {
        let outcome = incident::load(storage::read(KEY).as_deref());
        let mut problem = outcome.message;
        if let Some(raw) = outcome.recovered_backup {
            let key = format!("{BACKUP_KEY_PREFIX}{}", Utc::now().format("%Y%m%dT%H%M%SZ"));
            if let Err(e) = storage::write(&key, &raw) {
                problem = Some(Bilingual::new(
                    format!("Saved incident data was unreadable and could not be backed up ({e})."),
                    format!("已保存的事件数据无法读取,且无法备份({e})。"),
                ));
            }
        }
        IncidentStore { store: RwSignal::new(outcome.store), problem: RwSignal::new(problem) }
    }

    pub fn update<R>(self, change: impl FnOnce(&mut Store) -> R) -> R {
        let result = self.store.try_update(change).expect("store signal lives for the app");
        self.save();
        result
    }

    fn save(self) {
        let json = self.store.with_untracked(Store::to_json);
        if let Err(e) = storage::write(KEY, &json) {
            self.problem.set(Some(Bilingual::new(
                format!("Could not save the incident in this browser ({e}). Export it to keep a copy."),
                format!("无法在此浏览器中保存事件({e})。请导出以保留副本。"),
            )));
        }
    }

    pub fn active(self) -> Option<Incident> {
        self.store.with(|s| s.active.clone())
    }

    pub fn has_active(self) -> bool {
        self.store.with(|s| s.active.is_some())
    }

    /// Applies `change` to the active incident, if there is one.
    pub fn with_active<R>(self, change: impl FnOnce(&mut Incident, DateTime<Utc>) -> R) -> Option<R> {
        self.update(|s| s.active.as_mut().map(|i| change(i, Utc::now())))
    }

    pub fn log_copied(self, what: &Bilingual) {
        self.with_active(|i, now| i.record_command_copied(what, now));
    }

    pub fn log_download(self, what: &Bilingual) {
        self.with_active(|i, now| i.record_download(what, now));
    }

    pub fn log_message_sent(self, what: &Bilingual) {
        self.with_active(|i, now| i.record_message_sent(what, now));
    }
}
