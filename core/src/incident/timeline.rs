//! The incident's timeline: every event and note, kept in event-time order. Notes can be edited
//! but never removed.

use chrono::{DateTime, FixedOffset, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Started,
    /// An answer in the decision-tree wizard that followed the evidence or had none.
    Answer,
    /// An answer against the live evidence's suggestion.
    Override,
    SeverityChanged,
    StatusChanged,
    CommanderChanged,
    Note,
    CommandCopied,
    MessageSent,
    Download,
    Reopened,
}

/// Text the app wrote (both languages) or text a person wrote (as typed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryText {
    App(Bilingual),
    Written(String),
}

impl EntryText {
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            EntryText::App(b) => b.get(lang),
            EntryText::Written(s) => s,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: u32,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    pub text: EntryText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<DateTime<Utc>>,
}

/// Entries sorted by `at`; entries at the same time keep the order they were added in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<TimelineEntry>", into = "Vec<TimelineEntry>")]
pub struct Timeline {
    entries: Vec<TimelineEntry>,
}

impl From<Vec<TimelineEntry>> for Timeline {
    /// Sorts by time and renumbers only if ids collide, so saved or imported data always
    /// yields a well-formed timeline.
    fn from(mut entries: Vec<TimelineEntry>) -> Timeline {
        entries.sort_by_key(|e| e.at);
        let mut ids: Vec<u32> = entries.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut timeline = Timeline { entries };
        if ids.len() != timeline.entries.len() {
            timeline.renumber();
        }
        timeline
    }
}

impl From<Timeline> for Vec<TimelineEntry> {
    fn from(t: Timeline) -> Vec<TimelineEntry> {
        t.entries
    }
}

impl Timeline {
    pub fn entries(&self) -> &[TimelineEntry] {
        &self.entries
    }

    /// Ids 1, 2, 3... in time order.
    fn renumber(&mut self) {
        for (e, id) in self.entries.iter_mut().zip(1..) {
            e.id = id;
        }
    }

    /// Adds an entry in time order and returns its id: one more than the largest, or, when the
    /// largest is `u32::MAX` (a damaged or forged file), the next id after renumbering.
    pub fn push(&mut self, at: DateTime<Utc>, kind: EntryKind, text: EntryText) -> u32 {
        let largest = self.entries.iter().map(|e| e.id).max().unwrap_or(0);
        let id = largest.checked_add(1).unwrap_or_else(|| {
            self.renumber();
            u32::try_from(self.entries.len()).map_or(u32::MAX, |n| n.saturating_add(1))
        });
        let pos = self.entries.partition_point(|e| e.at <= at);
        self.entries.insert(
            pos,
            TimelineEntry {
                id,
                at,
                kind,
                text,
                edited_at: None,
            },
        );
        id
    }

    /// Replaces a note's text; the entry keeps its time and records when it was edited.
    pub fn edit_note(&mut self, id: u32, text: &str, now: DateTime<Utc>) -> Result<(), Bilingual> {
        let text = checked_note(text)?;
        let entry = self.entries.iter_mut().find(|e| e.id == id).ok_or_else(|| {
            Bilingual::new(
                format!("Timeline entry {id} does not exist; reload the incident and try again."),
                format!("时间线条目 {id} 不存在;请重新加载事件后再试。"),
            )
        })?;
        if entry.kind != EntryKind::Note {
            return Err(Bilingual::new(
                "Only notes can be edited; add a new note to correct a recorded event.",
                "只有备注可以编辑;如需更正已记录的事件,请新增一条备注。",
            ));
        }
        entry.text = EntryText::Written(text);
        entry.edited_at = Some(now);
        Ok(())
    }

    /// The most recent entry of a kind.
    pub fn last_of(&self, kind: EntryKind) -> Option<&TimelineEntry> {
        self.entries.iter().rev().find(|e| e.kind == kind)
    }
}

/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// A note's text, trimmed; empty or oversized notes are refused rather than stored or cut.
/// When a note happened, from the local clock time ("HH:MM") the person typed, on today's local
/// date; empty means now. A time later than now is refused by `Incident::add_note`.
pub fn note_time(input: &str, now: DateTime<Utc>, offset: FixedOffset) -> Result<Option<DateTime<Utc>>, Bilingual> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let time = NaiveTime::parse_from_str(input, "%H:%M").map_err(|_| {
        Bilingual::new(
            "The time must be HH:MM, for example 09:42.",
            "时间格式必须为 HH:MM,例如 09:42。",
        )
    })?;
    let date = super::displayable(now).with_timezone(&offset).date_naive();
    let local = date
        .and_time(time)
        .and_local_timezone(offset)
        .single()
        .expect("a fixed offset has no gaps");
    Ok(Some(local.with_timezone(&Utc)))
}

