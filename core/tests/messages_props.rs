//! Whatever the user types, messages keep their shape: Slack and status page lines stay put,
//! and the postmortem Markdown parses to the same headings with the user's text as plain text.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use proptest::prelude::*;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use runbook_core::i18n::{Bilingual, Lang, LangMode};
use runbook_core::messages::{MessageContext, MessageKind, MessageTemplates};
use runbook_core::runbook::Runbook;
use runbook_core::severity::Severity;

#[path = "support/content.rs"]
mod content;

/// The shipped runbook's templates: the shapes below are the Instantly messages'.
fn instantly() -> &'static Runbook {
    static BOOK: std::sync::OnceLock<Runbook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| content::load("instantly"))
}

fn render(kind: MessageKind, ctx: &MessageContext, mode: LangMode) -> String {
    let templates: &MessageTemplates = &instantly().messages;
    runbook_core::messages::render(kind, templates, ctx, mode)
}

/// The cleaning the templates promise for one-line fields.
fn one_line(s: &str) -> String {
    let bidi =
        |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    let spaced: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !bidi(*c))
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn user_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-#*_`<>&|~^$=:+.!()\\[\\]{}\\\\ \n\r\ta-z0-9\u{7}\u{1b}\u{202E}\u{2028}]{0,24}",
        "(# |- |> |1\\. |=+|---|```|    |\\[x\\] )[a-z <>/]{0,10}",
        any::<String>(),
    ]
}

fn maybe_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(user_text())
}

prop_compose! {
    fn context()(
        severity in prop::sample::select(Severity::ALL.to_vec()),
        status_slack in user_text(),
        status_zh in user_text(),
        impact in maybe_text(),
        current_action in maybe_text(),
        commander in maybe_text(),
        error_en in maybe_text(),
        error_zh in user_text(),
        summary in maybe_text(),
        events in prop::collection::vec((0i64..3000, user_text()), 0..4),
        offset_minutes in -720i32..=840,
        start in 1_600_000_000i64..1_800_000_000,
        length in 0i64..200_000,
        ended in any::<bool>(),
    ) -> MessageContext {
        let zone = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let started_at: DateTime<FixedOffset> = zone.timestamp_opt(start, 0).unwrap();
        let end = started_at + Duration::seconds(length);
        MessageContext {
            vendor: instantly().vendor.clone(),
            severity,
            status: Bilingual::new("Investigating", status_zh),
            status_slack,
            impact,
            current_action,
            next_update: Some(end + Duration::minutes(20)),
            commander,
            started_at,
            ended_at: ended.then_some(end),
            now: end,
            error_type: error_en.map(|en| Bilingual::new(en, error_zh)),
            summary,
            timeline: events.into_iter().map(|(m, e)| (started_at + Duration::minutes(m), e)).collect(),
            last_updated: end,
        }
    }
}

fn no_controls(text: &str) -> bool {
    text.chars().all(|c| c == '\n' || !c.is_control())
}

/// Everything a postmortem may contain: headings, paragraphs, lists, the bold labels and the
/// task box. Any other construct came from user text.
fn allowed(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Heading { .. } | Tag::Paragraph | Tag::List(None) | Tag::Item | Tag::Strong
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::List(false) | TagEnd::Item | TagEnd::Strong
        ),
        Event::Text(_) | Event::SoftBreak | Event::TaskListMarker(false) => true,
        _ => false,
    }
}

/// The parsed document as blocks: (heading level or none, plain text of the block).
fn blocks(markdown: &str) -> Result<Vec<(Option<HeadingLevel>, String)>, String> {
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut current: Option<(Option<HeadingLevel>, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        if !allowed(&event) {
            return Err(format!("unexpected {event:?}"));
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((Some(level), String::new())),
            Event::Start(Tag::Paragraph) => current = Some((None, String::new())),
            Event::Start(Tag::Item) => current = Some((None, String::new())),
            Event::Text(t) => current.as_mut().ok_or("text outside a block")?.1.push_str(&t),
            Event::SoftBreak => current.as_mut().ok_or("break outside a block")?.1.push('\n'),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                out.extend(current.take());
            }
            _ => {}
        }
    }
    Ok(out)
}

