use std::path::{Path, PathBuf};

use crate::hash::short_hex;

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

/// Site-relative URLs of every built asset except the service worker itself, sorted.
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

/// A build id that changes whenever any shipped byte changes.
pub fn build_id(staging: &Path, index_html: &str) -> Result<String, String> {
    let mut all = index_html.as_bytes().to_vec();
    for (url, path) in asset_urls(staging)? {
        all.extend_from_slice(url.as_bytes());
        all.extend(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(short_hex(&all)[..12].to_string())
}

pub fn write_service_worker(staging: &Path, build: &str) -> Result<(), String> {
    let mut urls: Vec<String> = vec!["/".to_string()];
    urls.extend(asset_urls(staging)?.into_iter().map(|(u, _)| u));
    let list = urls.iter().map(|u| format!("  {u:?}")).collect::<Vec<_>>().join(",\n");
    let sw = SW_TEMPLATE
        .replace("\"__BUILD__\"", &format!("{build:?}"))
        .replace("[/*__PRECACHE__*/]", &format!("[\n{list}\n]"));
    if sw.contains("__BUILD__") || sw.contains("__PRECACHE__") {
        return Err("web/sw.js is missing a placeholder".into());
    }
    std::fs::write(staging.join(SW_FILE), sw).map_err(|e| format!("sw.js: {e}"))
}
