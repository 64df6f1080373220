//! The runbook content model. A runbook is a package, the folder `content/<id>/`: `manifest.json`
//! (metadata, vendor, severity levels), one Markdown document per language, the decision tree
//! (`tree.json`) and the message templates (`messages.json`); docs/runbook-format.md describes
//! it. The core reads no files: whoever has the folder (build.rs, xtask, tests) reads it through
//! [`package`] and hands the texts over. Loading parses and renders once; both languages must
//! have the same sections and sub-headings, with the same ids, in the same order. [`check`]
//! lists every mistake of a package with its file and line, for authors and for the build.

pub mod check;
mod document;
mod error;
mod located;
mod manifest;

#[cfg(test)]
mod tests;

pub use document::{Document, Heading, Section};
pub use error::{ContentError, DocumentProblem};
pub use manifest::{is_runbook_id, SeverityLevel};

use crate::commands::{parse_commands, CommandBook, PackageError, RenderedCommands};
use crate::i18n::{Bilingual, Lang};
use crate::messages::{MessageTemplates, RunbookMessages};
use crate::severity::Severity;
use crate::tree::{validate, Node, RenderedTree, Tree};

pub const MANIFEST_FILE: &str = "manifest.json";
pub const EN_FILE: &str = "runbook.en.md";
pub const ZH_FILE: &str = "runbook.zh.md";
pub const TREE_FILE: &str = "tree.json";
pub const MESSAGES_FILE: &str = "messages.json";

/// A runbook package as its files' texts, not yet parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunbookSource {
    /// The folder under `content/`, which is also the runbook id.
    pub folder: String,
    pub manifest: String,
    pub en: String,
    pub zh: String,
    /// The decision tree (`tree.json`).
    pub tree: String,
    /// The message templates (`messages.json`).
    pub messages: String,
    /// The commands and the commands page (`commands.json`, optional): `None` when the package
    /// has no such file, and then the runbook has no commands.
    pub commands: Option<String>,
}

impl RunbookSource {
    /// Every file of the package, by its name in the folder.
    pub fn files(&self) -> [(&'static str, &str); 5] {
        [
            (MANIFEST_FILE, &self.manifest),
            (EN_FILE, &self.en),
            (ZH_FILE, &self.zh),
            (TREE_FILE, &self.tree),
            (MESSAGES_FILE, &self.messages),
        ]
    }
}

/// The package of runbook `folder`, read through `read`: given a file name in the folder, it
/// returns the file's text. The one place that knows which files a package has.
pub fn package<E>(folder: &str, mut read: impl FnMut(&str) -> Result<String, E>) -> Result<RunbookSource, E> {
    Ok(RunbookSource {
        folder: folder.to_string(),
        manifest: read(MANIFEST_FILE)?,
        en: read(EN_FILE)?,
        zh: read(ZH_FILE)?,
        tree: read(TREE_FILE)?,
        messages: read(MESSAGES_FILE)?,
        commands: read(check::COMMANDS_FILE).ok(),
    })
}

/// The runbook folders among the entries of `content/`, in the order the library shows them
/// (by id). Hidden entries (`.git`, `.DS_Store`) are skipped; any other name must be a runbook
/// id, so that a typo in a folder name fails the build instead of hiding a runbook.
pub fn discover(names: impl IntoIterator<Item = String>) -> Result<Vec<String>, String> {
    let mut ids: Vec<String> = names.into_iter().filter(|n| !n.starts_with('.')).collect();
    if let Some(bad) = ids.iter().find(|n| !manifest::is_runbook_id(n)) {
        return Err(format!(
            "content/{bad} is not a runbook id: a runbook folder is named with a-z, 0-9 and '-' only"
        ));
    }
    ids.sort();
    if ids.is_empty() {
        return Err("content/ holds no runbook: add a folder content/<id>/ (see docs/runbook-format.md)".into());
    }
    Ok(ids)
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Runbook {
    pub id: String,
    pub title: Bilingual,
    /// The vendor's display name.
    pub vendor: Bilingual,
    /// The key of the integration under `services` in our health endpoint's answer.
    pub health_service: String,
    pub owners: Vec<String>,
    /// Alert names this runbook answers.
    pub alerts: Vec<String>,
    /// Ids of other runbooks this one points to; they may be missing from the library.
    pub links: Vec<String>,
    /// YYYY-MM-DD.
    pub reviewed: String,
    /// The file the content was transcribed from, inside the runbook folder.
    pub source: String,
    pub severities: Vec<SeverityLevel>,
    /// The section whose body is the severity levels as cards, if the runbook has one.
    pub severity_section: Option<String>,
    pub en: Document,
    pub zh: Document,
    pub messages: MessageTemplates,
    /// The commands, their page and their parameter labels (`commands.json`), checked; parsed
    /// on first use by the pages that show commands ([`RenderedCommands::book`]).
    pub commands: RenderedCommands,
    /// The decision tree, checked; parsed on first use by the pages that walk it
    /// ([`RenderedTree::tree`]).
    pub tree: RenderedTree,
}

/// The same section in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionPair<'a> {
    pub id: &'a str,
    pub en: &'a Section,
    pub zh: &'a Section,
}

impl<'a> SectionPair<'a> {
    pub fn get(&self, lang: Lang) -> &'a Section {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

impl Runbook {
    pub fn document(&self, lang: Lang) -> &Document {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    pub fn section(&self, lang: Lang, id: &str) -> Option<&Section> {
        self.document(lang).section(id)
    }

    /// Sections in document order, English and Chinese side by side.
    pub fn paired_sections(&self) -> impl Iterator<Item = SectionPair<'_>> + '_ {
        self.en
            .sections
            .iter()
            .zip(&self.zh.sections)
            .map(|(en, zh)| SectionPair { id: &en.id, en, zh })
    }

    pub fn severity(&self, level: Severity) -> Option<&SeverityLevel> {
        self.severities.iter().find(|s| s.level == level)
    }

    /// What the message templates need from the runbook.
    pub fn message_source(&self) -> RunbookMessages<'_> {
        RunbookMessages {
            vendor: &self.vendor,
            templates: &self.messages,
        }
    }

