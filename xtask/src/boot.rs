use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::hash::short_hex;

const OPEN: &str = "<script type=\"module\">";
const CLOSE: &str = "</script>";
/// The deployment's CSP: it must allow [`LOADER`] by its hash (see [`check_deploy_csp`]).
const NGINX_CONF: &str = include_str!("../../deploy/nginx.conf");

/// The only inline script: it starts the app's boot module once the pre-rendered runbook has
/// painted (first contentful paint; the load event where paint timing is missing; after 3 s
/// at the latest), so no script request competes with the page and its CSS. Its text never
/// changes from build to build, so the CSP in deploy/nginx.conf allows it by its hash,
/// [`csp_source`]; the build fails when the CSP names another one.
pub const LOADER: &str = concat!(
    "{const boot=document.currentScript.dataset.boot;let started=false;",
    "const start=()=>{if(!started){started=true;setTimeout(()=>import(boot))}};",
    "if(PerformanceObserver.supportedEntryTypes?.includes(\"paint\"))new PerformanceObserver(list=>{",
    "if(list.getEntriesByName(\"first-contentful-paint\").length)start()",
    "}).observe({type:\"paint\",buffered:true});else addEventListener(\"load\",start);",
    "setTimeout(start,3000)}"
);

/// The CSP source that allows [`LOADER`]: `'sha256-BASE64'` of exactly the bytes between the
/// script's tags, as the browser hashes them.
pub fn csp_source() -> String {
    format!("'sha256-{}'", STANDARD.encode(Sha256::digest(LOADER.as_bytes())))
}

/// Fails unless deploy/nginx.conf's Content-Security-Policy allows [`LOADER`] and no other
/// inline script: its `script-src` has exactly one hash source, [`csp_source`].
pub fn check_deploy_csp() -> Result<(), String> {
    check_csp(NGINX_CONF).map_err(|e| format!("deploy/nginx.conf: {e}"))
}

fn check_csp(conf: &str) -> Result<(), String> {
    let policies: Vec<&str> = conf
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("add_header Content-Security-Policy \""))
        .collect();
    let policy = match policies.as_slice() {
        [one] => one.split('"').next().unwrap_or_default(),
        [] => return Err("no `add_header Content-Security-Policy \"...\"` line".into()),
        _ => {
            return Err(format!(
                "{} Content-Security-Policy headers, expected one",
                policies.len()
            ))
        }
    };
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("script-src "))
        .ok_or("its Content-Security-Policy has no script-src directive")?;
    let hashes: Vec<&str> = script_src
        .split_whitespace()
        .filter(|s| s.starts_with("'sha256-") || s.starts_with("'sha384-") || s.starts_with("'sha512-"))
        .collect();
    let want = csp_source();
    match hashes.as_slice() {
        [one] if *one == want => Ok(()),
        _ => Err(format!(
            "the CSP's script-src must allow the loader (xtask/src/boot.rs LOADER) by its hash and nothing \
             else inline: it has [{}], the loader's hash is {want}",
            hashes.join(" ")
        )),
    }
}

/// Moves Trunk's inline module script into `boot-HASH.js`, loaded by [`LOADER`], and drops
/// Trunk's preloads of the JS bindings and the wasm (they would be fetched before the first paint).
/// Returns the new html, the file name and its contents.
pub fn externalize(html: &str) -> Result<(String, String, String), String> {
    let start = html
        .find(OPEN)
        .ok_or("index.html has no inline module script from Trunk")?;
    let body_start = start + OPEN.len();
    let len = html[body_start..].find(CLOSE).ok_or("unterminated inline script")?;
    let js = html[body_start..body_start + len].trim().to_string();
    let file = format!("boot-{}.js", short_hex(js.as_bytes()));
    let tag = format!("<script data-boot=\"/{file}\">{LOADER}</script>");
    let out = format!("{}{}{}", &html[..start], tag, &html[body_start + len + CLOSE.len()..]);
    if out.contains(OPEN) {
        return Err("more than one inline module script; the CSP would block it".into());
    }
    let out = without_preloads(&out);
    if let Some(left) = out
        .split('<')
        .find(|tag| tag.starts_with("link") && tag.contains("preload"))
    {
        return Err(format!(
            "index.html still preloads a script or the wasm after removing Trunk's preloads: <{}",
            left.split('>').next().unwrap_or_default()
        ));
    }
    Ok((out, file, js + "\n"))
}

fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = ["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        out += &rest[..start];
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        rest = &rest[end..];
    }
    out + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_inline_script_out_behind_the_loader() {
        let html = "<head><link rel=\"modulepreload\" href=\"/a.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\"></head><body><script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script></body>";
        let (out, file, js) = externalize(html).unwrap();
        assert!(file.starts_with("boot-") && file.ends_with(".js"));
        assert_eq!(
            out,
            format!("<head></head><body><script data-boot=\"/{file}\">{LOADER}</script></body>")
        );
        assert_eq!(js, "import init from '/a.js';\nawait init();\n");
    }

    #[test]
    fn refuses_html_without_the_script() {
        assert!(externalize("<body></body>").is_err());
    }

    #[test]
    fn a_preload_it_does_not_recognise_is_an_error() {
        let html = "<head><link rel=modulepreload href=\"/a.js\"></head><script type=\"module\">x</script>";
        assert!(externalize(html)
            .unwrap_err()
            .contains("<link rel=modulepreload href=\"/a.js\""));
    }

    #[test]
    fn the_csp_hash_is_the_browsers_sha256_of_the_loader() {
        // The browser's hash: SHA-256 of the script text, in base64; checked against an
        // independent SHA-256 (FIPS 180-2's "abc" example) so the encoding is the CSP one.
        assert_eq!(
            STANDARD.encode(Sha256::digest(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        let source = csp_source();
        assert!(source.starts_with("'sha256-") && source.ends_with("='"), "{source}");
        assert_eq!(source.len(), "'sha256-'".len() + 44);
    }

    #[test]
    fn deploy_nginx_conf_allows_the_loader_by_its_hash() {
        check_deploy_csp().unwrap();
    }

    #[test]
    fn a_csp_without_the_loaders_hash_or_with_another_hash_is_refused() {
        let good = NGINX_CONF;
        let source = csp_source();
        assert!(good.contains(&source));
        let other = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='";
        for (what, conf) in [
            ("a stale hash", good.replace(&source, other)),
            ("no hash", good.replace(&format!(" {source}"), "")),
            ("a second hash", good.replace(&source, &format!("{source} {other}"))),
            ("'unsafe-inline' instead", good.replace(&source, "'unsafe-inline'")),
        ] {
            let err = check_csp(&conf).expect_err(what);
            assert!(err.contains(&source), "{what}: {err}");
        }
        let no_header = good.replace(
            "add_header Content-Security-Policy",
            "# add_header Content-Security-Policy",
        );
        assert!(check_csp(&no_header)
            .unwrap_err()
            .contains("no `add_header Content-Security-Policy"));
        let twice = format!("{good}\nadd_header Content-Security-Policy \"script-src {source}\";\n");
        assert!(check_csp(&twice)
            .unwrap_err()
            .contains("2 Content-Security-Policy headers"));
    }
}
