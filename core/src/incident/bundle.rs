//! The incident bundle: everything collected about one incident (timeline, wizard answers,
//! last live readings, error-rate metrics over its span) in one file, as JSON for tools and as
//! Markdown for people. Also the metrics request the browser makes for that span.

mod markdown;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Incident;
use crate::commands::CommandParams;
use crate::config::PrometheusConfig;
use crate::i18n::Bilingual;
use crate::signals::error_rate::ErrorRates;
use crate::signals::health::HealthStatus;
use crate::signals::query::{error_rate_by_code_query, range_url, step_for_span};
use crate::signals::vendor::VendorStatus;
use crate::signals::{Reading, Signal, Source};
use crate::tree::Tree;

/// `format` value of a bundle file.
pub const BUNDLE_FORMAT: &str = "incident-runbook/bundle";
pub const BUNDLE_VERSION: u32 = 1;

/// A range query over the incident's span: from its start to its resolution (or `now` while
/// open), in whole seconds, with the finest step that stays within Prometheus' point limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsRange {
    pub query: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub step_secs: i64,
}

impl MetricsRange {
    /// The error rate by status code, as on the triage chart.
    pub fn for_incident(incident: &Incident, prometheus: &PrometheusConfig, now: DateTime<Utc>) -> MetricsRange {
        let whole = |t: DateTime<Utc>| DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t);
        let start = whole(incident.started_at);
        let end = whole(incident.resolved_at().unwrap_or(now)).max(start);
        let span = (end - start).num_seconds();
        let step_secs = step_for_span(span);
        MetricsRange {
            query: error_rate_by_code_query(prometheus),
            start,
            end,
            step_secs,
        }
    }

    /// Points per series, both ends included.
    pub fn points(&self) -> i64 {
        (self.end - self.start).num_seconds() / self.step_secs + 1
    }

    /// `<base>/api/v1/query_range?query=..&start=..&end=..&step=..` with absolute unix times.
    pub fn url(&self, base: &str) -> String {
        range_url(
            base,
            &self.query,
            self.start.timestamp(),
            self.end.timestamp(),
            self.step_secs,
        )
    }
}

/// Prometheus' answer to a [`MetricsRange`], kept as received, with what was asked and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricsEvidence {
    pub range: MetricsRange,
    pub fetched_at: DateTime<Utc>,
    pub source: Source,
    pub response: Value,
}

impl MetricsEvidence {
    /// The content of `metrics.json`.
    pub fn to_json(&self) -> String {
        pretty(self)
    }
}

/// A live signal as last seen: the newest good reading and, if it is failing now, why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignalSnapshot<T> {
    pub last_good: Option<Reading<T>>,
    pub failure: Option<Bilingual>,
}

impl<T: Clone> SignalSnapshot<T> {
    pub fn of(signal: &Signal<T>) -> SignalSnapshot<T> {
        SignalSnapshot {
            last_good: signal.reading().cloned(),
            failure: signal.failure().map(|f| f.message()),
        }
    }
}

/// The triage page's three checks when the bundle was made.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LiveSnapshot {
    pub vendor: SignalSnapshot<VendorStatus>,
    pub health: SignalSnapshot<HealthStatus>,
    pub errors: SignalSnapshot<ErrorRates>,
}

/// What the app knows besides the incident itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub environment: String,
    /// The values generated commands used (context, namespace, ...); they never hold a key.
    pub command_params: CommandParams,
    pub live: LiveSnapshot,
    /// `None` when the metrics were not fetched in the browser.
    pub metrics: Option<MetricsEvidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bundle {
    pub format: &'static str,
    pub version: u32,
    pub generated_at: DateTime<Utc>,
    pub environment: String,
    /// The whole incident: facts, wizard answers and timeline.
    pub incident: Incident,
    /// The wizard's answers in link form (`/wizard?a=...`).
    pub wizard_path: String,
    pub command_params: CommandParams,
    pub live: LiveSnapshot,
    pub metrics: Option<MetricsEvidence>,
    /// The runbook's vendor, naming its status check in the Markdown.
    #[serde(skip)]
    pub vendor: Option<Bilingual>,
}

impl Bundle {
    pub fn new(incident: &Incident, tree: &Tree, evidence: Evidence, now: DateTime<Utc>) -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT,
            version: BUNDLE_VERSION,
            generated_at: now,
            environment: evidence.environment,
            incident: incident.clone(),
            wizard_path: incident.path().to_query(tree),
            command_params: evidence.command_params,
            live: evidence.live,
            metrics: evidence.metrics,
            vendor: None,
        }
    }

    /// The bundle of a runbook with this vendor (its `vendor` in the manifest).
    pub fn with_vendor(mut self, vendor: &Bilingual) -> Bundle {
        self.vendor = Some(vendor.clone());
        self
    }

    pub fn to_json(&self) -> String {
        pretty(self)
    }
}

/// Every map in these types has string keys and serde_json writes non-finite floats as null,
/// so serialization cannot fail.
fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("bundle types always serialize to JSON")
}

/// `incident-20260306T0930Z-bundle.json`: named by the incident's start like the command-line
/// exports, so one incident's files sort together; `incident-bundle.json` without an incident.
pub fn evidence_file_name(started_at: Option<DateTime<Utc>>, name: &str) -> String {
    match started_at {
        Some(t) => format!("incident-{}-{name}", t.format("%Y%m%dT%H%MZ")),
        None => format!("incident-{name}"),
    }
}

#[cfg(test)]
mod tests;
