//! `xtask synth <n> <out-dir>`: `n` synthetic runbook packages for measuring the library at size
//! (scripts/bench-library.sh builds with `RUNBOOK_LIBRARY=content:<out-dir>`). Each one is a copy
//! of the fixture tests/fixtures/runbooks/synthetic-queue under an id of its own
//! (`synthetic-queue-01`, …), and differs where the library needs runbooks to differ:
//! - the manifest's `id` (the folder name), `health_service`, numbered `title` and `vendor` in
//!   both languages (the documents' titles follow: they must equal the manifest's);
//! - its `alerts`, numbered too: an alert opens the first runbook that answers it
//!   (runbook_core::library::Library::for_alert), so two runbooks must not share one;
//! - its `links`: the next package of the set (none when there is one), so that every package
//!   passes the authoring check with no finding, on its own as in any library holding the set.
//!
//! Every package written is checked before `synth` succeeds.

use std::path::{Path, PathBuf};

use runbook_core::runbook::{check, EN_FILE, MANIFEST_FILE, ZH_FILE};
use serde_json::Value;

use crate::content;

/// The fixture the packages are made from, in the repository.
pub fn fixture_dir() -> PathBuf {
    content::repo_dir().join("tests/fixtures/runbooks/synthetic-queue")
}

/// Writes `n` packages made from the package in `fixture` into `out` and returns their ids, in
/// library order. `out` is created if needed; it may hold packages of an earlier run (folders
/// `<fixture id>-<number>`), which are replaced, and nothing else.
pub fn write(fixture: &Path, n: usize, out: &Path) -> Result<Vec<String>, String> {
    if n == 0 {
        return Err("synth: the number of runbooks must be at least 1".into());
    }
    let base = content::read_package(fixture)?.folder;
    let width = n.to_string().len().max(2);
    let ids: Vec<String> = (1..=n).map(|i| format!("{base}-{i:0width$}")).collect();
    clear(out, &base)?;
    let files = fixture_files(fixture)?;
    for (i, id) in ids.iter().enumerate() {
        let number = format!("{:0width$}", i + 1);
        let next = (n > 1).then(|| ids[(i + 1) % n].as_str());
        let dir = out.join(id);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let manifest = read(&fixture.join(MANIFEST_FILE))?;
        let (manifest, titles) = numbered_manifest(&manifest, id, &number, next)?;
        for (name, text) in &files {
            let text = match name.as_str() {
                MANIFEST_FILE => manifest.clone(),
                EN_FILE => retitle(text, &titles.0, &titles.1).map_err(|e| format!("{name}: {e}"))?,
                ZH_FILE => retitle(text, &titles.2, &titles.3).map_err(|e| format!("{name}: {e}"))?,
                _ => text.clone(),
            };
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for id in &ids {
        let dir = out.join(id);
        let source = content::read_package(&dir)?;
        let findings = check::check(&source, &ids);
        if !findings.is_empty() {
            let lines: Vec<String> = findings.iter().map(|f| format!("{}/{f}", dir.display())).collect();
            return Err(format!(
                "synth: a written package does not pass the authoring check:\n{}",
                lines.join("\n")
            ));
        }
    }
    Ok(ids)
}

/// Removes the packages of an earlier run from `out`; refuses a folder holding anything else.
fn clear(out: &Path, base: &str) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    let entries = std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut earlier = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", out.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let numbered = name
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !numbered || !entry.path().is_dir() {
            return Err(format!(
                "synth: {} holds {name:?}, which synth did not write; give it an empty or new folder",
                out.display()
            ));
        }
        earlier.push(entry.path());
    }
    for dir in earlier {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// Every file of the fixture (name, text), by name.
fn fixture_files(fixture: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(fixture).map_err(|e| format!("{}: {e}", fixture.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", fixture.display()))?;
        if entry.path().is_file() {
            files.push((entry.file_name().to_string_lossy().into_owned(), read(&entry.path())?));
        }
    }
    files.sort();
    Ok(files)
}

/// (English title before, after, Chinese title before, after).
type Titles = (String, String, String, String);

/// The fixture's manifest as package `id`, number `number`, linking to `next`.
fn numbered_manifest(text: &str, id: &str, number: &str, next: Option<&str>) -> Result<(String, Titles), String> {
    let bad = |what: &str| format!("{MANIFEST_FILE}: the fixture's {what} is missing or not as expected");
    let mut m: Value = serde_json::from_str(text).map_err(|e| format!("{MANIFEST_FILE}: {e}"))?;
    let fields = m.as_object_mut().ok_or_else(|| bad("manifest"))?;
    let mut titles = (String::new(), String::new(), String::new(), String::new());
    for key in ["title", "vendor"] {
        let text = fields
            .get_mut(key)
            .and_then(Value::as_object_mut)
            .ok_or_else(|| bad(key))?;
        for lang in ["en", "zh"] {
            let old = text
                .get(lang)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(key))?
                .to_string();
            let new = format!("{old} {number}");
            if key == "title" {
                if lang == "en" {
                    titles.0.clone_from(&old);
                    titles.1.clone_from(&new);
                } else {
                    titles.2.clone_from(&old);
                    titles.3.clone_from(&new);
                }
            }
            text.insert(lang.into(), Value::String(new));
        }
    }
    let alerts: Vec<Value> = fields
        .get("alerts")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("alerts"))?
        .iter()
        .map(|a| a.as_str().map(|a| Value::String(format!("{a}{number}"))))
        .collect::<Option<_>>()
        .ok_or_else(|| bad("alerts"))?;
    fields.insert("id".into(), Value::String(id.into()));
    fields.insert("health_service".into(), Value::String(id.into()));
    fields.insert("alerts".into(), Value::Array(alerts));
    fields.insert(
        "links".into(),
        Value::Array(next.map(|n| Value::String(n.into())).into_iter().collect()),
    );
    let json = serde_json::to_string_pretty(&m).map_err(|e| format!("{MANIFEST_FILE}: {e}"))?;
    Ok((format!("{json}\n"), titles))
}

/// `doc` with its title line `# old` made `# new`.
fn retitle(doc: &str, old: &str, new: &str) -> Result<String, String> {
    let line = format!("# {old}");
    let at = doc
        .lines()
        .position(|l| l.trim_end() == line)
        .ok_or_else(|| format!("no title line {line:?}"))?;
    let mut out: Vec<String> = doc.lines().map(str::to_string).collect();
    out[at] = format!("# {new}");
    let mut text = out.join("\n");
    if doc.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use runbook_core::runbook;

    /// A fresh folder under the system's temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!("xtask-synth-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn load(dir: &Path) -> runbook::Runbook {
        runbook::load(&content::read_package(dir).unwrap()).unwrap()
    }

    #[test]
    fn writes_distinct_numbered_packages_that_pass_the_check() {
        let tmp = TempDir::new("three");
        let out = tmp.0.join("library");
        let ids = write(&fixture_dir(), 3, &out).unwrap();
        assert_eq!(ids, ["synthetic-queue-01", "synthetic-queue-02", "synthetic-queue-03"]);
        assert_eq!(content::runbook_ids(&out).unwrap(), ids);

        let original = load(&fixture_dir());
        let books: Vec<runbook::Runbook> = ids.iter().map(|id| load(&out.join(id))).collect();
        for (i, (id, book)) in ids.iter().zip(&books).enumerate() {
            let number = format!("{:02}", i + 1);
            assert_eq!(&book.id, id);
            assert_eq!(book.health_service, *id);
            assert_eq!(book.title.en, format!("{} {number}", original.title.en));
            assert_eq!(book.title.zh, format!("{} {number}", original.title.zh));
            assert_eq!(book.vendor.en, format!("{} {number}", original.vendor.en));
            assert_eq!(book.vendor.zh, format!("{} {number}", original.vendor.zh));
            assert_eq!(book.alerts.len(), original.alerts.len());
            assert_eq!(book.links, [ids[(i + 1) % 3].clone()]);
            // The rest of the runbook is the fixture's.
            assert_eq!(book.severities, original.severities);
            assert_eq!(book.owners, original.owners);
            // Checked on its own (the library is the folders next to it): no finding at all.
            let (report, errors) = crate::check::report(&out.join(id)).unwrap();
            assert!(!errors, "{report}");
            assert!(report.ends_with(": 0 errors, 0 warnings\n"), "{report}");
        }
        let mut alerts: Vec<&String> = books.iter().flat_map(|b| &b.alerts).collect();
        let all = alerts.len();
        alerts.sort();
        alerts.dedup();
        assert_eq!(alerts.len(), all, "an alert is answered by two runbooks: {alerts:?}");
        assert!(!books
            .iter()
            .flat_map(|b| &b.alerts)
            .any(|a| original.alerts.contains(a)));
    }

    #[test]
    fn one_package_links_nowhere_and_a_rerun_replaces_the_earlier_set() {
        let tmp = TempDir::new("rerun");
        let out = tmp.0.join("library");
        write(&fixture_dir(), 12, &out).unwrap();
        assert_eq!(write(&fixture_dir(), 1, &out).unwrap(), ["synthetic-queue-01"]);
        assert_eq!(content::runbook_ids(&out).unwrap(), ["synthetic-queue-01"]);
        assert!(load(&out.join("synthetic-queue-01")).links.is_empty());
    }

    #[test]
    fn numbers_are_as_wide_as_the_largest() {
        let tmp = TempDir::new("wide");
        let ids = write(&fixture_dir(), 100, &tmp.0).unwrap();
        assert_eq!(ids.first().unwrap(), "synthetic-queue-001");
        assert_eq!(ids.last().unwrap(), "synthetic-queue-100");
    }

    #[test]
    fn refuses_a_folder_holding_something_else_or_zero() {
        let tmp = TempDir::new("other");
        std::fs::create_dir_all(tmp.0.join("instantly")).unwrap();
        let err = write(&fixture_dir(), 2, &tmp.0).unwrap_err();
        assert!(err.contains("\"instantly\""), "{err}");
        assert!(tmp.0.join("instantly").is_dir());
        assert!(write(&fixture_dir(), 0, &tmp.0.join("new")).is_err());
    }
}
