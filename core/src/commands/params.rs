//! What generated commands are made of: deploy config values, per-incident overrides,
//! the incident's time window, and the validation every value passes before use.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::DeployConfig;
use crate::i18n::Bilingual;
use crate::validate;

use super::field::{ParamError, ParamField};

/// The `since` window of the recent-error-logs command when nothing else is given.
pub const DEFAULT_SINCE: &str = "5m";

/// The incident's time span, for evidence exports. For an incident still open, `end` is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Per-incident replacements for config values (for example a second cluster or namespace).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParamOverrides {
    pub kube_context: Option<String>,
    pub namespace: Option<String>,
    pub deployment: Option<String>,
    pub label_selector: Option<String>,
    pub secret_name: Option<String>,
    pub secret_key: Option<String>,
    pub since: Option<String>,
    pub public_health_url: Option<String>,
    pub public_prometheus_url: Option<String>,
    pub vendor_api_url: Option<String>,
    pub vendor_status_page: Option<String>,
    pub error_metric: Option<String>,
}

/// Every value a generated command may contain. There is deliberately no field for an API key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandParams {
    pub kube_context: String,
    pub namespace: String,
    pub deployment: String,
    pub label_selector: String,
    pub secret_name: String,
    pub secret_key: String,
    pub since: String,
    pub public_health_url: String,
    pub public_prometheus_url: String,
    pub vendor_api_url: String,
    pub vendor_status_page: String,
    pub error_metric: String,
    pub incident: Option<IncidentWindow>,
    /// Which targets may get commands that change the cluster (config's allow-lists).
    #[serde(default, skip_serializing_if = "TargetPolicy::allows_all")]
    pub targets: TargetPolicy,
}

/// config.json's `kube.allowed_contexts` / `kube.allowed_namespaces`: a command target outside a
/// list (whether it comes from config, an override or an alert link) gets read-only commands only.
/// `None` allows every value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetPolicy {
    pub allowed_contexts: Option<Vec<String>>,
    pub allowed_namespaces: Option<Vec<String>>,
}

impl TargetPolicy {
    pub fn allows_all(&self) -> bool {
        self.allowed_contexts.is_none() && self.allowed_namespaces.is_none()
    }
}

impl CommandParams {
    /// Why commands that change the cluster are withheld for this target, one error per field
    /// outside its allow-list; empty when they may be shown.
    pub fn target_refusals(&self) -> Vec<ParamError> {
        let lists = [
            (
                ParamField::KubeContext,
                &self.kube_context,
                &self.targets.allowed_contexts,
                "kube.allowed_contexts",
            ),
            (
                ParamField::Namespace,
                &self.namespace,
                &self.targets.allowed_namespaces,
                "kube.allowed_namespaces",
            ),
        ];
        lists
            .into_iter()
            .filter_map(|(field, value, list, key)| {
                let list = list.as_ref()?;
                if list.contains(value) {
                    return None;
                }
                let names = list.join(", ");
                Some(ParamError::new(
                    field,
                    Bilingual::new(
                        format!(
                            "\"{value}\" is not in config.json's {key} ({names}), so only read-only commands are shown; commands that change the cluster are withheld for it"
                        ),
                        format!(
                            "\"{value}\" 不在 config.json 的 {key}({names})中,因此只显示只读命令;会修改集群的命令不提供"
                        ),
                    ),
                ))
            })
            .collect()
    }
}

/// Ties each overridable `ParamField` to its slot in `ParamOverrides` and `CommandParams`,
/// which share field names.
macro_rules! overridable_fields {
    ($($variant:ident => $name:ident),* $(,)?) => {
        impl ParamField {
            /// The fields a person can override for an incident, in form order.
            pub const OVERRIDABLE: &'static [ParamField] = &[$(ParamField::$variant),*];
        }

        impl ParamOverrides {
            pub fn get(&self, field: ParamField) -> Option<&str> {
                match field {
                    $(ParamField::$variant => self.$name.as_deref(),)*
                    _ => None,
                }
            }

            pub fn set(&mut self, field: ParamField, value: Option<String>) {
                match field {
                    $(ParamField::$variant => self.$name = value,)*
                    _ => {}
                }
            }
        }

        impl CommandParams {
            pub fn value(&self, field: ParamField) -> Option<&str> {
                match field {
                    $(ParamField::$variant => Some(self.$name.as_str()),)*
                    _ => None,
                }
            }
        }
    };
}

overridable_fields! {
    KubeContext => kube_context,
    Namespace => namespace,
    Deployment => deployment,
    LabelSelector => label_selector,
    SecretName => secret_name,
    SecretKey => secret_key,
    Since => since,
    PublicHealthUrl => public_health_url,
    PublicPrometheusUrl => public_prometheus_url,
    VendorApiUrl => vendor_api_url,
    VendorStatusPage => vendor_status_page,
    ErrorMetric => error_metric,
}

impl ParamOverrides {
    /// A copy fit for storage: without any non-URL value that looks like a credential (an API
    /// key pasted into the "key name" field, say). Such a value stays in memory, where it gets
    /// its field's error, but never reaches localStorage.
    pub fn storable(&self) -> ParamOverrides {
        let mut kept = self.clone();
        for &field in ParamField::OVERRIDABLE {
            let is_url = field.as_str().ends_with("_url") || field == ParamField::VendorStatusPage;
            if !is_url && self.get(field).is_some_and(validate::looks_like_credential) {
                kept.set(field, None);
            }
        }
        kept
    }
}

