//! The authoring check: every mistake in a runbook package, each with its file, its line and
//! what is wrong. The build runs it on every folder under `content/` and stops on an error;
//! authors run it as `cargo run -p xtask -- check content/<id>`. It covers what loading
//! requires (a package without errors loads) and more: untranslated text, steps naming unknown
//! commands, outcomes linking to missing sections, links to runbooks not in the library.

use std::fmt;

use serde::de::DeserializeOwned;

use super::document::{heading_lines, parse_document_at, HeadingLine};
use super::located::{self, Located};
use super::manifest::{self, Manifest};
use super::{lang_code, load, ContentError, RunbookSource, EN_FILE, MANIFEST_FILE, MESSAGES_FILE, TREE_FILE, ZH_FILE};
use crate::commands::parse_commands;
use crate::i18n::Lang;
use crate::messages::{MessageKind, MessageTemplates, Place};
use crate::tree::{validate, Tree, TreePlace, TreeRule};

/// The optional file of a package that declares its own commands.
pub const COMMANDS_FILE: &str = "commands.json";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The runbook cannot ship: the build fails.
    Error,
    /// Worth a look, but the runbook works (a link to a runbook not in this library).
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    /// The file inside the package, e.g. `tree.json`.
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// `tree.json:12: error: ...`; put the package's folder in front to name the file.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{}:{}: {level}: {}", self.file, self.line, self.message)
    }
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, level: Level, file: &str, line: usize, message: impl Into<String>) {
        self.0.push(Finding {
            level,
            file: file.to_string(),
            line: line.max(1),
            message: message.into(),
        });
    }

    fn error(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.push(Level::Error, file, line, message);
    }

    fn has_errors(&self) -> bool {
        self.0.iter().any(Finding::is_error)
    }
}

