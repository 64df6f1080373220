//! The post-build steps on a recorded Trunk output (tests/fixtures/trunk-index.html, see the
//! README there): the index.html Trunk hands to the post_build hook, in a staging directory with
//! the files it names. A Trunk update that changes that output fails here, not in a deployment.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::{boot, finish, split};

const TRUNK_INDEX: &str = include_str!("../tests/fixtures/trunk-index.html");

/// A staging directory under the system's temp dir, removed when dropped.
struct Staging {
    dir: PathBuf,
    bound: PathBuf,
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.dir.parent().unwrap());
    }
}

/// Site-absolute paths in `html` inside quotes (`"/x"` or `'/x'`), in order, without repeats.
fn quoted_paths(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for quote in ['"', '\''] {
        for piece in html.split(quote).skip(1).step_by(2) {
            if piece.starts_with('/')
                && !piece.starts_with("//")
                && !piece.contains(' ')
                && !out.iter().any(|p| p == piece)
            {
                out.push(piece.to_string());
            }
        }
    }
    out
}

fn head(html: &str) -> &str {
    let end = html.find("</head>").expect("a </head>");
    &html[..end]
}

/// Trunk's staging directory for `index`: every file its head names, plus config.json (copied,
/// named nowhere); and the split set the wasm tools would write.
fn stage(name: &str, index: &str) -> Staging {
    let root = std::env::temp_dir().join(format!("xtask-fixture-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (dir, bound) = (root.join("staging"), root.join("bound"));
    std::fs::create_dir_all(&bound).unwrap();
    let staging = Staging { dir, bound };
    let mut files = quoted_paths(head(index));
    files.push("/config.json".into());
    for file in files {
        let path = staging.dir.join(file.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("contents of {file}")).unwrap();
    }
    std::fs::write(staging.dir.join("index.html"), index).unwrap();
    for (file, text) in [
        ("incident-runbook.js", "export default function init() {}"),
        ("incident-runbook_bg.wasm", "\0asm main"),
        ("split_triage.wasm", "\0asm chunk"),
        ("__wasm_split.js", "export {}"),
    ] {
        std::fs::write(staging.bound.join(file), text).unwrap();
    }
    staging
}

/// The post-build steps after the wasm tools, as `postbuild` runs them.
fn run(staging: &Staging) -> Result<(), String> {
    let html = std::fs::read_to_string(staging.dir.join("index.html")).unwrap();
    let html = split::install(&staging.dir, &html, &staging.bound)?;
    finish(&staging.dir, &html)
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, base, out);
        } else {
            out.push(format!("/{}", path.strip_prefix(base).unwrap().to_string_lossy()));
        }
    }
}

/// `<tag ...>` elements of `html` whose name is `tag`, each as its text up to `>`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split('<')
        .filter(|t| t.starts_with(tag) && t[tag.len()..].starts_with([' ', '>']))
        .map(|t| t.split('>').next().unwrap())
        .collect()
}

#[test]
fn the_recorded_trunk_output_is_what_the_steps_expect() {
    // Guards the other tests: the fixture is Trunk's, with its inline boot script and preloads.
    assert_eq!(TRUNK_INDEX.matches("<script type=\"module\">").count(), 1);
    assert_eq!(TRUNK_INDEX.matches("<!--prerender-->").count(), 1);
    assert_eq!(
        tags(TRUNK_INDEX, "link")
            .iter()
            .filter(|l| l.contains("preload"))
            .count(),
        2
    );
    assert!(TRUNK_INDEX.contains("init({ module_or_path: '/incident-runbook-"));
}

