//! The runbook this build carries, rendered at build time (see build.rs) and parsed once; its
//! decision tree is parsed on first use, by the pages that walk it (all in chunks), so the tree's
//! parser stays out of the main wasm.

use std::sync::OnceLock;

use leptos::prelude::*;
use runbook_core::commands::CommandBook;
use runbook_core::runbook::Runbook;
use runbook_core::tree::Tree;

const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/runbooks.json"));
const TREES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/trees.json"));

static RUNBOOK: OnceLock<Runbook> = OnceLock::new();
static TREE: OnceLock<Tree> = OnceLock::new();
static COMMANDS: OnceLock<CommandBook> = OnceLock::new();

/// The runbook being read, and its decision tree.
#[derive(Clone, Copy)]
pub struct Content {
    runbook: &'static Runbook,
}

pub fn use_content() -> Content {
    expect_context::<Content>()
}

impl Content {
    pub fn embedded() -> Content {
        Content {
            runbook: RUNBOOK.get_or_init(|| {
                let mut books: Vec<Runbook> =
                    serde_json::from_str(CATALOG_JSON).expect("build.rs embeds the catalog it rendered");
                books.remove(0)
            }),
        }
    }

    pub fn runbook(self) -> &'static Runbook {
        self.runbook
    }

    /// The runbook's commands and its commands page (`commands.json`), parsed on first use by
    /// the pages that show commands (all in chunks), so that their parser stays out of the main
    /// wasm.
    pub fn commands(self) -> &'static CommandBook {
        COMMANDS.get_or_init(|| {
            self.runbook
                .commands
                .book()
                .expect("build.rs embeds the command book it checked")
        })
    }

    /// The runbook's decision tree (build.rs writes the trees in catalog order).
    pub fn tree(self) -> &'static Tree {
        TREE.get_or_init(|| {
            let mut trees: Vec<Tree> = serde_json::from_str(TREES_JSON).expect("build.rs embeds the trees it checked");
            trees.remove(0)
        })
    }
}
