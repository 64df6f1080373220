//! Reads `config.json` from next to index.html. The app starts before it arrives, but no command
//! is generated until it has (see `state::config`).

use gloo_net::http::Request;
use runbook_core::config::{missing_config, parse_config, DeployConfig, LoadedConfig};
use runbook_core::i18n::Bilingual;

use crate::state::config::ConfigStatus;

const CONFIG_URL: &str = "/config.json";

/// The config and whether it was read; a failure leaves built-in defaults and says why.
pub async fn fetch() -> (LoadedConfig, ConfigStatus) {
    let failed = |reason: String| {
        let loaded = LoadedConfig {
            config: DeployConfig::default(),
            issues: vec![missing_config(&reason)],
        };
        (loaded, ConfigStatus::Failed(Bilingual::new(reason.clone(), reason)))
    };
    let response = match Request::get(CONFIG_URL).send().await {
        Ok(r) => r,
        Err(e) => return failed(e.to_string()),
    };
    if !response.ok() {
        return failed(format!("HTTP {}", response.status()));
    }
    let text = match response.text().await {
        Ok(text) => text,
        Err(e) => return failed(e.to_string()),
    };
    let loaded = parse_config(&text);
    let status = match loaded.file_rejected() {
        Some(issue) => ConfigStatus::Failed(issue.problem.clone()),
        None => ConfigStatus::Loaded,
    };
    (loaded, status)
}
