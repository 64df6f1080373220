use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::merge;
use crate::i18n::Lang;
use crate::incident::{EntryKind, EntryText, Incident, IncidentContext, NewIncident, Status, Store, Timeline};
use crate::severity::Severity;

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap() + Duration::minutes(min)
}

fn incident(id: &str) -> Incident {
    Incident::start(
        NewIncident {
            id: id.into(),
            severity: Severity::P2,
            commander: "alice".into(),
            impact: String::new(),
            context: IncidentContext::default(),
            started_at: Some(t(0)),
        },
        t(0),
    )
}

fn with_active(id: &str) -> Store {
    let mut s = Store::default();
    s.open(incident(id)).unwrap();
    s
}

fn notes(i: &Incident) -> Vec<&str> {
    let entries = i.timeline().entries().iter();
    entries
        .filter(|e| e.kind == EntryKind::Note)
        .map(|e| e.text.get(Lang::En))
        .collect()
}

fn add_note(s: &mut Store, text: &str, min: i64) {
    s.active.as_mut().unwrap().add_note(text, None, t(min)).unwrap();
}

#[test]
fn notes_added_in_two_tabs_at_once_are_both_kept_under_distinct_ids() {
    let base = with_active("inc");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    add_note(&mut theirs, "from the other tab", 1);
    add_note(&mut ours, "from this tab", 2);
    let merged = merge(&base, &ours, &theirs);
    let active = merged.active.as_ref().unwrap();
    assert_eq!(notes(active), ["from the other tab", "from this tab"]);
    let mut ids: Vec<u32> = active.timeline().entries().iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), active.timeline().entries().len());
    // Saving the merge again changes nothing.
    assert_eq!(merge(&merged, &merged, &merged), merged);
    assert_eq!(merge(&base, &ours, &merged), merged);
}

#[test]
fn a_stale_tab_keeps_the_saved_changes_it_never_saw() {
    let base = with_active("inc");
    let mut theirs = base.clone();
    add_note(&mut theirs, "one", 1);
    add_note(&mut theirs, "two", 2);
    theirs.active.as_mut().unwrap().set_severity(Severity::P1, None, t(3));
    let mut ours = base.clone();
    add_note(&mut ours, "three", 4);
    let merged = merge(&base, &ours, &theirs);
    let active = merged.active.as_ref().unwrap();
    assert_eq!(notes(active), ["one", "two", "three"]);
    assert_eq!(
        active.severity(),
        Severity::P1,
        "not changed here: the saved value stays"
    );
}

#[test]
fn fields_changed_here_win_and_edits_keep_the_latest_revision() {
    let mut base = with_active("inc");
    add_note(&mut base, "typo", 1);
    let id = base.active.as_ref().unwrap().timeline().entries()[1].id;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.active.as_mut().unwrap().impact = "sends delayed".into();
    ours.active.as_mut().unwrap().edit_note(id, "fixed here", t(5)).unwrap();
    theirs
        .active
        .as_mut()
        .unwrap()
        .edit_note(id, "fixed there, later", t(6))
        .unwrap();
    let merged = merge(&base, &ours, &theirs);
    let active = merged.active.as_ref().unwrap();
    assert_eq!(active.impact, "sends delayed");
    assert_eq!(notes(active), ["fixed there, later"]);
    let merged = merge(&base, &theirs, &ours);
    assert_eq!(notes(merged.active.as_ref().unwrap()), ["fixed there, later"]);
}

#[test]
fn resolving_here_archives_the_incident_with_the_other_tabs_notes() {
    let base = with_active("inc");
    let mut theirs = base.clone();
    add_note(&mut theirs, "late note", 1);
    let mut ours = base.clone();
    ours.resolve(t(2)).unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.active.is_none());
    let archived = &merged.archive[0];
    assert_eq!(
        (archived.status(), archived.resolved_at()),
        (Status::Resolved, Some(t(2)))
    );
    assert_eq!(notes(archived), ["late note"]);
}

#[test]
fn two_incidents_opened_at_once_are_both_kept() {
    let base = Store::default();
    let merged = merge(&base, &with_active("mine"), &with_active("theirs"));
    assert_eq!(merged.active.as_ref().map(|i| i.id.as_str()), Some("theirs"));
    assert_eq!(
        merged.archive.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["mine"]
    );
}

#[test]
fn an_id_at_the_top_of_the_range_does_not_wrap() {
    let with_entries = |extra: Option<(u32, &str)>| {
        let mut s = with_active("inc");
        let i = s.active.as_mut().unwrap();
        let mut entries = i.timeline().entries().to_vec();
        entries[0].id = u32::MAX;
        if let Some((id, text)) = extra {
            let mut note = entries[0].clone();
            (note.id, note.at, note.kind, note.text) = (id, t(1), EntryKind::Note, EntryText::Written(text.into()));
            entries.push(note);
        }
        i.timeline = Timeline::from(entries);
        s
    };
    let merged = merge(
        &with_entries(None),
        &with_entries(Some((5, "b"))),
        &with_entries(Some((5, "a"))),
    );
    let active = merged.active.as_ref().unwrap();
    assert_eq!(notes(active), ["a", "b"]);
    let ids: Vec<u32> = active.timeline().entries().iter().map(|e| e.id).collect();
    assert_eq!(ids, [u32::MAX, 5, 1]);
}

