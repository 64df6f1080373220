//! Renders the runbook catalog (Markdown -> safe HTML, validated) at build time into
//! `$OUT_DIR/runbooks.json`, and the decision trees into `$OUT_DIR/trees.json`, which the app
//! embeds: no Markdown parser ships to the browser.

fn main() {
    // Relocations let xtask/src/split.rs move each lazily loaded page into a wasm chunk of its own.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=core/src");
    let rendered =
        runbook_core::runbook::render_catalog().unwrap_or_else(|e| panic!("runbook content is invalid: {e}"));
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, json) in [("runbooks.json", &rendered.runbooks), ("trees.json", &rendered.trees)] {
        let out = out_dir.join(name);
        std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    }
}
