//! The library's data files: each runbook rendered (runbook_core::runbook::load) into
//! `runbooks/<id>-<hash>.json`, and the index of them all that every page carries.

use std::path::Path;

use runbook_core::library::{Entry, Library, DATA_DIR};
use runbook_core::runbook::{self, Runbook, RunbookSource};

use crate::hash::short_hex;

/// Writes each runbook's data file into `staging` and returns the index and the runbooks.
pub fn write(staging: &Path, sources: &[RunbookSource]) -> Result<(Library, Vec<Runbook>), String> {
    let dir = staging.join(DATA_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut library = Library::default();
    let mut books = Vec::new();
    for source in sources {
        let book = runbook::load(source).map_err(|e| format!("runbook {}: {e}", source.folder))?;
        let json = serde_json::to_string(&book).map_err(|e| format!("runbook {}: {e}", book.id))?;
        let file = format!("{}-{}.json", book.id, &short_hex(json.as_bytes())[..12]);
        std::fs::write(dir.join(&file), &json).map_err(|e| format!("{DATA_DIR}/{file}: {e}"))?;
        library.runbooks.push(Entry::of(&book, format!("/{DATA_DIR}/{file}")));
        books.push(book);
    }
    Ok((library, books))
}
