//! The incident session in localStorage. Every write re-reads what is saved and merges this
//! tab's changes into it (`runbook_core::incident::merge`), so two tabs, or a tab restored from
//! the back/forward cache, lose nothing. Saved data this version cannot read whole is never
//! written over (read-only mode); data that is set aside goes to a backup key, never deleted.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use runbook_core::i18n::Bilingual;
use runbook_core::incident::{self, Incident, LoadOutcome, Store};
use runbook_core::tree::{Path, Tree};

use super::storage;

const KEY: &str = "incident-runbook.incidents";
const BACKUP_KEY_PREFIX: &str = "incident-runbook.incidents.backup.";
/// Backups kept; older ones are removed when a new one is written.
const MAX_BACKUPS: usize = 3;

#[derive(Clone, Copy)]
pub struct IncidentStore {
    store: RwSignal<Store>,
    /// Problems reading or writing storage, shown in a banner.
    problem: RwSignal<Option<Bilingual>>,
    /// Why the saved data is not written over (it could not be read whole, or is from a newer
    /// version); changes stay in this tab until it is exported or set aside.
    read_only: RwSignal<Option<Bilingual>>,
    /// The backup key the saved incidents were moved to because the last start crashed.
    safe_mode: RwSignal<Option<String>>,
    /// The saved store as this tab last read or wrote it: what its changes are merged against.
    base: StoredValue<Store>,
    /// Whether the saved incidents are open (`pages::chunks::open_saved_incidents`).
    opened: RwSignal<bool>,
    /// The app's owner, for what opening the incidents sets up after start.
    owner: StoredValue<Owner>,
}

pub fn use_incidents() -> IncidentStore {
    expect_context::<IncidentStore>()
}

/// Moves `raw` to a new backup key (keeping the newest [`MAX_BACKUPS`]) and returns that key.
fn write_backup(raw: &str, now: DateTime<Utc>) -> Result<String, String> {
    let stamp = format!("{BACKUP_KEY_PREFIX}{}", runbook_core::time_text::compact_utc(&now));
    let mut key = stamp.clone();
    let mut n = 1;
    while storage::read(&key).is_some_and(|held| held != raw) {
        n += 1;
        key = format!("{stamp}-{n}");
    }
    storage::write(&key, raw)?;
    let mut backups: Vec<String> = storage::keys()
        .into_iter()
        .filter(|k| k.starts_with(BACKUP_KEY_PREFIX))
        .collect();
    // Timestamps sort as text; a "-n" suffix sorts after its second.
    backups.sort();
    let surplus = backups.len().saturating_sub(MAX_BACKUPS);
    for old in backups.into_iter().take(surplus).filter(|k| *k != key) {
        storage::remove(&old);
    }
    Ok(key)
}

/// Moves the saved incidents to a backup key, so the next start begins empty. `Ok(None)` when
/// nothing was saved.
pub fn set_aside() -> Result<Option<String>, String> {
    let Some(raw) = storage::read(KEY) else { return Ok(None) };
    let key = write_backup(&raw, Utc::now())?;
    storage::remove(KEY);
    Ok(Some(key))
}

impl IncidentStore {
    /// Whether any incident data is saved in this browser (read as text, not parsed).
    pub fn anything_saved() -> bool {
        storage::read(KEY).is_some()
    }

    /// Calls `saved` when another tab writes the incidents.
    pub fn on_saved_elsewhere(saved: impl Fn() + 'static) {
        storage::on_change_elsewhere(KEY, move |_| saved());
    }

    /// An empty store; [`IncidentStore::open`] reads the saved incidents into it, under `owner`.
    pub fn new(owner: Owner) -> IncidentStore {
        IncidentStore {
            opened: RwSignal::new(false),
            owner: StoredValue::new(owner),
            store: RwSignal::new(Store::default()),
            problem: RwSignal::new(None),
            read_only: RwSignal::new(None),
            safe_mode: RwSignal::new(None),
            base: StoredValue::new(Store::default()),
        }
    }

    /// Reads the saved incidents and follows other tabs' writes from then on. `safe_mode`: the
    /// last start crashed, so the saved incidents are set aside first. Runs from the incidents
    /// chunk (`pages::chunks`), which holds the reading, upgrading and merging code.
    pub fn open(self, safe_mode: bool) {
        let set_aside_key = if safe_mode { set_aside() } else { Ok(None) };
        let outcome = incident::load(storage::read(KEY).as_deref());
        self.base.set_value(outcome.store.clone());
        self.store.set(outcome.store.clone());
        match set_aside_key {
            Ok(key) => self.safe_mode.set(key),
            Err(e) => self.problem.set(Some(Bilingual::new(
                format!("The last start crashed, and the saved incidents could not be set aside ({e})."),
                format!("上次启动时崩溃,且无法另存已保存的事件({e})。"),
            ))),
        }
        self.take_outcome(outcome);
        self.follow_other_tabs();
    }

    /// The owner opening the incidents runs under (the app's).
    pub fn owner(self) -> Owner {
        self.owner.get_value()
    }

    /// The saved incidents are open: pages and the incident bar may read them.
    pub fn mark_open(self) {
        self.opened.set(true);
    }

    /// Whether the saved incidents are open (tracked).
    pub fn is_open(self) -> bool {
        self.opened.get()
    }

    /// A problem reading or writing storage, until dismissed (tracked).
    pub fn problem(self) -> Option<Bilingual> {
        self.problem.get()
    }

    pub fn dismiss_problem(self) {
        self.problem.set(None);
    }

    /// Why the saved incidents are not written over, while they are not (tracked).
    pub fn read_only_reason(self) -> Option<Bilingual> {
        self.read_only.get()
    }