    /// Whether this runbook answers the alert named `alert`.
    pub fn answers_alert(&self, alert: &str) -> bool {
        self.alerts.iter().any(|a| a == alert)
    }
}

pub fn load(source: &RunbookSource) -> Result<Runbook, ContentError> {
    let manifest = manifest::parse_manifest(&source.folder, &source.manifest)?;
    let parse = |lang: Lang, markdown: &str| {
        let document = document::parse_document(markdown, lang).map_err(|problem| ContentError::Document {
            runbook: manifest.id.clone(),
            lang,
            problem,
        })?;
        let expected = manifest.title.get(lang);
        if document.title != expected {
            return Err(ContentError::TitleMismatch {
                runbook: manifest.id.clone(),
                lang,
                manifest: expected.to_string(),
                document: document.title,
            });
        }
        Ok(document)
    };
    let en = parse(Lang::En, &source.en)?;
    let zh = parse(Lang::Zh, &source.zh)?;
    check_same_structure(&manifest.id, &en, &zh)?;
    if let Some(section) = &manifest.severity_section {
        if !en.sections.iter().any(|s| &s.id == section) {
            return Err(ContentError::Manifest {
                runbook: manifest.id.clone(),
                reason: format!("severity_section {section:?} is not a section id of the documents"),
            });
        }
    }
    // A runbook loads only with a valid decision tree; `tree` gives the tree itself.
    let tree = load_tree(&manifest.id, &source.tree)?;
    let messages = load_messages(&manifest.id, &source.messages)?;
    let commands = load_commands(&manifest.id, source.commands.as_deref(), &tree)?;
    Ok(Runbook {
        id: manifest.id,
        title: manifest.title,
        vendor: manifest.vendor,
        health_service: manifest.health_service,
        owners: manifest.owners,
        alerts: manifest.alerts,
        links: manifest.links,
        reviewed: manifest.reviewed,
        source: manifest.source,
        severities: manifest.severities,
        severity_section: manifest.severity_section,
        en,
        zh,
        messages,
        commands: RenderedCommands::render(&commands),
        tree: RenderedTree::render(&tree),
    })
}

/// The commands file, every template checked (commands::parse_commands); every command the
/// decision tree names must be in it.
fn load_commands(runbook: &str, json: Option<&str>, tree: &Tree) -> Result<CommandBook, ContentError> {
    let book = match json {
        None => CommandBook::default(),
        Some(json) => parse_commands(&format!("content/{runbook}/{}", check::COMMANDS_FILE), json).map_err(|e| {
            ContentError::Commands {
                runbook: runbook.to_string(),
                problems: e.iter().map(PackageError::message).collect(),
            }
        })?,
    };
    let mut problems: Vec<Bilingual> = Vec::new();
    let named = tree
        .nodes
        .iter()
        .flat_map(|node| match node {
            Node::Outcome { actions, .. } => actions.as_slice(),
            Node::Question { .. } => &[],
        })
        .filter_map(|action| action.command.as_ref().map(|c| c.as_str().to_string()));
    for id in named {
        let message = unknown_command(&book, &id);
        if book.get(&id).is_none() && !problems.contains(&message) {
            problems.push(message);
        }
    }
    if problems.is_empty() {
        Ok(book)
    } else {
        Err(ContentError::Tree {
            runbook: runbook.to_string(),
            problems,
        })
    }
}

fn unknown_command(book: &CommandBook, id: &str) -> Bilingual {
    let known = book.ids().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
    Bilingual::new(
        format!("an action names the unknown command \"{id}\" (commands.json has {known})"),
        format!("某个行动指向未知的命令 \"{id}\"(commands.json 中有 {known})"),
    )
}

/// The message templates, parsed, with every field name known to its message.
fn load_messages(runbook: &str, json: &str) -> Result<MessageTemplates, ContentError> {
    let problem = |reason: String| ContentError::Messages {
        runbook: runbook.to_string(),
        reason,
    };
    let templates: MessageTemplates = serde_json::from_str(json).map_err(|e| problem(e.to_string()))?;
    match templates.problems().first() {
        None => Ok(templates),
        Some(p) => Err(problem(format!(
            "{} ({}): {}",
            p.kind.as_str(),
            lang_code(p.lang),
            p.problem
        ))),
    }
}

pub(crate) fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The runbook's decision tree, parsed and checked.
pub fn tree(source: &RunbookSource) -> Result<Tree, ContentError> {
    load_tree(&source.folder, &source.tree)
}

/// The decision tree, parsed and checked: every node reachable, no cycles, outcomes at the leaves.
fn load_tree(runbook: &str, json: &str) -> Result<Tree, ContentError> {
    let tree = Tree::parse(json).map_err(|problem| ContentError::Tree {
        runbook: runbook.to_string(),
        problems: vec![problem],
    })?;
    let problems: Vec<Bilingual> = validate(&tree).into_iter().map(|e| e.message).collect();
    if problems.is_empty() {
        Ok(tree)
    } else {
        Err(ContentError::Tree {
            runbook: runbook.to_string(),
            problems,
        })
    }
}

/// Both languages must have the same section ids and, per section, the same sub-heading ids,
/// in the same order: the reader switches language or reads both side by side by id.
fn check_same_structure(runbook: &str, en: &Document, zh: &Document) -> Result<(), ContentError> {
    let section_ids = |d: &Document| d.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let (en_ids, zh_ids) = (section_ids(en), section_ids(zh));
    if en_ids != zh_ids {
        return Err(ContentError::SectionsDiffer {
            runbook: runbook.to_string(),
            en: en_ids,
            zh: zh_ids,
        });
    }
    let sub_ids = |s: &Section| s.subsections.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    for (en_section, zh_section) in en.sections.iter().zip(&zh.sections) {
        let (en_subs, zh_subs) = (sub_ids(en_section), sub_ids(zh_section));
        if en_subs != zh_subs {
            return Err(ContentError::SubsectionsDiffer {
                runbook: runbook.to_string(),
                section: en_section.id.clone(),
                en: en_subs,
                zh: zh_subs,
            });
        }
    }
    Ok(())
}
