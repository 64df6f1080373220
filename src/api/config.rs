//! Reads `config.json` from next to index.html. The app starts before it arrives, but no command
//! is generated until it has (see `state::config`).

use gloo_net::http::Request;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use runbook_core::config::{parse_config, LoadedConfig};
use runbook_core::i18n::Bilingual;

use crate::state::config::ConfigStatus;

const CONFIG_URL: &str = "/config.json";

/// The config and whether it was read; a failure leaves built-in defaults and says why.
pub async fn fetch() -> (LoadedConfig, ConfigStatus) {
    let failed = |reason: String| {
        let loaded = LoadedConfig::failed(&reason);
        (loaded, ConfigStatus::Failed(Bilingual::new(reason.clone(), reason)))
    };
    let text = async {
        let response = Request::get(CONFIG_URL).send().await.map_err(|e| e.to_string())?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        response.text().await.map_err(|e| e.to_string())
    };
    // The reader's chunk arrives while the file does.
    let (text, reader) = futures_util::future::join(text, load_reader()).await;
    let text = match text {
        Ok(text) => text,
        Err(reason) => return failed(reason),
    };
    let loaded = match (reader, read(text).await) {
        (Ok(()), Ok(loaded)) => loaded,
        _ => return failed("the wasm chunk that reads config.json could not be fetched".to_string()),
    };
    let status = match loaded.file_rejected() {
        Some(issue) => ConfigStatus::Failed(issue.problem.clone()),
        None => ConfigStatus::Loaded,
    };
    (loaded, status)
}

// Reading config.json (every field's check) is code no first paint needs: a chunk of its own,
// fetched alongside the file.
#[wasm_split(config_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_reader() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[allow(improper_ctypes_definitions)] // a split point is an extern "C" fn of Rust values
#[wasm_split(config_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read(text: String) -> Result<LoadedConfig, SplitLoaderError> {
    Ok(parse_config(&text))
}
