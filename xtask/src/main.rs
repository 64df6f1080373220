//! Build-time tasks run natively by Trunk's post_build hook on the staging directory:
//! - splits the wasm so that pages other than the runbook load on first use (split.rs),
//! - moves Trunk's inline boot script into a hashed file, started after the first paint by a
//!   constant inline loader that the CSP allows by its hash (checked against deploy/nginx.conf),
//! - pre-renders the runbook page into index.html, as the app renders it (readable before and
//!   without wasm),
//! - writes the service worker with the precache list of this exact build.
//!
//! `xtask check content/<id>` runs the authoring check of runbook packages (check.rs), the
//! check the build runs on every folder under content/ (build.rs).

mod boot;
mod check;
mod content;
#[cfg(test)]
mod fixture_tests;
mod hash;
mod precache;
mod prerender;
mod split;

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
        _ => {
            eprintln!("usage: xtask postbuild <staging-dir>\n       xtask check <runbook-folder>...");
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
    let html = prerender::inject(&html)?;
    let build = precache::build_id(staging, &html)?;
    let html = precache::stamp(&html, &build)?;
    std::fs::write(staging.join("index.html"), &html).map_err(|e| format!("index.html: {e}"))?;
    precache::write_service_worker(staging, &build)
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
