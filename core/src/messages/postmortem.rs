//! The postmortem skeleton in Markdown: what the app knows is filled in, the rest keeps the
//! runbook's bracketed placeholders. All user text is escaped so it stays literal text.

use crate::i18n::Lang;

use super::sanitize::{markdown_text, present};
use super::time::{duration, zone};
use super::MessageContext;

struct Labels {
    title: &'static str,
    error_type: &'static str,
    date: &'static str,
    times_in: &'static str,
    duration: &'static str,
    ongoing: &'static str,
    severity: &'static str,
    summary: &'static str,
    summary_placeholder: &'static str,
    timeline: &'static str,
    event_placeholder: &'static str,
    root_cause: &'static str,
    root_cause_placeholder: &'static str,
    impact: &'static str,
    impact_description: &'static str,
    users_affected: &'static str,
    revenue: &'static str,
    action_items: &'static str,
    action_placeholder: &'static str,
}

const EN: Labels = Labels {
    title: "Incident: Instantly",
    error_type: "[Error Type]",
    date: "**Date:**",
    times_in: "times in",
    duration: "**Duration:**",
    ongoing: " (ongoing)",
    severity: "**Severity:**",
    summary: "Summary",
    summary_placeholder: "[1-2 sentence description]",
    timeline: "Timeline",
    event_placeholder: "[Event]",
    root_cause: "Root Cause",
    root_cause_placeholder: "[Technical explanation]",
    impact: "Impact",
    impact_description: "Description: ",
    users_affected: "Users affected: N",
    revenue: "Revenue impact: $X",
    action_items: "Action Items",
    action_placeholder: "[Preventive measure] - Owner - Due date",
};

const ZH: Labels = Labels {
    title: "事件:Instantly",
    error_type: "[错误类型]",
    date: "**日期:**",
    times_in: "时间为",
    duration: "**持续时间:**",
    ongoing: "(进行中)",
    severity: "**严重级别:**",
    summary: "摘要",
    summary_placeholder: "[1-2句话描述事件]",
    timeline: "时间线",
    event_placeholder: "[事件]",
    root_cause: "根因",
    root_cause_placeholder: "[技术说明]",
    impact: "影响",
    impact_description: "描述:",
    users_affected: "受影响用户数:N",
    revenue: "收入影响:$X",
    action_items: "行动项",
    action_placeholder: "[预防措施] - 负责人 - 截止日期",
};

/// Timeline lines `- HH:MM - event` in the incident's offset, with the date when an entry is
/// on another day than the start; in time order.
fn timeline(ctx: &MessageContext, l: &Labels) -> Vec<String> {
    if ctx.timeline.is_empty() {
        return vec![format!("- HH:MM - {}", l.event_placeholder); 2];
    }
    let offset = ctx.started_at.offset();
    let start_day = ctx.started_at.date_naive();
    let mut entries: Vec<_> = ctx
        .timeline
        .iter()
        .map(|(t, event)| (t.with_timezone(offset), event))
        .collect();
    entries.sort_by_key(|(t, _)| *t);
    entries
        .into_iter()
        .map(|(t, event)| {
            let when = if t.date_naive() == start_day {
                t.format("%H:%M")
            } else {
                t.format("%Y-%m-%d %H:%M")
            };
            let event = present(Some(event)).map_or_else(|| l.event_placeholder.to_string(), |e| markdown_text(&e));
            format!("- {when} - {event}")
        })
        .collect()
}

pub(super) fn postmortem(ctx: &MessageContext, lang: Lang) -> String {
    let l = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let error_type = ctx
        .error_type
        .as_ref()
        .and_then(|e| present(Some(e.get(lang))))
        .map_or_else(|| l.error_type.to_string(), |e| markdown_text(&e));
    let end = ctx.ended_at.unwrap_or(ctx.now);
    let minutes = (end - ctx.started_at).num_minutes();
    let ongoing = if ctx.ended_at.is_none() { l.ongoing } else { "" };
    let summary =
        present(ctx.summary.as_deref()).map_or_else(|| l.summary_placeholder.to_string(), |s| markdown_text(&s));
    let mut impact = Vec::new();
    if let Some(description) = present(ctx.impact.as_deref()) {
        impact.push(format!("- {}{}", l.impact_description, markdown_text(&description)));
    }
    impact.push(format!("- {}", l.users_affected));
    impact.push(format!("- {}", l.revenue));
    let open = if lang == Lang::Zh { "(" } else { " (" };
    [
        format!("## {} {error_type}", l.title),
        format!(
            "{} {}{open}{} {})",
            l.date,
            ctx.started_at.format("%Y-%m-%d"),
            l.times_in,
            zone(ctx.started_at.offset())
        ),
        format!("{} {}{ongoing}", l.duration, duration(minutes, lang)),
        format!("{} {}", l.severity, ctx.severity.as_str()),
        String::new(),
        format!("### {}", l.summary),
        summary,
        String::new(),
        format!("### {}", l.timeline),
        timeline(ctx, l).join("\n"),
        String::new(),
        format!("### {}", l.root_cause),
        l.root_cause_placeholder.to_string(),
        String::new(),
        format!("### {}", l.impact),
        impact.join("\n"),
        String::new(),
        format!("### {}", l.action_items),
        format!("- [ ] {}", l.action_placeholder),
    ]
    .join("\n")
}
