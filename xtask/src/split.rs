//! Splits the app's wasm at its `#[wasm_split]` points (src/pages/chunks.rs): the shell and the
//! runbook page stay in the wasm loaded on start, each other page goes into a chunk fetched the
//! first time it is opened (code shared by several pages into chunks of its own).
//!
//! Trunk builds and binds the whole wasm; this replaces its bindings and wasm with the split set,
//! bound by the wasm-bindgen on PATH (the one Trunk runs offline) and, in a release build,
//! optimized by the wasm-opt on PATH, in `wasm-HASH/`: the files load each other by relative
//! name, so the directory carries the one content hash for all.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::hash::short_hex;

const CRATE: &str = "incident-runbook";

/// Trunk's own wasm-opt is off (index.html `data-wasm-opt="0"`): each module of the split set is
/// optimized here instead, with the features Rust >= 1.87 output uses, and without the name and
/// producers sections.
const WASM_OPT_ARGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--strip-debug",
    "--strip-producers",
];

/// Splits the build in `staging` and returns `html` pointing at the split bindings and wasm.
pub fn apply(staging: &Path, html: &str) -> Result<String, String> {
    let (trunk_js, trunk_wasm) = trunk_outputs(staging)?;
    // Before the slow part: a Trunk output this does not understand fails at once.
    point_at(html, &trunk_js, &trunk_wasm, "wasm-0")?;
    let work = target_dir().join("wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    let (raw, bound) = (work.join("raw"), work.join("bound"));
    split(&raw_wasm()?, &raw)?;
    bind(&raw.join(format!("{CRATE}.wasm")), &bound)?;
    // The chunks and their JS loader go as they are; only the main module is bound.
    for file in list(&raw)? {
        let name = file_name(&file);
        if name != format!("{CRATE}.wasm") {
            std::fs::copy(&file, bound.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    if std::env::var("TRUNK_PROFILE").as_deref() == Ok("release") {
        for wasm in list(&bound)?.iter().filter(|p| file_name(p).ends_with(".wasm")) {
            run(Command::new("wasm-opt")
                .arg(wasm)
                .arg("-o")
                .arg(wasm)
                .args(WASM_OPT_ARGS))?;
        }
    }
    install(staging, html, &bound)
}

/// Puts the split set in `bound` into `staging` as `wasm-HASH/`, in place of Trunk's bindings
/// and wasm, and returns `html` pointing at it.
pub fn install(staging: &Path, html: &str, bound: &Path) -> Result<String, String> {
    let (trunk_js, trunk_wasm) = trunk_outputs(staging)?;
    let files = list(bound)?;
    for needed in [format!("{CRATE}.js"), format!("{CRATE}_bg.wasm")] {
        if !files.iter().any(|f| file_name(f) == needed) {
            return Err(format!("the split set in {} has no {needed}", bound.display()));
        }
    }
    let dir = format!("wasm-{}", set_hash(bound)?);
    let html = point_at(html, &trunk_js, &trunk_wasm, &dir)?;
    let dest = staging.join(&dir);
    std::fs::create_dir_all(&dest).map_err(|e| format!("{dir}: {e}"))?;
    for file in files {
        let name = file_name(&file);
        std::fs::copy(&file, dest.join(&name)).map_err(|e| format!("{name}: {e}"))?;
    }
    for old in [&trunk_js, &trunk_wasm] {
        std::fs::remove_file(staging.join(old)).map_err(|e| format!("{old}: {e}"))?;
    }
    Ok(html)
}

/// `html` with Trunk's `/JS` and `/WASM` replaced by the split set's in `dir`; an error when
/// Trunk's index.html does not load them by exactly those site-absolute paths.
fn point_at(html: &str, trunk_js: &str, trunk_wasm: &str, dir: &str) -> Result<String, String> {
    let mut out = html.to_string();
    for (old, new) in [
        (trunk_js, format!("{CRATE}.js")),
        (trunk_wasm, format!("{CRATE}_bg.wasm")),
    ] {
        let path = format!("/{old}");
        if !out.contains(&path) {
            return Err(format!(
                "index.html does not load {path} (Trunk's output): Trunk's boot script has changed, \
                 see xtask/tests/fixtures/README.md"
            ));
        }
        out = out.replace(&path, &format!("/{dir}/{new}"));
        if out.contains(old) {
            return Err(format!(
                "index.html refers to {old} other than by its path {path}: Trunk's boot script has \
                 changed, see xtask/tests/fixtures/README.md"
            ));
        }
    }
    Ok(out)
}

/// Trunk's `incident-runbook-HASH.js` and `incident-runbook-HASH_bg.wasm`.
fn trunk_outputs(staging: &Path) -> Result<(String, String), String> {
    let names: Vec<String> = list(staging)?.iter().map(|p| file_name(p)).collect();
    let one = |suffix: &str| {
        let found: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.starts_with(&format!("{CRATE}-")) && n.ends_with(suffix) && !n.ends_with(&format!("_bg{suffix}"))
            })
            .collect();
        match found.as_slice() {
            [name] => Ok((*name).clone()),
            _ => Err(format!(
                "expected one {CRATE}-HASH{suffix} from Trunk, found {}",
                found.len()
            )),
        }
    };
    let js = one(".js")?;
    let wasm = format!("{}_bg.wasm", js.trim_end_matches(".js"));
    if !names.contains(&wasm) {
        return Err(format!("Trunk wrote {js} but no {wasm}"));
    }
    Ok((js, wasm))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The linker's output that Trunk bound: it still has the relocations the split needs (build.rs).
fn raw_wasm() -> Result<PathBuf, String> {
    let profile =
        std::env::var("TRUNK_PROFILE").map_err(|_| "TRUNK_PROFILE is not set: run from Trunk's post_build hook")?;
    let path = target_dir().join(format!("wasm32-unknown-unknown/{profile}/{CRATE}.wasm"));
    path.is_file()
        .then_some(path.clone())
        .ok_or_else(|| format!("no wasm at {}", path.display()))
}

fn split(input: &Path, out: &Path) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main_out = out.join(format!("{CRATE}.wasm"));
    let main_module = format!("./{CRATE}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    let split = wasm_split_cli_support::transform(opts).map_err(|e| format!("wasm-split: {e:#}"))?;
    if split.split_modules.is_empty() {
        return Err("wasm-split found no split points: the build has no lazily loaded pages".into());
    }
    Ok(())
}

fn bind(main: &Path, out: &Path) -> Result<(), String> {
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
            "--out-name",
            CRATE,
            "--out-dir",
        ])
        .arg(out)
        .arg(main))
}

/// Runs `cmd`; its output is shown only when it fails (wasm-opt warns about every name section
/// the split writes).
fn run(cmd: &mut Command) -> Result<(), String> {
    let what = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let log = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
    Err(format!("{what}: {}\n{log}", out.status))
}

fn set_hash(dir: &Path) -> Result<String, String> {
    let mut all = Vec::new();
    for file in list(dir)? {
        all.extend(file_name(&file).into_bytes());
        all.extend(std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    Ok(short_hex(&all))
}

/// Files directly in `dir`, sorted by name.
fn list(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
