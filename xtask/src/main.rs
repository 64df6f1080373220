//! Build-time tasks run natively by Trunk's post_build hook on the staging directory:
//! - splits the wasm so that pages other than the runbook load on first use (split.rs),
//! - moves Trunk's inline boot script into a hashed file, started after the first paint by a
//!   constant inline loader that the CSP allows by its hash (checked against deploy/nginx.conf),
//! - writes each runbook's data file and the library's index (library.rs),
//! - pre-renders the library page into index.html and each runbook's page into
//!   r/<id>/index.html, as the app renders them (readable before and without wasm),
//! - writes the service worker with the precache list of this exact build.
//!
//! `xtask library` lists the runbooks the build ships and checks them all.
//! `xtask check content/<id>` runs the authoring check of runbook packages (check.rs), the
//! check the build runs on every folder under content/ (build.rs).
//! `xtask synth <n> <out-dir>` writes n synthetic runbook packages made from the test fixture
//! (synth.rs), for measuring a large library (scripts/bench-library.sh).

mod boot;
mod check;
mod content;
#[cfg(test)]
mod fixture_tests;
mod hash;
mod library;
mod precache;
mod prerender;
mod split;
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, staging] if cmd == "postbuild" => match postbuild(&PathBuf::from(staging)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask postbuild: {e}");
                ExitCode::FAILURE
            }
        },
        [cmd, dirs @ ..] if cmd == "check" && !dirs.is_empty() => check(dirs),
        [cmd, n, out] if cmd == "synth" => match n.parse::<usize>() {
            Ok(n) => match synth::write(&synth::fixture_dir(), n, std::path::Path::new(out)) {
                Ok(ids) => {
                    for id in ids {
                        println!("{id}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("xtask synth: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(_) => {
                eprintln!("xtask synth: {n:?} is not a number of runbooks");
                ExitCode::from(2)
            }
        },
        [cmd] if cmd == "library" => match content::library() {
            Ok(sources) => {
                for source in sources {
                    println!("{}", source.folder);
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask library: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "usage: xtask postbuild <staging-dir>\n       xtask check <runbook-folder>...\n       xtask library   (the runbooks the build ships: content/, or RUNBOOK_LIBRARY)\n       xtask synth <n> <out-dir>   (n synthetic runbook packages made from tests/fixtures/runbooks/synthetic-queue)"
            );
            ExitCode::from(2)
        }
    }
}

/// Prints every finding; fails when a package has an error or cannot be read.
fn check(dirs: &[String]) -> ExitCode {
    let mut failed = false;
    for dir in dirs {
        match check::report(std::path::Path::new(dir)) {
            Ok((report, errors)) => {
                print!("{report}");
                failed |= errors;
            }
            Err(e) => {
                eprintln!("xtask check: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn postbuild(staging: &std::path::Path) -> Result<(), String> {
    boot::check_deploy_csp()?;
    let html = split::apply(staging, &read(&staging.join("index.html"))?)?;
    finish(staging, &html)
}

/// Everything after the split (tested on a recorded Trunk output: fixture_tests.rs).
fn finish(staging: &std::path::Path, html: &str) -> Result<(), String> {
    let (html, boot_file, boot_js) = boot::externalize(html)?;
    std::fs::write(staging.join(&boot_file), boot_js).map_err(|e| format!("{boot_file}: {e}"))?;
    let (library, books) = library::write(staging, &content::library()?)?;
    let pages = prerender::pages(&html, &library, &books)?;
    let build = precache::build_id(staging, &pages)?;
    let stamped = pages
        .iter()
        .map(|(path, page)| Ok((path, precache::stamp(page, &build)?)))
        .collect::<Result<Vec<_>, String>>()?;
    for (path, page) in &stamped {
        write(staging, path, page)?;
    }
    precache::write_service_worker(staging, &build)
}

fn write(staging: &std::path::Path, path: &str, text: &str) -> Result<(), String> {
    let file = staging.join(path);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&file, text).map_err(|e| format!("{path}: {e}"))
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
