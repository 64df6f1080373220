//! "Nothing dropped, nothing invented": the Markdown documents hold exactly the text of the
//! scraped source page, in order.
//!
//! The source interleaves English and Chinese (each block, then its translation; commands appear
//! once per language). Both sides are reduced to text without Markdown punctuation or whitespace
//! (table cells concatenated, as the scraper did). Each source line must then continue either the
//! English or the Chinese document exactly where matching left off, and both documents must be
//! used up at the end. Whitespace-free matching lets one source line span several Markdown lines
//! (a command the scraper joined) and the other way round.

#[path = "support/content.rs"]
mod content;

use runbook_core::i18n::Lang;
use runbook_core::runbook::Runbook;

/// Lines the scraper added around code blocks: the fence language and a closing marker.
const FENCE_LABELS: [&str; 3] = ["bash", "undefined", "markdown"];

#[derive(Debug, PartialEq, Eq)]
enum Uncovered {
    /// This source line is in neither document at the point where it should be.
    SourceLine { number: usize, text: String },
    /// Text in a document that matches nothing in the source.
    ExtraText { lang: Lang, text: String },
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '`').collect()
}

/// The page chrome (slug, flags, "Compare original and translation") ends at the English title.
fn source_lines<'a>(source: &'a str, title_en: &str) -> impl Iterator<Item = (usize, String)> + 'a {
    let title = squeeze(title_en);
    source
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, squeeze(line.trim().trim_start_matches('•'))))
        .skip_while(move |(_, line)| *line != title)
        .filter(|(_, line)| !line.is_empty() && !FENCE_LABELS.contains(&line.as_str()))
}

fn is_table_delimiter(line: &str) -> bool {
    line.starts_with('|') && line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn markdown_line_text(line: &str) -> String {
    let line = line.trim();
    if line.starts_with("```") || is_table_delimiter(line) {
        return String::new();
    }
    if line.starts_with('|') {
        return squeeze(&line.trim_matches('|').split('|').map(str::trim).collect::<String>());
    }
    let after_hashes = line.trim_start_matches('#');
    let line = if after_hashes.len() < line.len() && after_hashes.starts_with(' ') {
        after_hashes
    } else {
        line
    };
    let line = match line.rfind(" {#") {
        Some(at) if line.ends_with('}') => &line[..at],
        _ => line,
    };
    let line = line.trim_start().strip_prefix("- ").unwrap_or(line);
    squeeze(line)
}

fn markdown_text(markdown: &str) -> String {
    markdown.lines().map(markdown_line_text).collect()
}

fn check_covered(source: &str, title_en: &str, en: &str, zh: &str) -> Result<(), Uncovered> {
    let documents = [(Lang::En, markdown_text(en)), (Lang::Zh, markdown_text(zh))];
    let mut used = [0, 0];
    for (number, line) in source_lines(source, title_en) {
        let continues = |i: usize| documents[i].1[used[i]..].starts_with(&line);
        let Some(i) = (0..2).find(|&i| continues(i)) else {
            return Err(Uncovered::SourceLine { number, text: line });
        };
        used[i] += line.len();
    }
    for ((lang, text), used) in documents.iter().zip(used) {
        if used < text.len() {
            return Err(Uncovered::ExtraText {
                lang: *lang,
                text: text[used..].chars().take(60).collect(),
            });
        }
    }
    Ok(())
}

fn read_source(runbook: &Runbook) -> String {
    let path = content::content_dir().join(&runbook.id).join(&runbook.source);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_runbook_holds_exactly_its_source_text() {
    for source in content::library() {
        let runbook = runbook_core::runbook::load(&source).unwrap();
        let seed = read_source(&runbook);
        assert_eq!(
            check_covered(&seed, &runbook.title.en, &source.en, &source.zh),
            Ok(()),
            "{}",
            runbook.id
        );
    }
}

fn without_line(markdown: &str, index: usize) -> String {
    markdown
        .lines()
        .enumerate()
        .filter(|&(i, _)| i != index)
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// The check is only worth something if it notices a loss: remove any single line that carries
/// text, from either language, and it must fail.
#[test]
fn removing_any_text_line_is_detected() {
    let source = content::source("instantly");
    let runbook = content::load("instantly");
    let seed = read_source(&runbook);
    let mut removals = 0;
    for lang in Lang::ALL {
        let markdown = match lang {
            Lang::En => source.en.as_str(),
            Lang::Zh => source.zh.as_str(),
        };
        for (index, line) in markdown.lines().enumerate() {
            if markdown_line_text(line).is_empty() {
                continue;
            }
            let cut = without_line(markdown, index);
            let (en, zh) = match lang {
                Lang::En => (cut.as_str(), source.zh.as_str()),
                Lang::Zh => (source.en.as_str(), cut.as_str()),
            };
            assert!(
                check_covered(&seed, &runbook.title.en, en, zh).is_err(),
                "{lang:?} line {} {line:?}",
                index + 1
            );
            removals += 1;
        }
    }
    assert!(removals > 200, "only {removals} lines tried");
}

#[test]
fn a_dropped_line_is_reported_as_the_source_line() {
    let source = content::source("instantly");
    let runbook = content::load("instantly");
    let seed = read_source(&runbook);
    let en = source.en.replace("- Prometheus/Grafana access\n", "");
    assert_eq!(
        check_covered(&seed, &runbook.title.en, &en, &source.zh),
        Err(Uncovered::SourceLine {
            number: 33,
            text: "Prometheus/Grafanaaccess".into()
        })
    );
}

#[test]
fn invented_text_is_detected() {
    let source = content::source("instantly");
    let runbook = content::load("instantly");
    let seed = read_source(&runbook);
    let zh = format!("{}\n- 新增的内容\n", source.zh);
    assert_eq!(
        check_covered(&seed, &runbook.title.en, &source.en, &zh),
        Err(Uncovered::ExtraText {
            lang: Lang::Zh,
            text: "新增的内容".into()
        })
    );
}

#[test]
fn markdown_punctuation_is_stripped_but_text_is_kept() {
    assert_eq!(markdown_line_text("## Overview {#overview}"), "Overview");
    assert_eq!(
        markdown_line_text("# 1. Check Instantly status"),
        "1.CheckInstantlystatus"
    );
    assert_eq!(
        markdown_line_text("| P1 | Complete outage | < 15 min |"),
        "P1Completeoutage<15min"
    );
    assert_eq!(markdown_line_text("|-------|:---:|"), "");
    assert_eq!(markdown_line_text("```bash"), "");
    assert_eq!(markdown_line_text("- HH:MM - [Event]"), "HH:MM-[Event]");
    assert_eq!(
        markdown_line_text("see `instantly-data-handling`."),
        "seeinstantly-data-handling."
    );
    assert_eq!(markdown_line_text("#hashtag"), "#hashtag");
}
