//! Relocations let xtask/src/split.rs move each lazily loaded page into a wasm chunk of its own.
//! (The runbooks are not compiled in: the post-build step writes each one's data file, see
//! xtask/src/library.rs.)

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
}
