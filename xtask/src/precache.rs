use std::path::{Path, PathBuf};

use crate::hash::short_hex;
use crate::prerender::BUILD_PLACEHOLDER;

const SW_TEMPLATE: &str = include_str!("../../web/sw.js");
const SW_FILE: &str = "sw.js";

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Site-relative URLs of every built asset except index.html (precached as "/") and the service
/// worker itself, sorted.
fn asset_urls(staging: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut paths = Vec::new();
    files(staging, &mut paths)?;
    let mut urls: Vec<(String, PathBuf)> = paths
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(staging).ok()?.to_string_lossy().replace('\\', "/");
            (rel != SW_FILE && rel != "index.html").then(|| (format!("/{rel}"), p))
        })
        .collect();
    urls.sort();
    Ok(urls)
}

/// A build id that changes whenever any shipped byte changes: the pages (path in the site
/// folder, HTML before the id is stamped in) and every other file.
pub fn build_id(staging: &Path, pages: &[(String, String)]) -> Result<String, String> {
    let mut all = Vec::new();
    for (path, html) in pages {
        all.extend_from_slice(path.as_bytes());
        all.extend_from_slice(html.as_bytes());
    }
    let page_urls: Vec<String> = pages.iter().map(|(path, _)| format!("/{path}")).collect();
    for (url, path) in asset_urls(staging)?
        .into_iter()
        .filter(|(url, _)| !page_urls.contains(url))
    {
        all.extend_from_slice(url.as_bytes());
        all.extend(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(short_hex(&all)[..12].to_string())
}

/// `html` with the build id in a `<meta name="build">` first thing in `<head>` (the app reads it:
/// src/platform/network.rs) and in the pre-rendered footer, in place of its placeholder.
pub fn stamp(html: &str, build: &str) -> Result<String, String> {
    if html.matches("<head>").count() != 1 {
        return Err("index.html has no plain <head> tag (or several): nowhere to put the build id".into());
    }
    if html.matches(BUILD_PLACEHOLDER).count() != 1 {
        return Err(format!(
            "a page has no {BUILD_PLACEHOLDER} (or several): the pre-render did not run"
        ));
    }
    Ok(html
        .replacen(
            "<head>",
            &format!("<head>\n  <meta name=\"build\" content=\"{build}\">"),
            1,
        )
        .replacen(BUILD_PLACEHOLDER, build, 1))
}

pub fn write_service_worker(staging: &Path, build: &str) -> Result<(), String> {
    let mut urls: Vec<String> = vec!["/".to_string()];
    urls.extend(asset_urls(staging)?.into_iter().map(|(u, _)| u));
    let list = urls.iter().map(|u| format!("  {u:?}")).collect::<Vec<_>>().join(",\n");
    std::fs::write(staging.join(SW_FILE), service_worker(SW_TEMPLATE, build, &list)?).map_err(|e| format!("sw.js: {e}"))
}

fn service_worker(template: &str, build: &str, list: &str) -> Result<String, String> {
    const BUILD: &str = "\"__BUILD__\"";
    const PRECACHE: &str = "[/*__PRECACHE__*/]";
    for placeholder in [BUILD, PRECACHE] {
        if template.matches(placeholder).count() != 1 {
            return Err(format!("web/sw.js must have the placeholder {placeholder} once"));
        }
    }
    Ok(template
        .replace(BUILD, &format!("{build:?}"))
        .replace(PRECACHE, &format!("[\n{list}\n]")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_worker_template_without_its_placeholders_is_an_error() {
        let sw = service_worker(SW_TEMPLATE, "b1", "  \"/\"").unwrap();
        assert!(sw.contains("\"b1\"") && sw.contains("[\n  \"/\"\n]"));
        let no_list = SW_TEMPLATE.replace("[/*__PRECACHE__*/]", "[]");
        assert!(service_worker(&no_list, "b1", "").unwrap_err().contains("__PRECACHE__"));
        let no_build = SW_TEMPLATE.replace("\"__BUILD__\"", "'__BUILD__'");
        assert!(service_worker(&no_build, "b1", "").unwrap_err().contains("__BUILD__"));
    }

    #[test]
    fn the_build_id_goes_into_the_head_and_the_footer() {
        let html = format!("<html><head><title>t</title></head><body><footer>{BUILD_PLACEHOLDER}</footer></body>");
        let out = stamp(&html, "abc123").unwrap();
        assert_eq!(
            out,
            "<html><head>\n  <meta name=\"build\" content=\"abc123\"><title>t</title></head><body><footer>abc123</footer></body>"
        );
        assert!(stamp(&html.replace("<head>", "<head lang=\"en\">"), "x")
            .unwrap_err()
            .contains("<head>"));
        assert!(stamp(&html.replace(BUILD_PLACEHOLDER, ""), "x")
            .unwrap_err()
            .contains(BUILD_PLACEHOLDER));
    }
}