impl CommandParams {
    pub fn new(config: &DeployConfig, overrides: &ParamOverrides, incident: Option<IncidentWindow>) -> CommandParams {
        let pick = |over: &Option<String>, default: &str| over.clone().unwrap_or_else(|| default.to_string());
        let (k, e, o) = (&config.kube, &config.endpoints, overrides);
        CommandParams {
            kube_context: pick(&o.kube_context, &k.context),
            namespace: pick(&o.namespace, &k.namespace),
            deployment: pick(&o.deployment, &k.deployment),
            label_selector: pick(&o.label_selector, &k.label_selector),
            secret_name: pick(&o.secret_name, &k.secret_name),
            secret_key: pick(&o.secret_key, &k.secret_key),
            since: pick(&o.since, DEFAULT_SINCE),
            public_health_url: pick(&o.public_health_url, &e.public_health_url),
            public_prometheus_url: pick(&o.public_prometheus_url, &e.public_prometheus_url),
            vendor_api_url: pick(&o.vendor_api_url, &e.vendor_api_url),
            vendor_status_page: pick(&o.vendor_status_page, &e.vendor_status_page),
            error_metric: pick(&o.error_metric, &config.prometheus.error_metric),
            incident,
            targets: TargetPolicy {
                allowed_contexts: k.allowed_contexts.clone(),
                allowed_namespaces: k.allowed_namespaces.clone(),
            },
        }
    }
}

/// Hands out parameter values while collecting the problems of those a command uses.
/// Values are only meaningful once [`Checker::finish`] has returned `Ok`.
pub(super) struct Checker<'a> {
    params: &'a CommandParams,
    errors: Vec<ParamError>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(params: &'a CommandParams) -> Checker<'a> {
        Checker {
            params,
            errors: Vec::new(),
        }
    }

    fn fail(&mut self, field: ParamField, problem: Bilingual) {
        if self.errors.iter().all(|e| e.field != field) {
            self.errors.push(ParamError::new(field, problem));
        }
    }

    /// The value of a text field, checked against its type (an empty value is "not set").
    pub(super) fn value(&mut self, field: ParamField) -> &'a str {
        let params: &'a CommandParams = self.params;
        let (Some(value), Some(kind)) = (params.value(field), field.param_type()) else {
            return "";
        };
        let checked = if value.is_empty() {
            Err(Bilingual::new("is not set", "未设置"))
        } else {
            kind.check(value)
        };
        if let Err(problem) = checked {
            self.fail(field, problem);
        }
        value
    }

    pub(super) fn incident(&self) -> Option<IncidentWindow> {
        self.params.incident
    }

    /// The incident window, required: an export without it would cover an arbitrary span.
    pub(super) fn required_incident(&mut self) -> IncidentWindow {
        let problem = match self.params.incident {
            Some(w) if w.end >= w.start => return w,
            Some(_) => Bilingual::new(
                "ends before it starts; check the incident's start and resolution times",
                "结束时间早于开始时间;请检查事件的开始和解决时间",
            ),
            None => Bilingual::new(
                "is unknown; declare the incident (with its start time) first",
                "未知;请先声明事件(含开始时间)",
            ),
        };
        self.fail(ParamField::IncidentWindow, problem);
        IncidentWindow {
            start: DateTime::UNIX_EPOCH,
            end: DateTime::UNIX_EPOCH,
        }
    }

    pub(super) fn finish(self) -> Result<(), Vec<ParamError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_overridable_field_reaches_the_params() {
        let config = DeployConfig::sample();
        for (n, &field) in ParamField::OVERRIDABLE.iter().enumerate() {
            let mut overrides = ParamOverrides::default();
            let value = format!("value-{n}");
            overrides.set(field, Some(value.clone()));
            assert_eq!(overrides.get(field), Some(value.as_str()), "{}", field.as_str());
            let params = CommandParams::new(&config, &overrides, None);
            assert_eq!(params.value(field), Some(value.as_str()), "{}", field.as_str());
            overrides.set(field, None);
            assert_eq!(overrides, ParamOverrides::default());
        }
        assert_eq!(ParamField::OVERRIDABLE.len(), 12);
    }

    #[test]
    fn a_pasted_key_is_never_stored() {
        let overrides = ParamOverrides {
            secret_key: Some("sk-proj-4fJ8kL2mQ9xR7tV1nB3c".into()),
            namespace: Some("payments".into()),
            public_health_url: Some("https://h.example/health".into()),
            ..Default::default()
        };
        let stored = overrides.storable();
        assert_eq!(stored.secret_key, None);
        assert_eq!(stored.namespace.as_deref(), Some("payments"));
        assert_eq!(stored.public_health_url, overrides.public_health_url);
        let params = CommandParams::new(&DeployConfig::sample(), &overrides, None);
        let mut checker = Checker::new(&params);
        checker.value(ParamField::SecretKey);
        let error = checker.finish().unwrap_err();
        assert_eq!(error[0].field, ParamField::SecretKey);
        assert!(!error[0].message().en.contains("sk-proj"));
    }
}
