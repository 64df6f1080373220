//! Merging what this tab changed into what is saved now, so two tabs writing at once, or a tab
//! restored from the back/forward cache, lose nothing. A three-way merge: `base` is the saved
//! store this tab last read, `ours` is it with this tab's changes, `theirs` is what is saved now.
//! Nothing is ever dropped: every incident and every timeline entry of either side is kept.

use std::collections::HashSet;

use super::{Incident, Store, Timeline, TimelineEntry};

/// `theirs` with the changes `ours` made since `base`.
pub fn merge(base: &Store, ours: &Store, theirs: &Store) -> Store {
    let active_id = |s: &Store| s.active.as_ref().map(|i| i.id.clone());
    let (base_active, our_active, their_active) = (active_id(base), active_id(ours), active_id(theirs));
    // Only one incident can be open: when both tabs opened one, the one saved first stays open
    // and the other goes to the archive, unresolved.
    let active = if our_active == base_active || (their_active != base_active && their_active.is_some()) {
        their_active
    } else {
        our_active
    };

    let mut order: Vec<&str> = Vec::new();
    let newly_archived = ours
        .archive
        .iter()
        .filter(|i| !base.archive.iter().any(|b| b.id == i.id))
        .map(|i| i.id.as_str());
    let all = ours.active.iter().chain(theirs.active.iter()).map(|i| i.id.as_str());
    for id in newly_archived
        .chain(theirs.archive.iter().map(|i| i.id.as_str()))
        .chain(ours.archive.iter().map(|i| i.id.as_str()))
        .chain(all)
    {
        if Some(id) != active.as_deref() && !order.contains(&id) {
            order.push(id);
        }
    }
    let merged = |id: &str| merge_incident(base.find(id), ours.find(id), theirs.find(id));
    Store {
        version: theirs.version.max(ours.version),
        active: active.as_deref().and_then(merged),
        archive: order.into_iter().filter_map(merged).collect(),
    }
}

/// One incident: its fields as `theirs` has them unless `ours` changed them; every entry of both.
fn merge_incident(base: Option<&Incident>, ours: Option<&Incident>, theirs: Option<&Incident>) -> Option<Incident> {
    let (ours, theirs) = match (ours, theirs) {
        (Some(o), Some(t)) => (o, t),
        (one, other) => return one.or(other).cloned(),
    };
    let mut out = theirs.clone();
    macro_rules! take_ours_if_changed {
        ($($field:ident),*) => {$(
            if base.is_none_or(|b| b.$field != ours.$field) && ours.$field != theirs.$field {
                out.$field = ours.$field.clone();
            }
        )*};
    }
    take_ours_if_changed!(
        commander,
        impact,
        context,
        started_at,
        start_source,
        severity,
        status,
        resolved_at,
        path
    );
    out.timeline = merge_timeline(base.map(|b| &b.timeline), &ours.timeline, &theirs.timeline);
    Some(out)
}

/// The same entry in two copies: the same id, time and kind, and the same text unless one copy
/// was edited. Two tabs adding a note in the same millisecond give both one id and time: the texts
/// tell them apart.
fn same_entry(a: &TimelineEntry, b: &TimelineEntry) -> bool {
    a.id == b.id
        && a.at == b.at
        && a.kind == b.kind
        && (a.text == b.text || a.edited_at.is_some() || b.edited_at.is_some())
}

fn merge_timeline(base: Option<&Timeline>, ours: &Timeline, theirs: &Timeline) -> Timeline {
    let mut entries: Vec<TimelineEntry> = theirs.entries().to_vec();
    let mut used: HashSet<u32> = entries.iter().map(|e| e.id).collect();
    for e in ours.entries() {
        if entries
            .iter()
            .any(|t| t.at == e.at && t.kind == e.kind && t.text == e.text)
        {
            // Saved already (perhaps under the id a merge gave it).
            continue;
        }
        let base_copy = base.and_then(|b| b.entries().iter().find(|k| same_entry(k, e)));
        let saved_copy = entries.iter_mut().find(|t| same_entry(t, e));
        match (base_copy, saved_copy) {
            // Edited here: the latest revision wins.
            (Some(k), Some(t)) => {
                if k != e && e.edited_at >= t.edited_at {
                    *t = e.clone();
                }
            }
            // New here (two new entries with one id are two entries): kept, under an unused id.
            _ => {
                let mut entry = e.clone();
                if used.contains(&entry.id) {
                    entry.id = free_id(&used);
                }
                used.insert(entry.id);
                entries.push(entry);
            }
        }
    }
    Timeline::from(entries)
}

/// The lowest id above every used one, or the lowest unused one when that would overflow.
fn free_id(used: &HashSet<u32>) -> u32 {
    let max = used.iter().copied().max().unwrap_or(0);
    max.checked_add(1)
        .unwrap_or_else(|| (1..=u32::MAX).find(|id| !used.contains(id)).unwrap_or(0))
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
