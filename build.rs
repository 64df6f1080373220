//! Renders the runbook catalog (Markdown -> safe HTML, validated) at build time into
//! `$OUT_DIR/runbooks.json`, which the app embeds: no Markdown parser ships to the browser.

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=core/src");
    let json = runbook_core::runbook::render_catalog().unwrap_or_else(|e| panic!("runbook content is invalid: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runbooks.json");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
