//! Renders the runbook catalog (Markdown -> safe HTML, validated) at build time into
//! `$OUT_DIR/runbooks.json`, which the app embeds: no Markdown parser ships to the browser.

fn main() {
    // Relocations let xtask/src/split.rs move each lazily loaded page into a wasm chunk of its own.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=core/src");
    let json = runbook_core::runbook::render_catalog().unwrap_or_else(|e| panic!("runbook content is invalid: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runbooks.json");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
