//! kubectl commands: logs, restarts, environment switches, evidence.

use chrono::SecondsFormat;

use crate::shell::{quote, Command};

use super::params::Checker;
use super::{evidence_file, Built};

const ROLLOUT_TIMEOUT: &str = "10m";

/// `kubectl --context C -n NS`: every kubectl line names its cluster and namespace.
pub(super) fn kubectl(c: &mut Checker) -> Command {
    Command::new("kubectl")
        .opt("--context", c.kube_context())
        .opt("-n", c.namespace())
}

fn deployment_ref(c: &mut Checker) -> String {
    format!("deployment/{}", c.deployment())
}

fn rollout_status(kubectl: &Command, deployment: &str) -> Command {
    kubectl
        .clone()
        .arg("rollout")
        .arg("status")
        .arg(deployment)
        .opt_eq("--timeout", ROLLOUT_TIMEOUT)
}

/// `--tail=-1`: with a selector kubectl would otherwise keep only 10 lines per pod.
pub(super) fn recent_error_logs(c: &mut Checker) -> Built {
    let line = kubectl(c)
        .arg("logs")
        .opt("-l", c.label_selector())
        .opt_eq("--since", c.since())
        .flag("--all-containers")
        .flag("--prefix")
        .flag("--tail=-1")
        .pipe(Command::new("grep").flag("-i").arg("error"))
        .pipe(Command::new("tail").opt("-n", "20"));
    Built::new(line)
}

/// `rollout restart` has no `--dry-run` (kubectl 1.32), so the preview is a server-side dry run
/// of the very patch it sends: a new `restartedAt` annotation on the pod template.
fn restart_preview(kubectl: &Command, deployment: &str) -> Command {
    kubectl
        .clone()
        .arg("patch")
        .arg(deployment)
        .opt_eq("--type", "merge")
        .opt("-p", RESTART_PATCH)
        .opt_eq("--dry-run", "server")
}

const RESTART_PATCH: &str =
    r#"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"dry-run"}}}}}"#;

pub(super) fn restart_deployment(c: &mut Checker) -> Built {
    let k = kubectl(c);
    let deployment = deployment_ref(c);
    let restart = k.clone().arg("rollout").arg("restart").arg(&deployment);
    let undo = k.clone().arg("rollout").arg("undo").arg(&deployment);
    Built {
        text: restart.and_then(rollout_status(&k, &deployment)).to_string(),
        dry_run: Some(restart_preview(&k, &deployment).to_string()),
        rollback: Some(undo.and_then(rollout_status(&k, &deployment)).to_string()),
    }
}

/// Sets one environment variable on the deployment; the rollback removes it (`NAME-`).
pub(super) fn set_env(c: &mut Checker, name: &str, value: &str) -> Built {
    let k = kubectl(c);
    let deployment = deployment_ref(c);
    let set = k
        .clone()
        .arg("set")
        .arg("env")
        .arg(&deployment)
        .arg(&format!("{name}={value}"));
    let unset = k
        .clone()
        .arg("set")
        .arg("env")
        .arg(&deployment)
        .arg(&format!("{name}-"));
    Built {
        text: set.clone().and_then(rollout_status(&k, &deployment)).to_string(),
        dry_run: Some(set.opt_eq("--dry-run", "server").to_string()),
        rollback: Some(unset.and_then(rollout_status(&k, &deployment)).to_string()),
    }
}

pub(super) fn export_logs(c: &mut Checker) -> Built {
    let logs = kubectl(c)
        .arg("logs")
        .opt("-l", c.label_selector())
        .flag("--all-containers")
        .flag("--prefix")
        .flag("--timestamps")
        .flag("--tail=-1");
    let logs = match c.incident() {
        Some(w) => logs.opt_eq("--since-time", &w.start.to_rfc3339_opts(SecondsFormat::Secs, true)),
        None => logs.opt_eq("--since", "1h"),
    };
    Built::new(logs.stdout_to(&evidence_file(c.incident(), "logs.txt")))
}

/// The script cannot take a context, so the line checks the current one before running it.
pub(super) fn debug_bundle(c: &mut Checker) -> Built {
    let context = c.kube_context();
    let refusal = format!(
        "Current kube context is not {context}; switch with / 当前 kube context 不是 {context},请切换: kubectl config use-context {context}"
    );
    Built::new(format!(
        "if [ \"$(kubectl config current-context)\" = {} ]; then {}; else printf '%s\\n' {} >&2; fi",
        quote(context),
        Command::new("./scripts/instantly-debug-bundle.sh"),
        quote(&refusal),
    ))
}