fn or_placeholder(value: &Option<String>, placeholder: &str) -> String {
    value
        .as_deref()
        .map(one_line)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| placeholder.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn postmortem_markdown_keeps_its_structure(ctx in context()) {
        let en = render(MessageKind::Postmortem, &ctx, LangMode::En);
        let zh = render(MessageKind::Postmortem, &ctx, LangMode::Zh);
        for (lang, text) in [(Lang::En, &en), (Lang::Zh, &zh)] {
            prop_assert!(no_controls(text));
            let blocks = blocks(text).map_err(|e| TestCaseError::fail(format!("{e} in\n{text}")))?;
            let headings: Vec<_> = blocks.iter().filter(|b| b.0.is_some()).collect();
            let (title, sections, summary_placeholder, event_placeholder, error_placeholder) = match lang {
                Lang::En => ("Incident: Instantly ", ["Summary", "Timeline", "Root Cause", "Impact", "Action Items"], "[1-2 sentence description]", "[Event]", "[Error Type]"),
                Lang::Zh => ("事件:Instantly ", ["摘要", "时间线", "根因", "影响", "行动项"], "[1-2句话描述事件]", "[事件]", "[错误类型]"),
            };
            let error_type = ctx.error_type.as_ref().map(|e| e.get(lang).to_string());
            prop_assert_eq!(headings.len(), 6);
            prop_assert_eq!(headings[0], &(Some(HeadingLevel::H2), format!("{title}{}", or_placeholder(&error_type, error_placeholder))));
            for (h, name) in headings[1..].iter().zip(sections) {
                prop_assert_eq!(*h, &(Some(HeadingLevel::H3), name.to_string()));
            }
            let after = |name: &str| blocks.iter().position(|b| b.1 == name && b.0.is_some()).unwrap() + 1;
            prop_assert_eq!(&blocks[after(sections[0])].1, &or_placeholder(&ctx.summary, summary_placeholder));
            let mut events: Vec<_> = ctx.timeline.clone();
            events.sort_by_key(|e| e.0);
            let items = &blocks[after(sections[1])..after(sections[2]) - 1];
            if events.is_empty() {
                prop_assert_eq!(items.len(), 2);
            } else {
                prop_assert_eq!(items.len(), events.len());
                for (item, (_, event)) in items.iter().zip(&events) {
                    let (_, text) = item.1.split_once(" - ").unwrap();
                    prop_assert_eq!(text, or_placeholder(&Some(event.clone()), event_placeholder));
                }
            }
            let impact = &blocks[after(sections[3])].1;
            if let Some(description) = ctx.impact.as_deref().map(one_line).filter(|d| !d.is_empty()) {
                prop_assert!(impact.ends_with(&description), "{impact:?} vs {description:?}");
            }
        }
    }

    #[test]
    fn slack_and_status_page_keep_their_lines(ctx in context()) {
        for lang in [LangMode::En, LangMode::Zh] {
            let slack = render(MessageKind::SlackUpdate, &ctx, lang);
            let page = render(MessageKind::StatusPage, &ctx, lang);
            prop_assert!(no_controls(&slack) && no_controls(&page));
            let prefixes: [&str; 6] = match lang {
                LangMode::Zh => ["", "状态:", "影响:", "当前动作:", "下次更新时间:", "事件负责人:"],
                _ => ["", "Status: ", "Impact: ", "Current action: ", "Next update: ", "Incident commander: "],
            };
            let lines: Vec<&str> = slack.split('\n').collect();
            prop_assert_eq!(lines.len(), 6, "{}", slack);
            for (line, prefix) in lines.iter().zip(prefixes) {
                prop_assert!(line.starts_with(prefix), "{line:?} should start with {prefix:?}");
            }
            let commander = &lines[5][prefixes[5].len()..];
            let defused = commander.ends_with("nobody was mentioned)") || commander.ends_with("(不是个人用户名;未提及任何人)");
            prop_assert!(commander.starts_with('@') || defused, "{commander:?}");
            let lower = slack.to_lowercase();
            let mass = |rest: &str| {
                ["here", "channel", "everyone"].iter().any(|m| {
                    rest.starts_with(m) && !rest[m.len()..].chars().next().is_some_and(char::is_alphanumeric)
                })
            };
            prop_assert!(!lower.contains("<!") && !lower.match_indices('@').any(|(i, _)| mass(&lower[i + 1..])), "{slack}");
            prop_assert!(lines[0].starts_with(ctx.severity.marker()));
            let page_lines: Vec<&str> = page.split('\n').collect();
            prop_assert_eq!(page_lines.len(), if lang == LangMode::En { 8 } else { 7 }, "{}", page);
        }
    }
}
