//! This deployment's `config.json`, read once after start (from the network or the service
//! worker's last good copy). Until it has answered, nothing that names a cluster or endpoint is
//! shown or queried. Every reader gets the config of the runbook being read: the top-level keys
//! with that runbook's `runbooks.<id>` overrides.

use leptos::prelude::*;
use runbook_core::config::{ConfigIssue, DeployConfig, LoadedConfig};
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text;

use super::library::Library;

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
    library: Library,
}

fn of_runbook<'a>(loaded: &'a LoadedConfig, runbook: Option<&str>) -> &'a DeployConfig {
    runbook.map_or(&loaded.config, |id| loaded.for_runbook(id))
}

pub fn use_config() -> Config {
    expect_context::<Config>()
}

impl Config {
    /// Starts reading `config.json`.
    pub fn load(library: Library) -> Config {
        let resource = LocalResource::new(crate::api::config::fetch);
        Config {
            resource,
            loaded: Memo::new(move |_| resource.get()),
            library,
        }
    }

    /// Reads the config of the runbook being read (tracked); built-in defaults, which name no
    /// environment, until it has loaded.
    pub fn with<R>(self, read: impl FnOnce(&DeployConfig) -> R) -> R {
        let runbook = self.library.current().map(|c| c.id());
        self.loaded.with(|loaded| match loaded {
            Some((loaded, _)) => read(of_runbook(loaded, runbook)),
            None => read(&DeployConfig::default()),
        })
    }

    /// The config as it is now, for event handlers and requests.
    pub fn get_untracked(self) -> DeployConfig {
        let runbook = self.library.current_untracked().map(|c| c.id());
        self.loaded
            .with_untracked(|loaded| loaded.as_ref().map(|(l, _)| of_runbook(l, runbook).clone()))
            .unwrap_or_default()
    }

    /// Waits until `config.json` has answered (loaded or failed).
    pub async fn answered(self) {
        self.resource.await;
    }

    /// The fields config.json got wrong, and overrides for runbooks this library does not have
    /// (tracked).
    pub fn issues(self) -> Vec<ConfigIssue> {
        let ids: Vec<&str> = self.library.index().runbooks.iter().map(|e| e.id.as_str()).collect();
        self.loaded
            .with(|loaded| {
                loaded
                    .as_ref()
                    .map(|(l, _)| [l.issues.clone(), l.unknown_runbooks(&ids)].concat())
            })
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
