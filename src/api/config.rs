//! Loads `config.json` from next to index.html. The app starts before it arrives, but no command
//! is generated until it has (see `ConfigStatus`).

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::config::{missing_config, parse_config, DeployConfig, LoadedConfig};
use runbook_core::i18n::Bilingual;

use crate::state::ConfigStatus;

const CONFIG_URL: &str = "/config.json";

pub fn load_into(target: RwSignal<LoadedConfig>, status: RwSignal<ConfigStatus>) {
    spawn_local(async move {
        let (loaded, outcome) = fetch().await;
        target.set(loaded);
        status.set(outcome);
    });
}

async fn fetch() -> (LoadedConfig, ConfigStatus) {
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
