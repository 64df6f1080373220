//! The inputs of the command generator by name and type, and the error that names one.

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Text};
use crate::validate::{self, Checked};

/// One input of the command generator; errors name it so the UI can point at it. The names
/// (`as_str`) are the placeholders command templates use (`{namespace}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamField {
    KubeContext,
    Namespace,
    Deployment,
    LabelSelector,
    SecretName,
    SecretKey,
    Since,
    PublicHealthUrl,
    PublicPrometheusUrl,
    VendorApiUrl,
    VendorStatusPage,
    ErrorMetric,
    IncidentWindow,
}

/// What a value must look like: each type has one checker, and decides where in a template word
/// a value of that type may stand (see `template.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    KubeContext,
    Dns1123Label,
    Dns1123Subdomain,
    LabelSelector,
    SecretKey,
    Duration,
    /// A whole http(s) URL, query allowed: nothing may follow it in a word.
    Url,
    /// A base URL without query or fragment: a path may follow it (`{url}/api/v1/query`).
    BaseUrl,
    PrometheusName,
}

impl ParamType {
    pub fn check(self, v: &str) -> Checked {
        match self {
            ParamType::KubeContext => validate::kube_context(v),
            ParamType::Dns1123Label => validate::dns1123_label(v),
            ParamType::Dns1123Subdomain => validate::dns1123_subdomain(v),
            ParamType::LabelSelector => validate::label_selector(v),
            ParamType::SecretKey => validate::secret_key(v),
            ParamType::Duration => validate::duration(v),
            ParamType::Url => validate::http_url(v),
            ParamType::BaseUrl => base_url(v),
            ParamType::PrometheusName => validate::prometheus_name(v),
        }
    }

    pub fn is_url(self) -> bool {
        matches!(self, ParamType::Url | ParamType::BaseUrl)
    }
}

/// A base URL that paths are appended to: no query or fragment to end up in the middle.
fn base_url(v: &str) -> Checked {
    validate::http_url(v)?;
    if v.contains(['?', '#']) {
        return Err(Bilingual::new(
            "must be a base URL without '?' or '#', such as http://prometheus:9090",
            "必须是不含 '?' 或 '#' 的基础地址,例如 http://prometheus:9090",
        ));
    }
    Ok(())
}

