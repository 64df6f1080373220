//! PHASE-1 COMPATIBILITY ONLY, to be deleted when the shell reads its commands from the
//! runbook (`Runbook::commands`): the old enum-keyed API (`CommandId::ALL`, `generate`, `all`)
//! served by the generic engine from the one runbook package the app has today.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;

use super::book::{self, CommandBook};
use super::field::ParamError;
use super::load::parse_commands;
use super::params::CommandParams;

const FILE: &str = "content/instantly/commands.json";

fn shipped() -> &'static CommandBook {
    static BOOK: OnceLock<CommandBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        parse_commands(FILE, include_str!("../../../content/instantly/commands.json"))
            .expect("the shipped commands.json loads (core/tests/commands_package.rs)")
    })
}

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

    pub fn is_mutating(self) -> bool {
        shipped().get(self.as_str()).is_some_and(|c| c.mutating)
    }
}

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

pub fn generate(id: CommandId, params: &CommandParams) -> Result<GeneratedCommand, Vec<ParamError>> {
    let generated: Option<Result<book::GeneratedCommand, Vec<ParamError>>> = shipped().generate(id.as_str(), params);
    let cmd = generated.expect("the shipped commands.json declares every CommandId")?;
    Ok(GeneratedCommand {
        id,
        title: cmd.title,
        purpose: cmd.purpose,
        text: cmd.text,
        dry_run: cmd.dry_run,
        rollback: cmd.rollback,
        mutating: cmd.mutating,
        warning: cmd.warning,
    })
}

pub fn all(params: &CommandParams) -> Vec<(CommandId, Result<GeneratedCommand, Vec<ParamError>>)> {
    CommandId::ALL
        .into_iter()
        .map(|id| (id, generate(id, params)))
        .collect()
}
