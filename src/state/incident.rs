//! The incident session in localStorage, written on every change. Unreadable data is kept
//! aside under a backup key and reported; it never stops the app.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{self, Incident, Store};
use runbook_core::tree::{Path, Tree};

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
        let incidents = IncidentStore {
            store: RwSignal::new(outcome.store),
            problem: RwSignal::new(problem),
        };
        incidents.follow_other_tabs();
        incidents
    }

    /// Another tab changed the incident: take its saved state, so neither tab overwrites the
    /// other's work with an older copy. Unreadable data from there is left to that tab.
    fn follow_other_tabs(self) {
        storage::on_change_elsewhere(KEY, move |raw| {
            let outcome = incident::load(raw.as_deref());
            if outcome.message.is_none() {
                self.store.set(outcome.store);
            }
        });
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

    /// Records in the active incident the answers of `wanted` (the wizard's path) that it does
    /// not already have, in order, each with the evidence `evidence_for` gives for its question.
    /// `None` when no incident is open.
    pub fn record_wizard_answers(
        self,
        tree: &Tree,
        wanted: &Path,
        evidence_for: impl Fn(&str) -> Option<Bilingual>,
    ) -> Option<Result<(), Bilingual>> {
        self.with_active(|incident, now| {
            let same = incident
                .path()
                .steps
                .iter()
                .zip(&wanted.steps)
                .take_while(|(had, new)| had == new)
                .count();
            for step in &wanted.steps[same..] {
                let evidence = evidence_for(&step.node);
                incident.record_answer(tree, &step.node, step.answer, step.source, evidence.as_ref(), now)?;
            }
            Ok(())
        })
    }

    /// The wizard was restarted: the incident's place in it is cleared (nothing is recorded).
    pub fn restart_wizard(self) {
        self.with_active(|incident, _| incident.restart_wizard());
    }
}