/// The command ids a tree step may name, read leniently from a `commands.json` that may have
/// other mistakes (those are reported by the commands loader): every `commands[].id`.
fn command_ids(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    value
        .get("commands")
        .and_then(serde_json::Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|c| c.get("id").and_then(serde_json::Value::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `commands.json`, when the package has one: every problem the commands loader finds (unsafe
/// templates, unknown placeholders, ...), and the ids of its commands.
fn check_commands(source: &RunbookSource, out: &mut Findings) -> Vec<String> {
    let Some(json) = source.commands.as_deref() else {
        return Vec::new();
    };
    match parse_commands(COMMANDS_FILE, json) {
        Ok(book) => book.ids().map(|id| id.as_str().to_string()).collect(),
        Err(problems) => {
            for p in problems {
                let message = match &p.command {
                    Some(id) => format!("command \"{id}\": {}", p.problem.en),
                    None => p.problem.en.clone(),
                };
                out.error(COMMANDS_FILE, p.line.unwrap_or(1), message);
            }
            command_ids(json)
        }
    }
}

/// Every mistake in `source`. `library` holds the ids of the runbooks built with it (for links
/// to other runbooks). A tree step may name the commands of the package's `commands.json`.
pub fn check(source: &RunbookSource, library: &[String]) -> Vec<Finding> {
    let mut out = Findings::default();
    let manifest = check_manifest(source, library, &mut out);
    let heading_ids = check_documents(source, manifest.as_ref(), &mut out);
    let commands = check_commands(source, &mut out);
    check_tree(source, &commands, heading_ids.as_deref(), &mut out);
    check_messages(source, &mut out);
    if !out.has_errors() {
        // Whatever loading still refuses is an error too, even where no line is known.
        if let Err(e) = load(source) {
            out.error(file_of(&e), 1, e.message().en);
        }
    }
    let order = |f: &Finding| {
        source
            .files()
            .iter()
            .position(|(name, _)| *name == f.file)
            .unwrap_or(usize::MAX)
    };
    let mut findings = out.0;
    findings.sort_by_key(|f| (order(f), f.line, f.level));
    findings
}

fn file_of(e: &ContentError) -> &'static str {
    match e {
        ContentError::Document { lang: Lang::En, .. } | ContentError::TitleMismatch { lang: Lang::En, .. } => EN_FILE,
        ContentError::Document { lang: Lang::Zh, .. } | ContentError::TitleMismatch { lang: Lang::Zh, .. } => ZH_FILE,
        ContentError::SectionsDiffer { .. } | ContentError::SubsectionsDiffer { .. } => ZH_FILE,
        ContentError::Tree { .. } => TREE_FILE,
        ContentError::Messages { .. } => MESSAGES_FILE,
        ContentError::Commands { .. } => COMMANDS_FILE,
        ContentError::Manifest { .. }
        | ContentError::IdMismatch { .. }
        | ContentError::ReviewedDate { .. }
        | ContentError::NoSeverities { .. }
        | ContentError::DuplicateSeverity { .. } => MANIFEST_FILE,
    }
}

/// serde_json's message without its " at line L column C", which the finding says itself.
fn json_error(file: &str, e: &serde_json::Error) -> Finding {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => format!("{} (column {})", &text[..at], e.column()),
        None => text,
    };
    Finding {
        level: Level::Error,
        file: file.to_string(),
        line: e.line().max(1),
        message,
    }
}

/// serde_json reports a mistake inside a tagged value (a tree node) where the value ends; an
/// unknown field or variant is better shown on its own line: the last key or string of that
/// name up to the reported line.
fn refine(mut finding: Finding, text: &str) -> Finding {
    let named = |kind: &str| {
        let rest = finding.message.strip_prefix(kind)?.strip_prefix('`')?;
        rest.split('`').next().map(str::to_string)
    };
    let (Some(doc), Some((name, as_key))) = (
        located::parse(text),
        named("unknown field ")
            .map(|n| (n, true))
            .or_else(|| named("unknown variant ").map(|n| (n, false))),
    ) else {
        return finding;
    };
    fn lines(value: &Located, name: &str, as_key: bool, found: &mut Vec<usize>) {
        if !as_key && value.as_str() == Some(name) {
            found.push(value.line);
        }
        for item in value.items() {
            lines(item, name, as_key, found);
        }
        for member in value.members() {
            if as_key && member.key == name {
                found.push(member.line);
            }
            lines(&member.value, name, as_key, found);
        }
    }
    let mut found = Vec::new();
    lines(&doc, &name, as_key, &mut found);
    if let Some(line) = found.into_iter().filter(|&l| l <= finding.line).max() {
        finding.line = line;
    }
    finding
}

/// The typed file and its positions, or the reason it cannot be read (with its line).
fn read<T: DeserializeOwned>(file: &str, text: &str, out: &mut Findings) -> Option<(T, Located)> {
    match serde_json::from_str::<T>(text) {
        Err(e) => {
            out.0.push(refine(json_error(file, &e), text));
            None
        }
        Ok(value) => Some((value, located::parse(text)?)),
    }
}

/// Bilingual texts (objects with `en` and `zh` strings) that are empty or not translated.
/// Top-level keys in `names` hold names, which read the same in both languages.
fn untranslated(file: &str, doc: &Located, names: &[&str], out: &mut Findings) {
    fn visit(file: &str, value: &Located, out: &mut Findings) {
        if let (Some(en), Some(zh)) = (
            value.get("en").and_then(Located::as_str),
            value.get("zh").and_then(Located::as_str),
        ) {
            let (en_t, zh_t) = (en.trim(), zh.trim());
            if en_t.is_empty() {
                out.error(file, value.line_of("en"), "the English text is empty");
            }
            if zh_t.is_empty() {
                out.error(file, value.line_of("zh"), "the Chinese text is empty");
            } else if en_t == zh_t && zh_t.chars().any(char::is_alphabetic) {
                out.error(
                    file,
                    value.line_of("zh"),
                    format!("\"{}\" is the same in English and Chinese: translate it", excerpt(zh_t)),
                );
            }
            return;
        }
        for item in value.items() {
            visit(file, item, out);
        }
        for member in value.members() {
            visit(file, &member.value, out);
        }
    }
    for member in doc.members() {
        if !names.contains(&member.key.as_str()) {
            visit(file, &member.value, out);
        }
    }
}

fn excerpt(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text.to_string()
    }
}

fn check_manifest(source: &RunbookSource, library: &[String], out: &mut Findings) -> Option<Manifest> {
    let file = MANIFEST_FILE;
    // Unknown fields first, each on its line, so that the rest of the manifest is still checked.
    let doc = match serde_json::from_str::<serde_json::Value>(&source.manifest) {
        Err(e) => {
            out.0.push(json_error(file, &e));
            return None;
        }
        Ok(_) => located::parse(&source.manifest)?,
    };
    let unknown: Vec<&str> = doc
        .members()
        .iter()
        .filter(|m| !manifest::FIELDS.contains(&m.key.as_str()))
        .map(|m| {
            out.error(
                file,
                m.line,
                format!(
                    "unknown field `{}`; a manifest has {}",
                    m.key,
                    manifest::FIELDS.join(", ")
                ),
            );
            m.key.as_str()
        })
        .collect();
    let m: Manifest = if unknown.is_empty() {
        read::<Manifest>(file, &source.manifest, out)?.0
    } else {
        let mut value: serde_json::Value = serde_json::from_str(&source.manifest).ok()?;
        if let Some(fields) = value.as_object_mut() {
            fields.retain(|key, _| !unknown.contains(&key.as_str()));
        }
        match serde_json::from_value(value) {
            Ok(m) => m,
            Err(e) => {
                out.error(file, 1, e.to_string());
                return None;
            }
        }
    };
    let line = |key: &str, index: Option<usize>| {
        let item = doc.get(key).zip(index).and_then(|(v, i)| v.items().get(i));
        item.map_or_else(|| doc.line_of(key), |item| item.line)
    };
    for p in manifest::problems(&m, &source.folder) {
        out.error(file, line(p.key, p.index), p.message);
    }
    for (i, link) in m.links.iter().enumerate() {
        if manifest::is_runbook_id(link) && *link != m.id && !library.contains(link) {
            out.push(
                Level::Warning,
                file,
                line("links", Some(i)),
                format!("links to runbook \"{link}\", which is not in this library; the app says so where it shows the link"),
            );
        }
    }
    untranslated(file, &doc, &["vendor"], out);
    Some(m)
}

/// Ids of a document's headings below the title, with their lines.
fn ids_with_lines(headings: &[HeadingLine], level: Option<u8>) -> Vec<(String, usize)> {
    headings
        .iter()
        .filter(|h| h.level > 1 && level.is_none_or(|l| h.level == l))
        .filter_map(|h| h.id.clone().map(|id| (id, h.line)))
        .collect()
}

/// Both lists must hold the same ids in the same order; `what` names them for the message.
fn same_ids(what: &str, en: &[(String, usize)], zh: &[(String, usize)], out: &mut Findings) {
    let has = |list: &[(String, usize)], id: &str| list.iter().any(|(i, _)| i == id);
    let mut apart = false;
    for (id, line) in en.iter().filter(|(id, _)| !has(zh, id)) {
        apart = true;
        out.error(
            EN_FILE,
            *line,
            format!("{what} {{#{id}}} is not in {ZH_FILE}: both languages need the same ids"),
        );
    }
    for (id, line) in zh.iter().filter(|(id, _)| !has(en, id)) {
        apart = true;
        out.error(
            ZH_FILE,
            *line,
            format!("{what} {{#{id}}} is not in {EN_FILE}: both languages need the same ids"),
        );
    }
    if apart {
        return;
    }
    if let Some(((en_id, _), (zh_id, line))) = en.iter().zip(zh).find(|(a, b)| a.0 != b.0) {
        out.error(
            ZH_FILE,
            *line,
            format!("{what} {{#{zh_id}}} is where {EN_FILE} has {{#{en_id}}}: keep the same order in both languages"),
        );
    }
}

/// Both documents with their titles and parity checked; the heading ids (for the tree's
/// section links) when the English document could be read.
fn check_documents(source: &RunbookSource, manifest: Option<&Manifest>, out: &mut Findings) -> Option<Vec<String>> {
    let mut readable = true;
    for (lang, file, text) in [(Lang::En, EN_FILE, &source.en), (Lang::Zh, ZH_FILE, &source.zh)] {
        match parse_document_at(text, lang) {
            Err((problem, line)) => {
                readable = false;
                out.error(file, line, problem.message().en);
            }
            Ok(doc) => {
                if let Some(m) = manifest {
                    let want = m.title.get(lang);
                    if doc.title != want {
                        let line = heading_lines(text).first().map_or(1, |h| h.line);
                        out.error(
                            file,
                            line,
                            format!(
                                "the title \"{}\" differs from the manifest's {} title \"{want}\"; make them the same",
                                doc.title,
                                lang_code(lang)
                            ),
                        );
                    }
                }
            }
        }
    }
    let (en, zh) = (heading_lines(&source.en), heading_lines(&source.zh));
    if readable {
        same_ids(
            "section",
            &ids_with_lines(&en, Some(2)),
            &ids_with_lines(&zh, Some(2)),
            out,
        );
        for (section, _) in ids_with_lines(&en, Some(2)) {
            let below = |headings: &[HeadingLine]| {
                let start = headings
                    .iter()
                    .position(|h| h.level == 2 && h.id.as_deref() == Some(&section));
                let rest = start.map_or(&headings[..0], |s| &headings[s + 1..]);
                let end = rest.iter().position(|h| h.level <= 2).unwrap_or(rest.len());
                ids_with_lines(&rest[..end], None)
            };
            if zh.iter().any(|h| h.level == 2 && h.id.as_deref() == Some(&section)) {
                same_ids(&format!("sub-heading of {{#{section}}}"), &below(&en), &below(&zh), out);
            }
        }
        for h in zh.iter().filter(|h| h.level > 1) {
            let twin = en.iter().find(|e| e.id.is_some() && e.id == h.id);
            if let Some(e) =
                twin.filter(|e| e.title.trim() == h.title.trim() && h.title.chars().any(char::is_alphabetic))
            {
                out.error(
                    ZH_FILE,
                    h.line,
                    format!(
                        "heading \"{}\" is the same as in {EN_FILE} (line {}): translate it",
                        excerpt(h.title.trim()),
                        e.line
                    ),
                );
            }
        }
    }
    readable.then(|| en.into_iter().filter_map(|h| h.id).collect())
}

fn tree_place_line(doc: &Located, place: &TreePlace) -> usize {
    let nodes = doc.get("nodes");
    let node = |id: &str, nth: usize| {
        nodes
            .map(Located::items)
            .unwrap_or_default()
            .iter()
            .filter(|n| n.get("id").and_then(Located::as_str) == Some(id))
            .nth(nth)
    };
    match place {
        TreePlace::Root => doc.line_of("root"),
        TreePlace::Node { id, nth } => node(id, *nth).map_or(doc.line, |n| n.line_of("id")),
        TreePlace::Answer { node: id, index } => node(id, 0).map_or(doc.line, |n| {
            n.get("answers")
                .and_then(|a| a.items().get(*index))
                .map_or(n.line_of("answers"), |a| a.line)
        }),
    }
}

fn check_tree(source: &RunbookSource, commands: &[String], heading_ids: Option<&[String]>, out: &mut Findings) {
    let file = TREE_FILE;
    let Some((_, doc)) = read::<serde_json::Value>(file, &source.tree, out) else {
        return;
    };
    let nodes = doc.get("nodes").map(Located::items).unwrap_or_default();
    let mut unknown_commands = Vec::new();
    for node in nodes {
        for action in node.get("actions").map(Located::items).unwrap_or_default() {
            let Some((command, line)) = action.get("command").and_then(|c| c.as_str().map(|s| (s, c.line))) else {
                continue;
            };
            if !commands.iter().any(|c| c == command) {
                unknown_commands.push(format!("unknown variant `{command}`"));
                let known = if commands.is_empty() {
                    format!("it has no {COMMANDS_FILE}")
                } else {
                    format!("it has: {}", commands.join(", "))
                };
                out.error(
                    file,
                    line,
                    format!("the step names command \"{command}\", which this runbook does not have ({known})"),
                );
            }
        }
    }
    untranslated(file, &doc, &[], out);
    let tree: Tree = match serde_json::from_str(&source.tree) {
        Ok(tree) => tree,
        Err(e) => {
            let finding = refine(json_error(file, &e), &source.tree);
            // Where the tree's command ids are typed, an unknown one fails parsing too: it is
            // reported above, with the known ones, and the rest of the tree is still checked.
            if !unknown_commands.iter().any(|c| finding.message.starts_with(c.as_str())) {
                out.0.push(finding);
                return;
            }
            let Some(tree) = without_commands(&source.tree, commands) else {
                return;
            };
            tree
        }
    };
    // Blank texts are reported above, each on its own line.
    for e in validate(&tree).into_iter().filter(|e| e.rule != TreeRule::MissingText) {
        out.error(file, tree_place_line(&doc, &e.place), e.message.en);
    }
    let Some(ids) = heading_ids else {
        return;
    };
    for node in nodes
        .iter()
        .filter(|n| n.get("kind").and_then(Located::as_str) == Some("outcome"))
    {
        let Some(section) = node.get("runbook_section") else {
            continue;
        };
        match section.as_str() {
            Some(id) if !id.trim().is_empty() && !ids.iter().any(|h| h == id) => out.error(
                file,
                section.line,
                format!("runbook_section \"{id}\" is not a heading id in {EN_FILE}"),
            ),
            _ => {}
        }
    }
}

/// The tree with the steps' unknown commands left out, when that is all that kept it from parsing.
fn without_commands(text: &str, commands: &[String]) -> Option<Tree> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    for node in value.get_mut("nodes")?.as_array_mut()? {
        let Some(actions) = node.get_mut("actions").and_then(serde_json::Value::as_array_mut) else {
            continue;
        };
        for action in actions.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            let known = action
                .get("command")
                .and_then(serde_json::Value::as_str)
                .is_none_or(|c| commands.iter().any(|k| k == c));
            if !known {
                action.remove("command");
            }
        }
    }
    serde_json::from_value(value).ok()
}

