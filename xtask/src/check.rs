//! `xtask check content/<id> [...]`: the authoring check of runbook packages, as the build runs
//! it (build.rs): every mistake with its file and line. The library a package's links are
//! checked against is the runbook folders next to it.

use std::path::Path;

use runbook_core::runbook::check::{self, Finding};

use crate::content;

/// The check's report on the package in `dir`: one line per finding, `dir/file:line: ...`,
/// then a summary; and whether there was an error.
pub fn report(dir: &Path) -> Result<(String, bool), String> {
    let source = content::read_package(dir)?;
    let parent = dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{}: has no parent folder", dir.display()))?;
    let library = content::runbook_ids(&parent).unwrap_or_else(|_| vec![source.folder.clone()]);
    let findings: Vec<Finding> = check::check(&source, &library);
    let shown = dir.display().to_string();
    let shown = shown.trim_end_matches('/');
    let mut out = String::new();
    for finding in &findings {
        out.push_str(&format!("{shown}/{finding}\n"));
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{shown}: {}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    Ok((out, errors > 0))
}
