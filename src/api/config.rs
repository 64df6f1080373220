//! Loads `config.json` from next to index.html. The app starts on defaults and never waits for it.

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use runbook_core::config::{missing_config, parse_config, DeployConfig, LoadedConfig};

const CONFIG_URL: &str = "/config.json";

pub fn load_into(target: RwSignal<LoadedConfig>) {
    spawn_local(async move {
        target.set(fetch().await);
    });
}

async fn fetch() -> LoadedConfig {
    let fallback = |reason: String| LoadedConfig {
        config: DeployConfig::default(),
        issues: vec![missing_config(&reason)],
    };
    let response = match Request::get(CONFIG_URL).send().await {
        Ok(r) => r,
        Err(e) => return fallback(e.to_string()),
    };
    if !response.ok() {
        return fallback(format!("HTTP {}", response.status()));
    }
    match response.text().await {
        Ok(text) => parse_config(&text),
        Err(e) => fallback(e.to_string()),
    }
}
