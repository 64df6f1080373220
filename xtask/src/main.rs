//! Build-time tasks run natively by Trunk's post_build hook on the staging directory:
//! - splits the wasm so that pages other than the runbook load on first use (split.rs),
//! - moves Trunk's inline boot script into a hashed file, started after the first paint by a
//!   constant inline loader that the CSP allows by its hash,
//! - pre-renders the runbook into index.html (readable before and without wasm),
//! - writes the service worker with the precache list of this exact build.

mod boot;
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
        _ => {
            eprintln!("usage: xtask postbuild <staging-dir>");
            ExitCode::from(2)
        }
    }
}

fn postbuild(staging: &std::path::Path) -> Result<(), String> {
    let index_path = staging.join("index.html");
    let html = split::apply(staging, &read(&index_path)?)?;
    let (html, boot_file, boot_js) = boot::externalize(&html)?;
    std::fs::write(staging.join(&boot_file), boot_js).map_err(|e| format!("{boot_file}: {e}"))?;
    let html = prerender::inject(&html)?;
    let build = precache::build_id(staging, &html)?;
    let html = html.replace(
        "<head>",
        &format!("<head>\n  <meta name=\"build\" content=\"{build}\">"),
    );
    std::fs::write(&index_path, &html).map_err(|e| format!("index.html: {e}"))?;
    precache::write_service_worker(staging, &build)
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
