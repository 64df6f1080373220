//! The inputs of the command generator by name, and the error that names one.

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Text};

/// One input of the command generator; errors name it so the UI can point at it.
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

impl ParamField {
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
            ParamField::VendorApiUrl => Text::new("Instantly API URL", "Instantly API 地址"),
            ParamField::VendorStatusPage => Text::new("Instantly status page", "Instantly 状态页"),
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
}

impl ParamError {
    /// A whole sentence naming the field, what is wrong and where to fix it.
    pub fn message(&self) -> Bilingual {
        let label = self.field.label();
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
