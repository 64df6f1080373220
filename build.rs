//! Renders the runbook library at build time. Every folder under `content/` is a runbook package
//! (docs/runbook-format.md): there is no catalog to add it to. Each package is checked first
//! with the authoring check (`cargo run -p xtask -- check content/<id>` runs the same): a mistake
//! fails the build naming the file and the line, a warning (a link to a runbook not in the
//! library) is printed. Then the runbooks (Markdown -> safe HTML, validated) go into
//! `$OUT_DIR/runbooks.json` and their decision trees into `$OUT_DIR/trees.json`, which the app
//! embeds: no Markdown parser ships to the browser.

use std::path::{Path, PathBuf};

use runbook_core::runbook::{self, check, RunbookSource};

fn main() {
    // Relocations let xtask/src/split.rs move each lazily loaded page into a wasm chunk of its own.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=core/src");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    let ids = runbook_ids(&content);
    let sources: Vec<RunbookSource> = ids.iter().map(|id| read_package(&content.join(id), id)).collect();

    let mut errors = Vec::new();
    for source in &sources {
        for finding in check::check(source, &ids) {
            let line = format!("content/{}/{finding}", source.folder);
            if finding.is_error() {
                errors.push(line);
            } else {
                println!("cargo:warning={line}");
            }
        }
    }
    if !errors.is_empty() {
        panic!(
            "the runbook content has {} mistake(s) (check one package with `cargo run -p xtask -- check content/<id>`):\n{}",
            errors.len(),
            errors.join("\n")
        );
    }

    let rendered = runbook::render_catalog(&sources).unwrap_or_else(|e| panic!("runbook content is invalid: {e}"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, json) in [("runbooks.json", &rendered.runbooks), ("trees.json", &rendered.trees)] {
        let out = out_dir.join(name);
        std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    }
}

/// The runbook folders under `content/`, in library order (files there are not runbooks).
fn runbook_ids(content: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(content).unwrap_or_else(|e| panic!("{}: {e}", content.display()));
    let names = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("{}: {e}", content.display())))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned());
    runbook::discover(names).unwrap_or_else(|e| panic!("{e}"))
}

fn read_package(dir: &Path, id: &str) -> RunbookSource {
    runbook::package(id, |file| {
        std::fs::read_to_string(dir.join(file)).map_err(|e| format!("content/{id}/{file}: {e}"))
    })
    .unwrap_or_else(|e| panic!("{e} (a runbook package has the files listed in docs/runbook-format.md)"))
}