fn check_messages(source: &RunbookSource, out: &mut Findings) {
    let file = MESSAGES_FILE;
    let Some((templates, doc)) = read::<MessageTemplates>(file, &source.messages, out) else {
        return;
    };
    for p in templates.problems() {
        let lang_doc = doc.get(p.kind.as_str()).and_then(|k| k.get(lang_code(p.lang)));
        let line = lang_doc.map_or(doc.line, |t| match &p.place {
            Place::Line(i) => t
                .get("lines")
                .and_then(|l| l.items().get(*i))
                .map_or(t.line, |l| l.line),
            Place::Lines => t.line_of("lines"),
            Place::Placeholder(name) => t.get("placeholders").map_or(t.line, |p| p.line_of(name)),
        });
        out.error(
            file,
            line,
            format!("{} ({}): {}", p.kind.as_str(), lang_code(p.lang), p.problem),
        );
    }
    for kind in MessageKind::ALL {
        let t = templates.get(kind);
        if t.en.lines == t.zh.lines {
            let line = doc.get(kind.as_str()).map_or(doc.line, |k| k.line_of("zh"));
            out.error(
                file,
                line,
                format!("the Chinese {} is the same as the English: translate it", kind.as_str()),
            );
        }
    }
    untranslated(file, &doc, &[], out);
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
