//! The runbook packages on disk, read with the core's loader (`runbook::discover`,
//! `runbook::package`): the library under `content/` for the pre-rendered page, and any package
//! folder for `xtask check`.

use std::path::{Path, PathBuf};

use runbook_core::runbook::{self, RunbookSource};

/// `content/` of this repository.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The package in folder `dir`; its id is the folder's name.
pub fn read_package(dir: &Path) -> Result<RunbookSource, String> {
    let id = folder_name(dir)?;
    runbook::package(&id, |file| {
        let path = dir.join(file);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    })
}

fn folder_name(dir: &Path) -> Result<String, String> {
    let dir = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    dir.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("{}: not a folder name", dir.display()))
}

/// The runbook folders in `parent`, in library order. Files next to them are not runbooks.
pub fn runbook_ids(parent: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", parent.display()))?;
        if entry.path().is_dir() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    runbook::discover(names)
}

/// The first runbook of the library, the one `/` shows.
pub fn first_runbook() -> Result<RunbookSource, String> {
    let dir = content_dir();
    let ids = runbook_ids(&dir)?;
    let first = ids.first().ok_or("content/ holds no runbook: nothing to pre-render")?;
    read_package(&dir.join(first))
}
