//! This deployment's `config.json`, read once after start (from the network or the service
//! worker's last good copy). Until it has answered, nothing that names a cluster or endpoint is
//! shown or queried.

use leptos::prelude::*;
use runbook_core::config::{ConfigIssue, DeployConfig, LoadedConfig};
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text;

/// Whether a `config.json` has been read.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigStatus {
    Waiting,
    Failed(Bilingual),
    Loaded,
}

#[derive(Clone, Copy)]
pub struct Config {
    resource: LocalResource<(LoadedConfig, ConfigStatus)>,
    /// The resource as read from the app's own scope: a page under `<Suspense>` that reads the
    /// config is not held back until it arrives; it says it is waiting instead.
    loaded: Memo<Option<(LoadedConfig, ConfigStatus)>>,
}

pub fn use_config() -> Config {
    expect_context::<Config>()
}

impl Config {
    /// Starts reading `config.json`.
    pub fn load() -> Config {
        let resource = LocalResource::new(crate::api::config::fetch);
        Config {
            resource,
            loaded: Memo::new(move |_| resource.get()),
        }
    }

    /// Reads the config (tracked); built-in defaults, which name no environment, until it has loaded.
    pub fn with<R>(self, read: impl FnOnce(&DeployConfig) -> R) -> R {
        self.loaded.with(|loaded| match loaded {
            Some((loaded, _)) => read(&loaded.config),
            None => read(&DeployConfig::default()),
        })
    }

    /// The config as it is now, for event handlers and requests.
    pub fn get_untracked(self) -> DeployConfig {
        self.loaded
            .with_untracked(|loaded| loaded.as_ref().map(|(l, _)| l.config.clone()))
            .unwrap_or_default()
    }

    /// Waits until `config.json` has answered (loaded or failed) and gives the config then.
    pub async fn answered(self) -> DeployConfig {
        self.resource.await.0.config
    }

    /// The fields config.json got wrong (tracked).
    pub fn issues(self) -> Vec<ConfigIssue> {
        self.loaded
            .with(|loaded| loaded.as_ref().map(|(l, _)| l.issues.clone()))
            .unwrap_or_default()
    }

    pub fn status(self) -> ConfigStatus {
        self.loaded
            .with(|loaded| loaded.as_ref().map(|(_, status)| status.clone()))
            .unwrap_or(ConfigStatus::Waiting)
    }

    /// Why no command can be generated yet: no config.json has loaded. `None` once one has.
    pub fn missing(self) -> Option<Bilingual> {
        match self.status() {
            ConfigStatus::Waiting => Some(ui_text::CONFIG_WAITING.into()),
            ConfigStatus::Failed(why) => Some(ui_text::config_failed(&why)),
            ConfigStatus::Loaded => None,
        }
    }
}
