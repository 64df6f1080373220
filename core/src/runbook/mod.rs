//! The runbook content model. Each runbook is a folder `content/<id>/` with `manifest.json`
//! (metadata, severity levels) and one Markdown document per language, embedded at build time.
//! Loading parses and renders once, without I/O; both languages must have the same sections
//! and sub-headings, with the same ids, in the same order.

mod document;
mod error;
mod manifest;

#[cfg(test)]
mod coverage;
#[cfg(test)]
mod tests;

pub use document::{Document, Heading, Section};
pub use error::{ContentError, DocumentProblem};
pub use manifest::SeverityLevel;

use crate::i18n::{Bilingual, Lang};
use crate::severity::Severity;
use crate::tree::{validate, Tree};

/// A runbook's embedded files, not yet parsed.
#[derive(Clone, Copy, Debug)]
pub struct RunbookSource {
    /// The folder under `content/`, which is also the runbook id.
    pub folder: &'static str,
    pub manifest: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// The decision tree (`tree.json`).
    pub tree: &'static str,
}

macro_rules! embedded_runbook {
    ($folder:literal) => {
        RunbookSource {
            folder: $folder,
            manifest: include_str!(concat!("../../../content/", $folder, "/manifest.json")),
            en: include_str!(concat!("../../../content/", $folder, "/runbook.en.md")),
            zh: include_str!(concat!("../../../content/", $folder, "/runbook.zh.md")),
            tree: include_str!(concat!("../../../content/", $folder, "/tree.json")),
        }
    };
}

static CATALOG: [RunbookSource; 1] = [embedded_runbook!("instantly")];

/// Every runbook built into the app.
pub fn catalog() -> &'static [RunbookSource] {
    &CATALOG
}

/// The catalog as the app's build embeds it, as JSON: every runbook loaded and rendered (the
/// browser gets finished HTML and needs no Markdown parser), and apart from them their decision
/// trees, in the same order, so that only the pages that walk a tree carry its parser.
pub struct RenderedCatalog {
    pub runbooks: String,
    pub trees: String,
}

pub fn render_catalog() -> Result<RenderedCatalog, ContentError> {
    let books = catalog().iter().map(load).collect::<Result<Vec<_>, _>>()?;
    let trees = catalog().iter().map(tree).collect::<Result<Vec<_>, _>>()?;
    Ok(RenderedCatalog {
        runbooks: serde_json::to_string(&books).expect("a runbook always serialises"),
        trees: serde_json::to_string(&trees).expect("a tree always serialises"),
    })
}

pub fn find(id: &str) -> Option<&'static RunbookSource> {
    catalog().iter().find(|source| source.folder == id)
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Runbook {
    pub id: String,
    pub title: Bilingual,
    /// YYYY-MM-DD.
    pub reviewed: String,
    /// The file the content was transcribed from, inside the runbook folder.
    pub source: String,
    pub severities: Vec<SeverityLevel>,
    pub en: Document,
    pub zh: Document,
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
}

pub fn load(source: &RunbookSource) -> Result<Runbook, ContentError> {
    let manifest = manifest::parse_manifest(source.folder, source.manifest)?;
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
    let en = parse(Lang::En, source.en)?;
    let zh = parse(Lang::Zh, source.zh)?;
    check_same_structure(&manifest.id, &en, &zh)?;
    // A runbook loads only with a valid decision tree; `tree` gives the tree itself.
    load_tree(&manifest.id, source.tree)?;
    Ok(Runbook {
        id: manifest.id,
        title: manifest.title,
        reviewed: manifest.reviewed,
        source: manifest.source,
        severities: manifest.severities,
        en,
        zh,
    })
}

/// The runbook's decision tree, parsed and checked.
pub fn tree(source: &RunbookSource) -> Result<Tree, ContentError> {
    load_tree(source.folder, source.tree)
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
