//! curl commands against our health endpoint, Prometheus and Instantly.

use crate::shell::Command;
use crate::signals::query::step_for_span;

use super::params::Checker;
use super::{evidence_file, Built};

fn join(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

/// `--globoff`: curl would otherwise expand `{a,b}` and `[1-9]` in a URL into several requests.
fn curl(flags: &str) -> Command {
    Command::new("curl").flag(flags).flag("--globoff")
}

fn jq(filter: &str) -> Command {
    Command::new("jq").arg(filter)
}

pub(super) fn vendor_status(c: &mut Checker) -> Built {
    let url = join(c.vendor_status_base(), "/api/v2/status.json");
    Built::new(curl("-sS").arg(&url).pipe(jq(".status")))
}

pub(super) fn integration_health(c: &mut Checker) -> Built {
    Built::new(curl("-sS").arg(c.public_health_url()).pipe(jq(".services.instantly")))
}

pub(super) fn error_rate(c: &mut Checker) -> Built {
    let url = join(c.prometheus_base(), "/api/v1/query");
    let query = format!("query=rate({}[5m])", c.error_metric());
    let line = curl("-sSG")
        .arg(&url)
        .opt("--data-urlencode", &query)
        .pipe(jq(".data.result"));
    Built::new(line)
}

pub(super) fn rate_limit_headers(c: &mut Checker) -> Built {
    let line = curl("-sv")
        .arg(c.vendor_api_url())
        .stderr_to_stdout()
        .pipe(Command::new("grep").flag("-i").arg("rate"));
    Built::new(line)
}

/// `jq -n 'input…'` fails when curl produced nothing, so a dead endpoint prints UNHEALTHY;
/// `-e` does the same for a missing (null) status.
pub(super) fn health_check(c: &mut Checker) -> Built {
    let line = curl("-sf")
        .arg(c.public_health_url())
        .pipe(Command::new("jq").flag("-ne").arg("input.services.instantly.status"))
        .or_else(Command::new("echo").arg("UNHEALTHY"));
    Built::new(line)
}

pub(super) fn export_metrics(c: &mut Checker) -> Built {
    let url = join(c.prometheus_base(), "/api/v1/query_range");
    let metric = c.error_metric();
    let window = c.required_incident();
    let (start, end) = (window.start.timestamp(), window.end.timestamp());
    let step = step_for_span(end - start);
    let line = curl("-sSG")
        .arg(&url)
        .opt("--data-urlencode", &format!("query={metric}"))
        .opt("--data-urlencode", &format!("start={start}"))
        .opt("--data-urlencode", &format!("end={end}"))
        .opt("--data-urlencode", &format!("step={step}"))
        .stdout_to(&evidence_file(Some(window), "metrics.json"));
    Built::new(line)
}
