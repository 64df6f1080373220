//! The runbook packages under `content/`, read from disk with the core's package loader
//! (`runbook::discover`, `runbook::package`), as build.rs and xtask read them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use runbook_core::runbook::{self, Runbook, RunbookSource};

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The package in `dir`, named after the folder.
pub fn read_package(dir: &Path) -> RunbookSource {
    let id = dir.file_name().and_then(|n| n.to_str()).expect("a folder name");
    runbook::package(id, |file| {
        std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))
    })
    .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// The ids of every runbook under `content/`, in library order.
pub fn library_ids() -> Vec<String> {
    let names = std::fs::read_dir(content_dir())
        .expect("content/ exists")
        .map(|e| e.expect("a readable entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().expect("a UTF-8 folder name"));
    runbook::discover(names).expect("content/ holds runbooks")
}

pub fn library() -> Vec<RunbookSource> {
    library_ids()
        .iter()
        .map(|id| read_package(&content_dir().join(id)))
        .collect()
}

pub fn source(id: &str) -> RunbookSource {
    read_package(&content_dir().join(id))
}

pub fn load(id: &str) -> Runbook {
    runbook::load(&source(id)).unwrap_or_else(|e| panic!("{e}"))
}