    /// The backup key the saved incidents were set aside to after a crash while starting (tracked).
    pub fn safe_mode_backup(self) -> Option<String> {
        self.safe_mode.get()
    }

    fn take_outcome(self, outcome: LoadOutcome) {
        if outcome.read_only {
            self.read_only.set(outcome.message);
            return;
        }
        if let Some(message) = outcome.message {
            self.problem.set(Some(message));
        }
        if let Some(raw) = outcome.recovered_backup {
            if let Err(e) = write_backup(&raw, Utc::now()) {
                self.problem.set(Some(Bilingual::new(
                    format!("Saved incident data was upgraded but could not be backed up ({e})."),
                    format!("已保存的事件数据已升级,但无法备份({e})。"),
                )));
            }
        }
    }

    /// Another tab saved, or this page came back from the back/forward cache: take what is saved
    /// now, merged with this tab's own. Tabs see each other's writes late, so the other tab may
    /// have written over an entry of ours it had not seen yet: the merge keeps it, and it is
    /// written back.
    fn follow_other_tabs(self) {
        let follow = move |raw: Option<String>| {
            if self.read_only.get_untracked().is_some() {
                return;
            }
            let outcome = incident::load(raw.as_deref());
            if outcome.read_only {
                self.read_only.set(outcome.message);
                return;
            }
            self.merge_into(outcome.store);
        };
        storage::on_change_elsewhere(KEY, follow);
        storage::on_back_forward_restore(move || follow(storage::read(KEY)));
    }

    pub fn update<R>(self, change: impl FnOnce(&mut Store) -> R) -> R {
        let had_active = self.has_active_untracked();
        let result = self.store.try_update(change).expect("store signal lives for the app");
        self.save();
        if !had_active && self.has_active_untracked() {
            storage::request_persistence();
        }
        result
    }

    fn has_active_untracked(self) -> bool {
        self.store.with_untracked(|s| s.active.is_some())
    }

    /// Merges this tab's changes into what is saved now, and writes the result.
    fn save(self) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let saved = incident::load(storage::read(KEY).as_deref());
        if saved.read_only {
            // Written meanwhile by a newer version, or damaged: not ours to write over.
            self.read_only.set(saved.message);
            return;
        }
        self.merge_into(saved.store);
    }

    /// Merges this tab's changes into `saved` (what storage holds now), writes the result if it
    /// differs, and shows it.
    fn merge_into(self, saved: Store) {
        let merged = self
            .base
            .with_value(|base| self.store.with_untracked(|ours| incident::merge(base, ours, &saved)));
        if merged != saved {
            if let Err(e) = storage::write(KEY, &merged.to_json()) {
                self.problem.set(Some(Bilingual::new(
                    format!("Could not save the incident in this browser ({e}). Export it to keep a copy."),
                    format!("无法在此浏览器中保存事件({e})。请导出以保留副本。"),
                )));
                return;
            }
        }
        self.base.set_value(merged.clone());
        if self.store.with_untracked(|s| *s != merged) {
            self.store.set(merged);
        }
    }

    /// Read-only mode ends: the saved data goes to a backup key and this tab's store is saved.
    pub fn set_aside_and_save(self) -> Result<(), String> {
        set_aside()?;
        self.base.set_value(Store::default());
        self.read_only.set(None);
        self.save();
        Ok(())
    }

    /// Reads the saved incidents as a whole (tracked): past ones, for lists and exports.
    pub fn read<T>(self, read: impl FnOnce(&Store) -> T) -> T {
        self.store.with(read)
    }

    /// Reads the open incident (tracked); `None` while none is open.
    pub fn read_active<T>(self, read: impl FnOnce(&Incident) -> T) -> Option<T> {
        self.store.with(|s| s.active.as_ref().map(read))
    }

    /// [`IncidentStore::read_active`] without tracking, for event handlers.
    pub fn read_active_untracked<T>(self, read: impl FnOnce(&Incident) -> T) -> Option<T> {
        self.store.with_untracked(|s| s.active.as_ref().map(read))
    }

    /// Reads the incident messages are about: the open one, else the one resolved last (tracked).
    pub fn read_current<T>(self, read: impl FnOnce(&Incident) -> T) -> Option<T> {
        self.store.with(|s| s.current().map(read))
    }

    /// [`IncidentStore::read_current`] without tracking.
    pub fn read_current_untracked<T>(self, read: impl FnOnce(&Incident) -> T) -> Option<T> {
        self.store.with_untracked(|s| s.current().map(read))
    }

    pub fn active_id(self) -> Option<String> {
        self.read_active(|i| i.id.clone())
    }

    pub fn active(self) -> Option<Incident> {
        self.store.with(|s| s.active.clone())
    }

    pub fn has_active(self) -> bool {
        self.store.with(|s| s.active.is_some())
    }

    /// Applies `change` to the active incident, if there is one.
    pub fn change_active<R>(self, change: impl FnOnce(&mut Incident, DateTime<Utc>) -> R) -> Option<R> {
        self.update(|s| s.active.as_mut().map(|i| change(i, Utc::now())))
    }

    pub fn log_copied(self, what: &Bilingual) {
        self.change_active(|i, now| i.record_command_copied(what, now));
    }

    pub fn log_download(self, what: &Bilingual) {
        self.change_active(|i, now| i.record_download(what, now));
    }

    pub fn log_message_sent(self, what: &Bilingual) {
        self.change_active(|i, now| i.record_message_sent(what, now));
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
        self.change_active(|incident, now| {
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
        self.change_active(|incident, _| incident.restart_wizard());
    }
}
