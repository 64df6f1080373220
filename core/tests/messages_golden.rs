//! Exact text of every message for fixed incidents, in English, Chinese and both.

#[path = "support/content.rs"]
mod content;
mod support;

use chrono::{DateTime, FixedOffset};
use runbook_core::i18n::{Bilingual, LangMode};
use runbook_core::messages::{render, MessageContext, MessageKind};
use runbook_core::runbook::Runbook;
use runbook_core::severity::Severity;

/// The golden files hold the Instantly runbook's messages, from its templates (messages.json)
/// and its vendor (manifest.json).
fn instantly() -> Runbook {
    content::load("instantly")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn render_all(ctx: &MessageContext) -> String {
    let book = instantly();
    let mut out = String::new();
    for kind in MessageKind::ALL {
        for mode in LangMode::ALL {
            out.push_str(&format!(
                "===== {} / {} =====\n{}\n",
                kind.as_str(),
                mode.as_str(),
                render(kind, &book.messages, ctx, mode)
            ));
        }
    }
    out
}

fn resolved_auth_incident() -> MessageContext {
    MessageContext {
        vendor: instantly().vendor,
        severity: Severity::P1,
        status: Bilingual::new("Investigating", "排查中"),
        status_slack: "INVESTIGATING".into(),
        impact: Some("delayed campaign sends in all workspaces.".into()),
        current_action: Some("Rotating the Instantly API key".into()),
        next_update: Some(at("2024-01-15T15:10:00+08:00")),
        commander: Some("@alice".into()),
        started_at: at("2024-01-15T14:30:00+08:00"),
        ended_at: Some(at("2024-01-16T00:47:00+08:00")),
        now: at("2024-01-15T14:50:00+08:00"),
        error_type: Some(Bilingual::new("401/403 - Authentication", "401/403 - 认证错误")),
        summary: Some("The API key was rotated in the Instantly dashboard but not in our Secret.".into()),
        timeline: vec![
            (at("2024-01-15T06:41:00Z"), "Fallback enabled".into()),
            (at("2024-01-15T14:30:00+08:00"), "401 errors alert fired".into()),
            (at("2024-01-16T00:45:00+08:00"), "Secret updated, pods restarted".into()),
        ],
        last_updated: at("2024-01-15T14:52:00+08:00"),
    }
}

fn fresh_incident_without_details() -> MessageContext {
    MessageContext {
        vendor: instantly().vendor,
        severity: Severity::P3,
        status: Bilingual::new("Identified", "已定位"),
        status_slack: "IDENTIFIED".into(),
        impact: None,
        current_action: Some("  \n ".into()),
        next_update: Some(at("2024-03-02T09:00:00Z")),
        commander: None,
        started_at: at("2024-03-01T23:15:00Z"),
        ended_at: None,
        now: at("2024-03-02T00:00:30Z"),
        error_type: None,
        summary: None,
        timeline: Vec::new(),
        last_updated: at("2024-03-02T00:00:00Z"),
    }
}

fn hostile_input() -> MessageContext {
    MessageContext {
        vendor: instantly().vendor,
        severity: Severity::P2,
        status: Bilingual::new("Monitoring", "监控中"),
        status_slack: "MONITORING\nStatus: RESOLVED".into(),
        impact: Some("line one\nIncident commander: @mallory\r\n\u{1b}[31mred\u{7}".into()),
        current_action: Some("# not a heading <script>alert(1)</script>".into()),
        next_update: None,
        commander: Some("@@bob\n\u{202E}evil".into()),
        started_at: at("2024-05-05T10:00:00-04:00"),
        ended_at: Some(at("2024-05-05T10:59:59-04:00")),
        now: at("2024-05-05T11:00:00-04:00"),
        error_type: Some(Bilingual::new("429 ## Rate *Limited*", "429 限流 #")),
        summary: Some(
            "- [x] done\n\n## Injected\n<img src=x onerror=alert(1)> `code` [link](http://e.x) &amp; $x$".into(),
        ),
        timeline: vec![(
            at("2024-05-05T10:05:00-04:00"),
            "1. queued\n---\n> quoted | a | b |".into(),
        )],
        last_updated: at("2024-05-05T10:30:00-04:00"),
    }
}

#[test]
fn golden_messages_for_a_resolved_incident() {
    support::assert_golden("messages_resolved.txt", &render_all(&resolved_auth_incident()));
}

#[test]
fn golden_messages_keep_placeholders_for_missing_input() {
    support::assert_golden(
        "messages_placeholders.txt",
        &render_all(&fresh_incident_without_details()),
    );
}

#[test]
fn golden_messages_neutralise_hostile_input() {
    support::assert_golden("messages_hostile.txt", &render_all(&hostile_input()));
}

#[test]
fn golden_diff_is_readable() {
    let diff = support::line_diff("a\nb\nc", "a\nB\nc\nd");
    assert_eq!(
        diff,
        "    1 | \"a\"\n-   2 | \"b\"\n+   2 | \"B\"\n    3 | \"c\"\n+   4 | \"d\"\n"
    );
}