#[test]
fn the_post_build_steps_on_trunks_index_html() {
    let staging = stage("good", TRUNK_INDEX);
    run(&staging).unwrap();
    let html = std::fs::read_to_string(staging.dir.join("index.html")).unwrap();

    // Trunk's bindings and wasm are replaced by the split set in one hashed folder.
    let mut files = Vec::new();
    files_under(&staging.dir, &staging.dir, &mut files);
    files.sort();
    let wasm_dir: Vec<&String> = files.iter().filter(|f| f.starts_with("/wasm-")).collect();
    assert_eq!(wasm_dir.len(), 4, "{files:?}");
    let dir = wasm_dir[0].split('/').nth(1).unwrap();
    assert_eq!(dir.len(), "wasm-".len() + 16);
    assert!(!files.iter().any(|f| f.starts_with("/incident-runbook-")), "{files:?}");

    // One script that runs: the constant loader, allowed by the CSP's hash of its exact text;
    // the other holds the library's index as data.
    let scripts = tags(&html, "script");
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    assert_eq!(scripts[1], "script type=\"application/json\" id=\"runbook-library\"");
    let boot_file = scripts[0]
        .strip_prefix("script data-boot=\"/")
        .and_then(|s| s.strip_suffix('"'))
        .expect("<script data-boot=\"/boot-HASH.js\">");
    let start = html.find("<script").unwrap();
    let body_start = start + html[start..].find('>').unwrap() + 1;
    let body = &html[body_start..body_start + html[body_start..].find("</script>").unwrap()];
    assert_eq!(body, boot::LOADER);
    assert_eq!(
        format!("'sha256-{}'", STANDARD.encode(Sha256::digest(body))),
        boot::csp_source()
    );

    // Trunk's boot script, moved out and pointing at the split set; no preload left.
    let boot_js = std::fs::read_to_string(staging.dir.join(boot_file)).unwrap();
    assert!(
        boot_js.contains(&format!(
            "import init, * as bindings from '/{dir}/incident-runbook.js';"
        )),
        "{boot_js}"
    );
    assert!(
        boot_js.contains(&format!(
            "init({{ module_or_path: '/{dir}/incident-runbook_bg.wasm' }})"
        )),
        "{boot_js}"
    );
    assert!(
        !html.contains("preload") && !html.contains("type=\"module\""),
        "{}",
        head(&html)
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/main-"));

    // Every file the page's head loads exists.
    for path in quoted_paths(head(&html)) {
        assert!(
            files.contains(&path),
            "index.html loads {path}, which the build does not have: {files:?}"
        );
    }

    // The build id: first in <head>, and in the pre-rendered footer.
    let meta = tags(&html, "meta")[0];
    let build = meta
        .strip_prefix("meta name=\"build\" content=\"")
        .and_then(|s| s.strip_suffix('"'))
        .expect("the first meta is the build id");
    assert!(
        build.len() == 12 && build.bytes().all(|b| b.is_ascii_hexdigit()),
        "{build}"
    );
    assert!(html.contains(&format!(": {build}</footer>")));
    assert!(!html.contains(crate::prerender::BUILD_PLACEHOLDER) && !html.contains("<!--prerender-->"));

    // The pre-rendered library, where Trunk's marker was, with a link to each runbook; the
    // index lists each runbook's data file, which the build wrote.
    let body = &html[html.find("<body>").unwrap()..];
    assert!(
        body.starts_with("<body>\n  <div id=\"app\" hidden></div>\n  <div id=\"prerender\""),
        "{body:.120}"
    );
    let index_start = html.find("id=\"runbook-library\">").unwrap() + "id=\"runbook-library\">".len();
    let index = &html[index_start..index_start + html[index_start..].find("</script>").unwrap()];
    let library = runbook_core::library::Library::parse(index).unwrap();
    let sources = crate::content::library().unwrap();
    assert_eq!(library.runbooks.len(), sources.len());
    for entry in &library.runbooks {
        assert!(body.contains(&format!("<a href=\"/r/{}\">", entry.id)), "{}", entry.id);
        assert!(files.contains(&entry.data), "{} is not in {files:?}", entry.data);
        let data = std::fs::read_to_string(staging.dir.join(entry.data.trim_start_matches('/'))).unwrap();
        let book = runbook_core::library::parse_runbook(&data, &entry.id).unwrap();

        // Each runbook's own page: every section in order, its data file preloaded.
        let page = std::fs::read_to_string(staging.dir.join(format!("r/{}/index.html", entry.id))).unwrap();
        assert!(page.contains(&format!(
            "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>",
            entry.data
        )));
        assert!(page.contains(&format!(": {build}</footer>")) && page.contains(&format!("content=\"{build}\"")));
        let ids: Vec<&str> = tags(&page, "section")
            .iter()
            .map(|s| s.split("data-section=\"").nth(1).unwrap().split('"').next().unwrap())
            .collect();
        assert_eq!(ids, book.paired_sections().map(|p| p.id).collect::<Vec<_>>());
    }

    // The service worker precaches "/" and every file of the build but index.html and itself.
    let sw = std::fs::read_to_string(staging.dir.join("sw.js")).unwrap();
    assert!(sw.contains(&format!("{build:?}")));
    let list = &sw[sw.find("[\n  \"/\"").expect("the precache list")..];
    let list = &list[..list.find("\n]").unwrap()];
    let precached: Vec<String> = list
        .lines()
        .skip(1)
        .map(|l| l.trim().trim_end_matches(',').trim_matches('"').to_string())
        .collect();
    let mut want: Vec<String> = files
        .iter()
        .filter(|f| *f != "/index.html" && *f != "/sw.js")
        .cloned()
        .collect();
    want.insert(0, "/".into());
    assert_eq!(precached, want);
    assert!(precached.contains(&format!("/{boot_file}")) && precached.contains(&"/config.json".to_string()));
}

/// The steps on the fixture changed by `from` -> `to`: an error naming `expected`, never a panic
/// or a silently wrong index.html.
fn refuses(name: &str, from: &str, to: &str, expected: &str) {
    assert!(TRUNK_INDEX.contains(from), "{name}: the fixture has no {from:?}");
    let index = TRUNK_INDEX.replace(from, to);
    let staging = stage(name, &index);
    let err = run(&staging).expect_err(name);
    assert!(err.contains(expected), "{name}: {err}");
    // Nothing half-done: index.html is Trunk's, and no service worker was written.
    assert_eq!(
        std::fs::read_to_string(staging.dir.join("index.html")).unwrap(),
        index,
        "{name}"
    );
    assert!(!staging.dir.join("sw.js").exists(), "{name}");
}

#[test]
fn a_boot_script_with_attributes_is_refused() {
    refuses(
        "script-attrs",
        "<script type=\"module\">",
        "<script type=\"module\" nonce=\"n\">",
        "no inline module script",
    );
}

#[test]
fn bindings_loaded_by_a_bare_name_are_refused() {
    refuses(
        "bare",
        "'/incident-runbook-",
        "'incident-runbook-",
        "other than by its path /incident-runbook-",
    );
}

#[test]
fn outputs_named_otherwise_are_refused() {
    refuses(
        "renamed",
        "/incident-runbook-",
        "/incident_runbook-",
        "expected one incident-runbook-HASH.js",
    );
}

#[test]
fn a_preload_written_otherwise_is_refused() {
    refuses(
        "preload",
        "<link rel=\"modulepreload\"",
        "<link rel=modulepreload",
        "still preloads",
    );
}

#[test]
fn a_page_without_the_prerender_marker_is_refused() {
    refuses("marker", "<!--prerender-->", "", "no <!--prerender--> marker");
}

#[test]
fn a_head_with_attributes_is_refused() {
    refuses("head", "<head>", "<head data-x=\"1\">", "no plain <head> tag");
}

#[test]
fn a_second_inline_module_script_is_refused() {
    refuses(
        "two-scripts",
        "</body>",
        "<script type=\"module\">console.log(1)</script></body>",
        "more than one inline module script",
    );
}
