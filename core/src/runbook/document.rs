//! One language's runbook: a `# Title`, then `## Section {#id}`s, each rendered to safe HTML.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::error::DocumentProblem;
use crate::i18n::Lang;
use crate::markdown::{self, sanitize_id};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    pub sections: Vec<Section>,
}

/// A level-2 section; `markdown` and `html` hold its body (subsections included, its own heading not).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub markdown: String,
    pub html: String,
    /// The headings below this section's own, in order (for a table of contents and pairing).
    pub subsections: Vec<Heading>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub id: String,
    pub title: String,
    pub level: u8,
}

const SECTION_LEVEL: u8 = 2;

impl Document {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

impl Section {
    /// The source gave this section a heading but no content.
    pub fn is_empty(&self) -> bool {
        self.markdown.is_empty()
    }
}

struct ScannedHeading {
    level: u8,
    id: Option<String>,
    title: String,
    /// Byte range of the heading in the source, including its line end.
    range: Range<usize>,
}

/// Headings as the Markdown parser sees them, so `## ` lines inside code blocks are not headings.
fn scan_headings(markdown: &str) -> Vec<ScannedHeading> {
    let mut headings = Vec::new();
    let mut open: Option<ScannedHeading> = None;
    for (event, range) in Parser::new_ext(markdown, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = level as u8;
                let id = id.map(|id| id.into_string());
                open = Some(ScannedHeading {
                    level,
                    id,
                    title: String::new(),
                    range,
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = open.as_mut() {
                    heading.title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
            _ => {}
        }
    }
    headings
}

pub(super) fn parse_document(markdown: &str, lang: Lang) -> Result<Document, DocumentProblem> {
    parse_located(markdown, lang).map_err(|(problem, _)| problem)
}

/// The line (1-based) of byte `offset` in `text`.
pub(super) fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A heading of a document with the line it is on, for the authoring check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HeadingLine {
    pub level: u8,
    pub id: Option<String>,
    pub title: String,
    pub line: usize,
}

pub(super) fn heading_lines(markdown: &str) -> Vec<HeadingLine> {
    scan_headings(markdown)
        .into_iter()
        .map(|h| HeadingLine {
            line: line_at(markdown, h.range.start),
            level: h.level,
            id: h.id,
            title: h.title,
        })
        .collect()
}

/// The document, or the problem with the line it is on.
pub(super) fn parse_document_at(markdown: &str, lang: Lang) -> Result<Document, (DocumentProblem, usize)> {
    parse_located(markdown, lang).map_err(|(problem, offset)| (problem, line_at(markdown, offset)))
}

fn parse_located(markdown: &str, lang: Lang) -> Result<Document, (DocumentProblem, usize)> {
    let headings = scan_headings(markdown);
    let Some((title, rest)) = headings.split_first().filter(|(h, _)| h.level == 1) else {
        let at = headings.first().map_or(0, |h| h.range.start);
        return Err((DocumentProblem::MissingTitle, at));
    };
    require_blank(markdown, 0..title.range.start)?;
    let rest = identified(rest)?;

    let section_starts: Vec<usize> = rest
        .iter()
        .enumerate()
        .filter(|(_, h)| h.heading.level == SECTION_LEVEL)
        .map(|(i, _)| i)
        .collect();
    let start_of = |i: usize| rest.get(i).map_or(markdown.len(), |h| h.range.start);
    let first_section = section_starts.first().copied().unwrap_or(rest.len());
    require_blank(markdown, title.range.end..start_of(first_section))?;
    if section_starts.is_empty() {
        return Err((DocumentProblem::NoSections, title.range.start));
    }

    let sections = section_starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = section_starts.get(n + 1).copied().unwrap_or(rest.len());
            let body = &markdown[rest[start].range.end..start_of(end)];
            build_section(&rest[start].heading, &rest[start + 1..end], body, lang)
        })
        .collect();
    Ok(Document {
        lang,
        title: title.title.clone(),
        sections,
    })
}

struct Located {
    heading: Heading,
    range: Range<usize>,
}

/// Every heading below the title, with its id checked: present, well-formed, unique.
fn identified(headings: &[ScannedHeading]) -> Result<Vec<Located>, (DocumentProblem, usize)> {
    let mut seen_ids = HashSet::new();
    let mut located = Vec::with_capacity(headings.len());
    for scanned in headings {
        let at = scanned.range.start;
        if scanned.level == 1 {
            return Err((
                DocumentProblem::ExtraTitle {
                    title: scanned.title.clone(),
                },
                at,
            ));
        }
        let id = checked_id(scanned).map_err(|p| (p, at))?;
        if !seen_ids.insert(id) {
            return Err((DocumentProblem::DuplicateId { id: id.to_string() }, at));
        }
        let heading = Heading {
            id: id.to_string(),
            title: scanned.title.clone(),
            level: scanned.level,
        };
        located.push(Located {
            heading,
            range: scanned.range.clone(),
        });
    }
    Ok(located)
}

/// Sub-heading ids in the html carry the language (`en-auth-errors`): both languages may share a page.
fn build_section(heading: &Heading, below: &[Located], body: &str, lang: Lang) -> Section {
    let markdown = body.trim_start_matches(['\n', '\r']).trim_end().to_string();
    Section {
        id: heading.id.clone(),
        title: heading.title.clone(),
        level: heading.level,
        html: markdown::render_safe_with_id_prefix(&markdown, &format!("{}-", id_prefix(lang))),
        markdown,
        subsections: below.iter().map(|h| h.heading.clone()).collect(),
    }
}

fn checked_id(heading: &ScannedHeading) -> Result<&str, DocumentProblem> {
    let Some(id) = heading.id.as_deref() else {
        return Err(DocumentProblem::MissingId {
            heading: heading.title.clone(),
        });
    };
    if sanitize_id(id).as_deref() != Some(id) {
        return Err(DocumentProblem::InvalidId {
            heading: heading.title.clone(),
            id: id.to_string(),
        });
    }
    Ok(id)
}

/// The part `range` of `markdown` must be blank; the problem points at its first text.
fn require_blank(markdown: &str, range: Range<usize>) -> Result<(), (DocumentProblem, usize)> {
    let part = &markdown[range.clone()];
    let text = part.trim();
    if text.is_empty() {
        Ok(())
    } else {
        let at = range.start + (part.len() - part.trim_start().len());
        Err((
            DocumentProblem::TextOutsideSection {
                excerpt: text.chars().take(60).collect(),
            },
            at,
        ))
    }
}

fn id_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}