impl ParamField {
    /// The fields that hold text, in form order (all but the incident window).
    pub const TEXT: [ParamField; 12] = [
        ParamField::KubeContext,
        ParamField::Namespace,
        ParamField::Deployment,
        ParamField::LabelSelector,
        ParamField::SecretName,
        ParamField::SecretKey,
        ParamField::Since,
        ParamField::PublicHealthUrl,
        ParamField::PublicPrometheusUrl,
        ParamField::VendorApiUrl,
        ParamField::VendorStatusPage,
        ParamField::ErrorMetric,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParamField::KubeContext => "kube_context",
            ParamField::Namespace => "namespace",
            ParamField::Deployment => "deployment",
            ParamField::LabelSelector => "label_selector",
            ParamField::SecretName => "secret_name",
            ParamField::SecretKey => "secret_key",
            ParamField::Since => "since",
            ParamField::PublicHealthUrl => "public_health_url",
            ParamField::PublicPrometheusUrl => "public_prometheus_url",
            ParamField::VendorApiUrl => "vendor_api_url",
            ParamField::VendorStatusPage => "vendor_status_page",
            ParamField::ErrorMetric => "error_metric",
            ParamField::IncidentWindow => "incident_window",
        }
    }

    pub fn parse(name: &str) -> Option<ParamField> {
        ParamField::TEXT
            .into_iter()
            .chain([ParamField::IncidentWindow])
            .find(|f| f.as_str() == name)
    }

    /// The type of a text field's value; `None` for the incident window.
    pub fn param_type(self) -> Option<ParamType> {
        Some(match self {
            ParamField::KubeContext => ParamType::KubeContext,
            ParamField::Namespace => ParamType::Dns1123Label,
            ParamField::Deployment | ParamField::SecretName => ParamType::Dns1123Subdomain,
            ParamField::LabelSelector => ParamType::LabelSelector,
            ParamField::SecretKey => ParamType::SecretKey,
            ParamField::Since => ParamType::Duration,
            ParamField::PublicHealthUrl | ParamField::VendorApiUrl => ParamType::Url,
            ParamField::PublicPrometheusUrl | ParamField::VendorStatusPage => ParamType::BaseUrl,
            ParamField::ErrorMetric => ParamType::PrometheusName,
            ParamField::IncidentWindow => return None,
        })
    }

    /// The generic label; a runbook's commands file may give a field its own
    /// (`params.<field>.label`, see [`super::CommandBook::label`]).
    pub fn label(self) -> Text {
        match self {
            ParamField::KubeContext => Text::new("Kube context", "Kube context"),
            ParamField::Namespace => Text::new("Namespace", "命名空间"),
            ParamField::Deployment => Text::new("Deployment", "Deployment 名称"),
            ParamField::LabelSelector => Text::new("Label selector", "标签选择器"),
            ParamField::SecretName => Text::new("Secret name", "Secret 名称"),
            ParamField::SecretKey => Text::new(
                "Key name inside the Secret (not the API key)",
                "Secret 中的键名(不是 API 密钥本身)",
            ),
            ParamField::Since => Text::new("Log window (since)", "日志时间范围(since)"),
            ParamField::PublicHealthUrl => Text::new("Public health URL", "公开健康检查地址"),
            ParamField::PublicPrometheusUrl => Text::new("Prometheus URL", "Prometheus 地址"),
            ParamField::VendorApiUrl => Text::new("Vendor API URL", "供应商 API 地址"),
            ParamField::VendorStatusPage => Text::new("Vendor status page", "供应商状态页"),
            ParamField::ErrorMetric => Text::new("Error metric", "错误指标"),
            ParamField::IncidentWindow => Text::new("Incident time window", "事件时间范围"),
        }
    }

    /// The config.json setting this value defaults to, if it comes from config.
    pub fn config_key(self) -> Option<&'static str> {
        match self {
            ParamField::KubeContext => Some("kube.context"),
            ParamField::Namespace => Some("kube.namespace"),
            ParamField::Deployment => Some("kube.deployment"),
            ParamField::LabelSelector => Some("kube.label_selector"),
            ParamField::SecretName => Some("kube.secret_name"),
            ParamField::SecretKey => Some("kube.secret_key"),
            ParamField::PublicHealthUrl => Some("endpoints.public_health_url"),
            ParamField::PublicPrometheusUrl => Some("endpoints.public_prometheus_url"),
            ParamField::VendorApiUrl => Some("endpoints.vendor_api_url"),
            ParamField::VendorStatusPage => Some("endpoints.vendor_status_page"),
            ParamField::ErrorMetric => Some("prometheus.error_metric"),
            ParamField::Since | ParamField::IncidentWindow => None,
        }
    }
}

/// Why no command was generated: one input is invalid or missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    pub field: ParamField,
    pub problem: Bilingual,
    /// The runbook's own label for the field, when its commands file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Bilingual>,
}

impl ParamError {
    pub fn new(field: ParamField, problem: Bilingual) -> ParamError {
        ParamError {
            field,
            problem,
            label: None,
        }
    }

    /// The field's name as the message shows it.
    pub fn label(&self) -> Bilingual {
        self.label.clone().unwrap_or_else(|| self.field.label().into())
    }

    /// A whole sentence naming the field, what is wrong and where to fix it.
    pub fn message(&self) -> Bilingual {
        let label = self.label();
        match self.field.config_key() {
            Some(key) => Bilingual::new(
                format!(
                    "{}: {}. No command was generated: correct it in this incident's command settings or in config.json ({key}).",
                    label.en, self.problem.en
                ),
                format!(
                    "{}:{}。未生成命令:请在本次事件的命令参数或 config.json({key})中更正。",
                    label.zh, self.problem.zh
                ),
            ),
            None => Bilingual::new(
                format!("{}: {}. No command was generated.", label.en, self.problem.en),
                format!("{}:{}。未生成命令。", label.zh, self.problem.zh),
            ),
        }
    }
}
