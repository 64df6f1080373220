//! One runbook of the library, loaded (state/library.rs). Its decision tree and its commands
//! are parsed on first use, by the pages that walk or show them (all in chunks), so that their
//! parsers stay out of the main wasm.

use std::sync::OnceLock;

use leptos::prelude::*;
use runbook_core::commands::CommandBook;
use runbook_core::library;
use runbook_core::runbook::Runbook;
use runbook_core::tree::Tree;

/// The runbook the page belongs to (provided by the runbook's route, pages/scope.rs).
#[derive(Clone, Copy)]
pub struct Content {
    loaded: &'static Loaded,
}

struct Loaded {
    runbook: Runbook,
    tree: OnceLock<Tree>,
    commands: OnceLock<CommandBook>,
}

/// One runbook is one value for the whole visit.
impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.loaded, other.loaded)
    }
}

pub fn use_content() -> Content {
    expect_context::<Content>()
}

impl Content {
    /// Kept for the rest of the visit: a runbook loads once per visit.
    pub fn new(runbook: Runbook) -> Content {
        Content {
            loaded: Box::leak(Box::new(Loaded {
                runbook,
                tree: OnceLock::new(),
                commands: OnceLock::new(),
            })),
        }
    }

    pub fn runbook(self) -> &'static Runbook {
        &self.loaded.runbook
    }

    pub fn id(self) -> &'static str {
        &self.loaded.runbook.id
    }

    /// The path of one of this runbook's pages: `suffix` is the page's own path (`/triage`,
    /// `/wizard?a=…`, or "" for the runbook itself), as in `ui_text::NAV_LINKS`.
    pub fn path(self, suffix: &str) -> String {
        format!("/r/{}{suffix}", self.id())
    }

    /// The path of one section of the runbook.
    pub fn section_path(self, section: &str) -> String {
        library::page_path(self.id(), &library::Page::Section(section.to_string()))
    }

    /// The runbook's commands and its commands page (`commands.json`).
    pub fn commands(self) -> &'static CommandBook {
        self.loaded.commands.get_or_init(|| {
            self.loaded
                .runbook
                .commands
                .book()
                .expect("the build writes the command book it checked")
        })
    }

    /// The runbook's decision tree.
    pub fn tree(self) -> &'static Tree {
        self.loaded.tree.get_or_init(|| {
            self.loaded
                .runbook
                .tree
                .tree()
                .expect("the build writes the tree it checked")
        })
    }
}
