//! The command settings `commands_overrides.txt` is generated with; the real-kubectl test runs
//! the same ones.

use runbook_core::commands::ParamOverrides;

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
