//! Copy-ready commands of the runbook, generated from validated parameters.
//! An invalid parameter yields errors naming it and no command at all.

mod catalog;
mod field;
mod http;
mod kube;
mod params;
mod secret;

use std::fmt::Display;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;

pub use field::{ParamError, ParamField};
pub use params::{CommandParams, IncidentWindow, ParamOverrides, TargetPolicy, DEFAULT_SINCE};

use params::Checker;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandId {
    VendorStatus,
    IntegrationHealth,
    ErrorRate,
    RecentErrorLogs,
    VerifyApiKey,
    VerifyApiKeySuffix,
    RotateSecret,
    RestartDeployment,
    RateLimitHeaders,
    QueueMode,
    FallbackOn,
    DebugBundle,
    ExportLogs,
    ExportMetrics,
    HealthCheck,
}

impl CommandId {
    /// In the order the runbook uses them: triage, actions by error type, evidence, examples.
    pub const ALL: [CommandId; 15] = [
        CommandId::VendorStatus,
        CommandId::IntegrationHealth,
        CommandId::ErrorRate,
        CommandId::RecentErrorLogs,
        CommandId::VerifyApiKey,
        CommandId::VerifyApiKeySuffix,
        CommandId::RotateSecret,
        CommandId::RestartDeployment,
        CommandId::RateLimitHeaders,
        CommandId::QueueMode,
        CommandId::FallbackOn,
        CommandId::DebugBundle,
        CommandId::ExportLogs,
        CommandId::ExportMetrics,
        CommandId::HealthCheck,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommandId::VendorStatus => "vendor_status",
            CommandId::IntegrationHealth => "integration_health",
            CommandId::ErrorRate => "error_rate",
            CommandId::RecentErrorLogs => "recent_error_logs",
            CommandId::VerifyApiKey => "verify_api_key",
            CommandId::VerifyApiKeySuffix => "verify_api_key_suffix",
            CommandId::RotateSecret => "rotate_secret",
            CommandId::RestartDeployment => "restart_deployment",
            CommandId::RateLimitHeaders => "rate_limit_headers",
            CommandId::QueueMode => "queue_mode",
            CommandId::FallbackOn => "fallback_on",
            CommandId::DebugBundle => "debug_bundle",
            CommandId::ExportLogs => "export_logs",
            CommandId::ExportMetrics => "export_metrics",
            CommandId::HealthCheck => "health_check",
        }
    }

    pub fn parse(s: &str) -> Option<CommandId> {
        CommandId::ALL.into_iter().find(|id| id.as_str() == s)
    }

    /// Whether the command changes the cluster (and so comes with a dry run and a rollback).
    pub fn is_mutating(self) -> bool {
        catalog::describe(self).mutating
    }
}

/// A command ready to copy, with what it is for and, when it changes something, how to
/// preview it (`dry_run`) and undo it (`rollback`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedCommand {
    pub id: CommandId,
    pub title: Bilingual,
    pub purpose: Bilingual,
    pub text: String,
    pub dry_run: Option<String>,
    pub rollback: Option<String>,
    pub mutating: bool,
    pub warning: Option<Bilingual>,
}

struct Built {
    text: String,
    dry_run: Option<String>,
    rollback: Option<String>,
}

impl Built {
    fn new(line: impl Display) -> Built {
        Built {
            text: line.to_string(),
            dry_run: None,
            rollback: None,
        }
    }
}

/// `incident-20240115T0630Z-logs.txt` for a declared incident, `incident-logs.txt` otherwise.
fn evidence_file(window: Option<IncidentWindow>, suffix: &str) -> String {
    match window {
        Some(w) => format!("incident-{}-{suffix}", file_stamp(w.start)),
        None => format!("incident-{suffix}"),
    }
}

fn file_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%MZ").to_string()
}

fn build(id: CommandId, c: &mut Checker) -> Built {
    match id {
        CommandId::VendorStatus => http::vendor_status(c),
        CommandId::IntegrationHealth => http::integration_health(c),
        CommandId::ErrorRate => http::error_rate(c),
        CommandId::RecentErrorLogs => kube::recent_error_logs(c),
        CommandId::VerifyApiKey => secret::verify_fingerprint(c),
        CommandId::VerifyApiKeySuffix => secret::verify_suffix(c),
        CommandId::RotateSecret => secret::rotate_secret(c),
        CommandId::RestartDeployment => kube::restart_deployment(c),
        CommandId::RateLimitHeaders => http::rate_limit_headers(c),
        CommandId::QueueMode => kube::set_env(c, "RATE_LIMIT_MODE", "queue"),
        CommandId::FallbackOn => kube::set_env(c, "INSTANTLY_FALLBACK", "true"),
        CommandId::DebugBundle => kube::debug_bundle(c),
        CommandId::ExportLogs => kube::export_logs(c),
        CommandId::ExportMetrics => http::export_metrics(c),
        CommandId::HealthCheck => http::health_check(c),
    }
}

/// The command `id` filled with `params`, or every problem with the parameters it uses. A command
/// that changes the cluster is also refused for a target outside config's allow-lists
/// ([`CommandParams::target_refusals`]).
pub fn generate(id: CommandId, params: &CommandParams) -> Result<GeneratedCommand, Vec<ParamError>> {
    let mut checker = Checker::new(params);
    let built = build(id, &mut checker);
    checker.finish()?;
    let about = catalog::describe(id);
    if about.mutating {
        let refusals = params.target_refusals();
        if !refusals.is_empty() {
            return Err(refusals);
        }
    }
    Ok(GeneratedCommand {
        id,
        title: about.title.into(),
        purpose: about.purpose.into(),
        text: built.text,
        dry_run: built.dry_run,
        rollback: built.rollback,
        mutating: about.mutating,
        warning: about.warning.map(Bilingual::from),
    })
}

