//! The command settings the goldens are generated with (the shipped `public/config.json`, and
//! the overrides of `commands_overrides.txt`), and the shipped runbook's commands file; the
//! real-kubectl test runs the same ones.

use runbook_core::commands::{parse_commands, CommandBook, ParamOverrides};
use runbook_core::config::{parse_config, DeployConfig};

/// `public/config.json`, which must read without a single issue.
pub fn shipped_config() -> DeployConfig {
    let loaded = parse_config(include_str!("../../../public/config.json"));
    assert_eq!(loaded.issues, vec![], "public/config.json must validate");
    loaded.config
}

pub fn golden_overrides() -> ParamOverrides {
    ParamOverrides {
        kube_context: Some("arn:aws:eks:us-east-1:123456789012:cluster/prod".into()),
        namespace: Some("payments".into()),
        label_selector: Some("app.kubernetes.io/name=instantly,tier!=web".into()),
        secret_key: Some("instantly.api-key".into()),
        since: Some("1h30m".into()),
        public_prometheus_url: Some("https://prom.internal.example:9090/prometheus/".into()),
        ..ParamOverrides::default()
    }
}

/// `content/instantly/commands.json`, which must load without a single problem.
pub fn shipped_commands() -> CommandBook {
    let file = "content/instantly/commands.json";
    let path = format!("{}/../{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_commands(file, &text).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{file} must load:\n{}", lines.join("\n"))
    })
}
