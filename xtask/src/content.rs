//! The runbook packages on disk, read with the core's loader (`runbook::discover`,
//! `runbook::package`): the library the build ships, and any package folder for `xtask check`.
//!
//! The library is every package folder in `content/`. `RUNBOOK_LIBRARY` (parent folders
//! separated by `:`, relative to the repository) replaces that list: the e2e build adds the
//! synthetic fixture with `RUNBOOK_LIBRARY=content:tests/fixtures/runbooks`.

use std::path::{Path, PathBuf};

use runbook_core::runbook::{self, check, RunbookSource};

/// The repository's root.
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `content/` of this repository.
pub fn content_dir() -> PathBuf {
    repo_dir().join("content")
}

/// The parent folders the library is read from.
pub fn library_dirs() -> Vec<PathBuf> {
    match std::env::var("RUNBOOK_LIBRARY") {
        Ok(list) if !list.trim().is_empty() => list
            .split(':')
            .filter(|d| !d.is_empty())
            .map(|d| repo_dir().join(d))
            .collect(),
        _ => vec![content_dir()],
    }
}

/// Every package of the library, in library order (by id), each checked with the authoring
/// check: an error fails with the file and line, a warning is printed.
pub fn library() -> Result<Vec<RunbookSource>, String> {
    let mut folders = Vec::new();
    for parent in library_dirs() {
        for id in runbook_ids(&parent)? {
            folders.push((id.clone(), parent.join(id)));
        }
    }
    folders.sort();
    if let Some(pair) = folders.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!(
            "two runbooks have the id {:?}: {} and {}",
            pair[0].0,
            pair[0].1.display(),
            pair[1].1.display()
        ));
    }
    if folders.is_empty() {
        return Err("the library has no runbook (content/ is empty)".into());
    }
    let ids: Vec<String> = folders.iter().map(|(id, _)| id.clone()).collect();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (_, dir) in &folders {
        let source = read_package(dir)?;
        for finding in check::check(&source, &ids) {
            let line = format!("{}/{finding}", dir.display());
            if finding.is_error() {
                errors.push(line);
            } else {
                eprintln!("warning: {line}");
            }
        }
        sources.push(source);
    }
    if !errors.is_empty() {
        return Err(format!(
            "the runbook content has {} mistake(s) (check one package with `cargo run -p xtask -- check <folder>`):\n{}",
            errors.len(),
            errors.join("\n")
        ));
    }
    Ok(sources)
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