/// Every command in runbook order; each succeeds or fails on its own parameters.
pub fn all(params: &CommandParams) -> Vec<(CommandId, Result<GeneratedCommand, Vec<ParamError>>)> {
    CommandId::ALL
        .into_iter()
        .map(|id| (id, generate(id, params)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DeployConfig;

    fn defaults() -> CommandParams {
        let start = DateTime::from_timestamp(1_705_300_200, 0).unwrap();
        let window = IncidentWindow {
            start,
            end: start + chrono::Duration::hours(2),
        };
        CommandParams::new(&DeployConfig::sample(), &ParamOverrides::default(), Some(window))
    }

    #[test]
    fn ids_round_trip() {
        for id in CommandId::ALL {
            assert_eq!(CommandId::parse(id.as_str()), Some(id));
        }
        assert_eq!(CommandId::parse("rm_rf"), None);
    }

    #[test]
    fn overrides_replace_config_values() {
        let overrides = ParamOverrides {
            namespace: Some("payments".into()),
            since: Some("15m".into()),
            ..Default::default()
        };
        let p = CommandParams::new(&DeployConfig::sample(), &overrides, None);
        assert_eq!(
            (p.namespace.as_str(), p.since.as_str(), p.kube_context.as_str()),
            ("payments", "15m", "staging-eu")
        );
        assert_eq!(defaults().since, DEFAULT_SINCE);
    }

    #[test]
    fn every_mutating_command_has_a_preview_and_a_rollback() {
        for (id, result) in all(&defaults()) {
            let cmd = result.unwrap_or_else(|e| panic!("{id:?}: {e:?}"));
            assert_eq!(cmd.mutating, cmd.dry_run.is_some(), "{id:?}");
            assert_eq!(cmd.mutating, cmd.rollback.is_some(), "{id:?}");
            assert_eq!(cmd.mutating, cmd.warning.is_some(), "{id:?}");
        }
    }

    #[test]
    fn every_kubectl_call_names_context_and_namespace() {
        for (id, result) in all(&defaults()) {
            let cmd = result.unwrap();
            for line in [Some(&cmd.text), cmd.dry_run.as_ref(), cmd.rollback.as_ref()]
                .into_iter()
                .flatten()
            {
                let calls = line.matches("kubectl ").count();
                let scoped = line.matches("kubectl --context staging-eu -n mail ").count();
                let kubeconfig_only = line.matches("kubectl config ").count();
                assert_eq!(calls, scoped + kubeconfig_only, "{id:?}: {line}");
            }
        }
    }

    #[test]
    fn an_invalid_value_names_its_field_and_yields_no_command() {
        let mut p = defaults();
        p.namespace = "Prod; rm -rf /".into();
        p.deployment = "$(reboot)".into();
        let errors = generate(CommandId::RestartDeployment, &p).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [ParamField::Namespace, ParamField::Deployment]);
        let message = errors[0].message();
        assert!(
            message.en.starts_with("Namespace: must be a DNS-1123 label"),
            "{}",
            message.en
        );
        assert!(message.en.contains("config.json (kube.namespace)"));
        assert!(
            message.zh.starts_with("命名空间:必须是 DNS-1123 标签"),
            "{}",
            message.zh
        );
        assert!(generate(CommandId::HealthCheck, &p).is_ok());
    }

    #[test]
    fn a_target_outside_the_allow_lists_gets_read_only_commands_only() {
        let mut config = DeployConfig::sample();
        config.kube.allowed_namespaces = Some(vec!["payments".into(), "mail".into()]);
        config.kube.allowed_contexts = Some(vec![config.kube.context.clone()]);
        let window = defaults().incident;
        let allowed = CommandParams::new(&config, &ParamOverrides::default(), window);
        assert!(allowed.target_refusals().is_empty());
        assert!(generate(CommandId::RotateSecret, &allowed).is_ok());

        let from_alert = ParamOverrides {
            namespace: Some("attacker-ns".into()),
            kube_context: Some("other-cluster".into()),
            ..Default::default()
        };
        let outside = CommandParams::new(&config, &from_alert, window);
        for id in CommandId::ALL {
            let result = generate(id, &outside);
            assert_eq!(result.is_err(), id.is_mutating(), "{id:?}");
            if let Err(errors) = result {
                let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
                assert_eq!(fields, [ParamField::KubeContext, ParamField::Namespace], "{id:?}");
            }
        }
        let message = outside.target_refusals()[1].message();
        assert!(
            message.en.starts_with(
                "Namespace: \"attacker-ns\" is not in config.json's kube.allowed_namespaces (payments, mail), so only read-only commands are shown"
            ),
            "{}",
            message.en
        );
        assert!(message
            .zh
            .contains("不在 config.json 的 kube.allowed_namespaces(payments, mail)中"));
        assert!(CommandId::ALL.iter().any(|id| id.is_mutating()));
    }

    #[test]
    fn base_urls_reject_queries() {
        let mut p = defaults();
        p.public_prometheus_url = "http://prom:9090/?x=1".into();
        let errors = generate(CommandId::ErrorRate, &p).unwrap_err();
        assert_eq!(errors[0].field, ParamField::PublicPrometheusUrl);
        assert!(errors[0].problem.en.contains("without '?'"));
    }
}
