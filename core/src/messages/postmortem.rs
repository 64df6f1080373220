//! The postmortem skeleton in Markdown, filled into the runbook's template: what the app knows
//! is filled in, the rest keeps the template's placeholders. All user text is escaped so it
//! stays literal text.

use crate::i18n::Lang;

use super::sanitize::{markdown_text, present};
use super::template::{LangTemplate, Values};
use super::time::{duration, zone};
use super::MessageContext;

/// Timeline lines `- HH:MM - event` in the incident's offset, with the date when an entry is
/// on another day than the start; in time order. `None` without entries.
fn timeline(ctx: &MessageContext, event_placeholder: &str) -> Option<String> {
    if ctx.timeline.is_empty() {
        return None;
    }
    let offset = ctx.started_at.offset();
    let start_day = ctx.started_at.date_naive();
    let mut entries: Vec<_> = ctx
        .timeline
        .iter()
        .map(|(t, event)| (t.with_timezone(offset), event))
        .collect();
    entries.sort_by_key(|(t, _)| *t);
    let lines: Vec<String> = entries
        .into_iter()
        .map(|(t, event)| {
            let when = if t.date_naive() == start_day {
                t.format("%H:%M")
            } else {
                t.format("%Y-%m-%d %H:%M")
            };
            let event = present(Some(event)).map_or_else(|| event_placeholder.to_string(), |e| markdown_text(&e));
            format!("- {when} - {event}")
        })
        .collect();
    Some(lines.join("\n"))
}

/// `1 hour 10 minutes`, with "(ongoing)" while the incident is open.
fn duration_text(ctx: &MessageContext, lang: Lang) -> String {
    let end = ctx.ended_at.unwrap_or(ctx.now);
    let minutes = (end - ctx.started_at).num_minutes();
    let ongoing = match (ctx.ended_at, lang) {
        (Some(_), _) => "",
        (None, Lang::En) => " (ongoing)",
        (None, Lang::Zh) => "(进行中)",
    };
    format!("{}{ongoing}", duration(minutes, lang))
}

pub(super) fn postmortem(template: &LangTemplate, ctx: &MessageContext, lang: Lang) -> String {
    let mut v = Values::default();
    v.set("vendor", ctx.vendor.get(lang));
    v.set("severity", ctx.severity.as_str());
    v.maybe(
        "error_type",
        ctx.error_type
            .as_ref()
            .and_then(|e| present(Some(e.get(lang))))
            .map(|e| markdown_text(&e)),
    );
    v.set("date", ctx.started_at.format("%Y-%m-%d").to_string());
    v.set("zone", zone(ctx.started_at.offset()));
    v.set("duration", duration_text(ctx, lang));
    v.maybe("summary", present(ctx.summary.as_deref()).map(|s| markdown_text(&s)));
    v.maybe(
        "timeline",
        timeline(ctx, template.placeholder("event").unwrap_or_default()),
    );
    v.maybe("impact", present(ctx.impact.as_deref()).map(|d| markdown_text(&d)));
    template.fill(&v)
}