/// Changes a tab can make, as (what, minute).
fn change() -> impl Strategy<Value = (u8, String)> {
    (0u8..6, "[a-z]{1,6}")
}

fn apply(s: &mut Store, changes: &[(u8, String)], first_min: i64) {
    for (n, (what, text)) in changes.iter().enumerate() {
        let now = t(first_min + n as i64);
        match what {
            0..=2 => {
                if let Some(i) = s.active.as_mut() {
                    i.add_note(text, None, now).unwrap();
                }
            }
            3 => {
                if let Some(i) = s.active.as_mut() {
                    let notes: Vec<u32> = i
                        .timeline()
                        .entries()
                        .iter()
                        .filter(|e| e.kind == EntryKind::Note)
                        .map(|e| e.id)
                        .collect();
                    if let Some(id) = notes.first() {
                        i.edit_note(*id, &format!("{text} edited"), now).unwrap();
                    }
                }
            }
            4 => {
                let _ = s.resolve(now);
            }
            _ => {
                let _ = s.open(incident(text));
            }
        }
    }
}

type EntryKey = (String, EntryKind, DateTime<Utc>, String, Option<DateTime<Utc>>);

/// Every entry of a store as (incident, kind, at, text, edited_at).
fn entry_keys(s: &Store) -> Vec<EntryKey> {
    let incidents = s.active.iter().chain(s.archive.iter());
    incidents
        .flat_map(|i| {
            let entries = i.timeline().entries().iter();
            entries.map(|e| {
                (
                    i.id.clone(),
                    e.kind,
                    e.at,
                    e.text.get(Lang::En).to_string(),
                    e.edited_at,
                )
            })
        })
        .collect()
}

/// `key` is in `have`, or replaced there by a later edit of the same note.
fn kept(have: &[EntryKey], key: &EntryKey) -> bool {
    have.iter()
        .any(|h| (&h.0, h.1, h.2) == (&key.0, key.1, key.2) && (h.3 == key.3 || (h.4.is_some() && h.4 >= key.4)))
}

proptest! {
    #[test]
    fn merging_never_loses_an_entry_or_an_incident(
        start in prop::collection::vec(change(), 0..6),
        mine in prop::collection::vec(change(), 0..8),
        other in prop::collection::vec(change(), 0..8),
    ) {
        let mut base = with_active("inc");
        apply(&mut base, &start, 1);
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        apply(&mut ours, &mine, 100);
        apply(&mut theirs, &other, 200);
        let merged = merge(&base, &ours, &theirs);
        let have = entry_keys(&merged);
        for key in entry_keys(&ours).into_iter().chain(entry_keys(&theirs)) {
            prop_assert!(kept(&have, &key), "lost {:?}", key);
        }
        let ids = |s: &Store| s.active.iter().chain(s.archive.iter()).map(|i| i.id.clone()).collect::<Vec<_>>();
        for id in ids(&ours).into_iter().chain(ids(&theirs)) {
            prop_assert!(ids(&merged).contains(&id), "lost incident {}", id);
        }
        for i in merged.active.iter().chain(merged.archive.iter()) {
            let mut entry_ids: Vec<u32> = i.timeline().entries().iter().map(|e| e.id).collect();
            let n = entry_ids.len();
            entry_ids.sort_unstable();
            entry_ids.dedup();
            prop_assert_eq!(entry_ids.len(), n, "ids stay unique");
        }
        prop_assert_eq!(merge(&merged, &merged, &merged), merged.clone());
    }
}

/// Two tabs that each added a note at the same millisecond gave it the same id: when one tab then
/// sees the other's save (which lacks its note), its own note is not taken for an edit of the
/// other's.
#[test]
fn notes_with_the_same_id_and_time_from_two_tabs_are_both_kept() {
    let start = with_active("inc");
    let (mut ours, mut theirs) = (start.clone(), start.clone());
    add_note(&mut ours, "from this tab", 1);
    add_note(&mut theirs, "from the other tab", 1);
    let last = |s: &Store| s.active.as_ref().unwrap().timeline().entries().last().unwrap().clone();
    assert_eq!((last(&ours).id, last(&ours).at), (last(&theirs).id, last(&theirs).at));
    // This tab saved its note (base = ours), then the other tab's save arrives.
    let merged = merge(&ours, &ours, &theirs);
    let mut shown = notes(merged.active.as_ref().unwrap());
    shown.sort_unstable();
    assert_eq!(shown, ["from the other tab", "from this tab"]);
}
