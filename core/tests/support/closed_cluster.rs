//! The real `kubectl` on PATH against a cluster that never answers: a kubeconfig whose only
//! cluster is a closed loopback port (`https://127.0.0.1:1`), as in kubectl_real.rs. kubectl
//! parses its whole command line (subcommand, flags, resource, annotations) before it connects,
//! so an argv it refuses fails with kubectl's own message, while "connection refused" means every
//! argument was accepted. Nothing is ever sent anywhere.
//!
//! Without kubectl on PATH a test is skipped, except under CI=true where it fails.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

/// kubectl refused its arguments (the messages kubectl_real.rs looks for).
const REFUSALS: [&str; 8] = [
    "unknown flag",
    "unknown command",
    "unknown shorthand flag",
    "flag needs an argument",
    "invalid argument",
    "required flag",
    "error: invalid",
    "error: unknown",
];

/// kubectl reached the (closed) server: it accepted every argument.
const CONNECTED: [&str; 3] = ["connection refused", "was refused", "Unable to connect to the server"];

pub struct ClosedCluster {
    kubectl: PathBuf,
    home: PathBuf,
    kubeconfig: PathBuf,
}

/// The kubectl on PATH, or `None` (the test is skipped) when there is none outside CI.
pub fn real_kubectl() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("kubectl"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        let message = "kubectl must be on PATH; scripts/setup.sh installs it";
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{message}");
        }
        eprintln!("SKIPPED: {message}");
    }
    found
}

/// A kubeconfig at `path` with the one context `context`, current, on a closed port.
pub fn write_kubeconfig(path: &Path, context: &str) {
    let config = serde_json::json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "closed", "cluster": {"server": "https://127.0.0.1:1"}}],
        "users": [{"name": "nobody", "user": {"token": "not-a-token"}}],
        "contexts": [{"name": context, "context": {"cluster": "closed", "user": "nobody"}}],
        "current-context": context,
    });
    fs::write(path, config.to_string()).unwrap();
}

impl ClosedCluster {
    /// A kubeconfig in `dir` with the one context `context`, current, on a closed port.
    pub fn new(kubectl: PathBuf, dir: &Path, context: &str) -> ClosedCluster {
        let kubeconfig = dir.join("kubeconfig");
        write_kubeconfig(&kubeconfig, context);
        ClosedCluster {
            kubectl,
            home: dir.to_path_buf(),
            kubeconfig,
        }
    }

    /// Runs kubectl with `args` (its argv without the program name): `Ok` with its stderr when it
    /// got as far as connecting, `Err` with exit status and stderr when it refused the arguments.
    pub fn accepts(&self, args: &[String]) -> Result<String, String> {
        let mut child = Process::new(&self.kubectl)
            .args(args)
            .current_dir(&self.home)
            .env_clear()
            .env("HOME", &self.home)
            .env("KUBECONFIG", &self.kubeconfig)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(60) {
                child.kill().unwrap();
                return Err(format!("timed out: kubectl {args:?}"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let refused = REFUSALS.iter().any(|r| stderr.contains(r));
        let connected = CONNECTED.iter().any(|c| stderr.contains(c));
        if refused || !connected || out.status.success() {
            return Err(format!(
                "kubectl {args:?} (exit {:?}): {}",
                out.status.code(),
                stderr.trim()
            ));
        }
        Ok(stderr)
    }
}