pub fn checked_note(text: &str) -> Result<String, Bilingual> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Bilingual::new(
            "A note cannot be empty; type what happened, or keep the existing text.",
            "备注不能为空;请写下发生了什么,或保留原有内容。",
        ));
    }
    let n = text.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(Bilingual::new(
            format!("The note is {n} characters; the limit is {MAX_NOTE_CHARS}. Split it into several notes."),
            format!("备注有 {n} 个字符,上限为 {MAX_NOTE_CHARS};请拆成多条备注。"),
        ));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 6, 10, min, 0).unwrap()
    }

    fn note(s: &str) -> EntryText {
        EntryText::Written(s.into())
    }

    #[test]
    fn entries_stay_in_time_order_and_ties_keep_insertion_order() {
        let mut tl = Timeline::default();
        tl.push(t(10), EntryKind::Note, note("b"));
        tl.push(t(5), EntryKind::Note, note("a"));
        tl.push(t(10), EntryKind::Note, note("c"));
        tl.push(t(20), EntryKind::Note, note("d"));
        let texts: Vec<&str> = tl.entries().iter().map(|e| e.text.get(Lang::En)).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        let mut ids: Vec<u32> = tl.entries().iter().map(|e| e.id).collect();
        ids.sort();
        assert_eq!(ids, [1, 2, 3, 4]);
    }

    #[test]
    fn notes_are_edited_in_place_never_emptied() {
        let mut tl = Timeline::default();
        let id = tl.push(t(1), EntryKind::Note, note("first"));
        let started = tl.push(t(0), EntryKind::Started, EntryText::App(Bilingual::new("s", "s")));
        tl.edit_note(id, "  fixed  ", t(30)).unwrap();
        let e = &tl.entries()[1];
        assert_eq!((e.text.get(Lang::Zh), e.at, e.edited_at), ("fixed", t(1), Some(t(30))));
        assert!(tl.edit_note(id, "   ", t(31)).is_err());
        assert!(tl.edit_note(started, "x", t(31)).is_err());
        assert!(tl.edit_note(99, "x", t(31)).is_err());
        assert_eq!(tl.entries().len(), 2);
        assert_eq!(tl.entries()[1].text.get(Lang::En), "fixed");
    }

    #[test]
    fn oversized_notes_are_refused() {
        assert!(checked_note(&"x".repeat(MAX_NOTE_CHARS)).is_ok());
        let e = checked_note(&"x".repeat(MAX_NOTE_CHARS + 1)).unwrap_err();
        assert!(e.en.contains("4001") && e.zh.contains("4001"));
    }

    /// A saved note with the given id, `min` minutes in.
    fn entry(id: u32, min: u32) -> TimelineEntry {
        TimelineEntry {
            id,
            at: t(min),
            kind: EntryKind::Note,
            text: note("n"),
            edited_at: None,
        }
    }

    #[test]
    fn loading_sorts_and_fixes_colliding_ids() {
        let tl = Timeline::from(vec![entry(7, 9), entry(3, 1)]);
        assert_eq!(tl.entries().iter().map(|e| e.id).collect::<Vec<_>>(), [3, 7]);
        let tl = Timeline::from(vec![entry(1, 9), entry(1, 1)]);
        assert_eq!(
            tl.entries().iter().map(|e| (e.id, e.at)).collect::<Vec<_>>(),
            [(1, t(1)), (2, t(9))]
        );
    }

    #[test]
    fn the_largest_id_never_wraps() {
        let mut tl = Timeline::from(vec![entry(u32::MAX, 1), entry(7, 2)]);
        let id = tl.push(t(3), EntryKind::Note, note("new"));
        let ids: Vec<u32> = tl.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, [1, 2, 3], "renumbered in time order, then the new entry");
        assert_eq!(id, 3);
        let mut tl = Timeline::from(vec![entry(u32::MAX - 1, 1)]);
        assert_eq!(tl.push(t(2), EntryKind::Note, note("a")), u32::MAX);
        assert_eq!(tl.push(t(3), EntryKind::Note, note("b")), 3);
    }

    #[test]
    fn note_time_at_the_calendar_bounds() {
        let offset = FixedOffset::east_opt(86_399).unwrap();
        assert!(note_time("23:59", DateTime::<Utc>::MAX_UTC, offset).is_ok());
        assert!(note_time(
            "00:00",
            DateTime::<Utc>::MIN_UTC,
            FixedOffset::west_opt(86_399).unwrap()
        )
        .is_ok());
    }

    #[test]
    fn last_of_finds_the_latest_by_time() {
        let mut tl = Timeline::default();
        tl.push(t(20), EntryKind::MessageSent, note("late"));
        tl.push(t(10), EntryKind::MessageSent, note("early"));
        assert_eq!(tl.last_of(EntryKind::MessageSent).unwrap().at, t(20));
        assert!(tl.last_of(EntryKind::Download).is_none());
    }

    #[test]
    fn note_times_are_local_clock_times_on_todays_local_date() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, 6, 10, 0, 0).unwrap();
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(note_time("  ", now, shanghai), Ok(None));
        let at = note_time("17:42", now, shanghai).unwrap().unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-06T09:42:00+00:00");
        let utc = FixedOffset::east_opt(0).unwrap();
        assert_eq!(
            note_time("09:42", now, utc).unwrap().unwrap().to_rfc3339(),
            "2026-03-06T09:42:00+00:00"
        );
        for bad in ["9.42", "25:00", "09:42; rm -rf /", "<b>"] {
            let err = note_time(bad, now, shanghai).unwrap_err();
            assert!(err.en.contains("HH:MM") && err.zh.contains("HH:MM"), "{bad}");
        }
    }
}
