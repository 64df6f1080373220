//! `manifest.json`: a runbook's metadata (titles, vendor, owners, review date, the alerts it
//! answers, links to other runbooks) and its severity levels as structured data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ContentError;
use crate::i18n::Bilingual;
use crate::severity::{ResponseTarget, Severity};

/// One row of the runbook's severity table, wording as written in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityLevel {
    pub level: Severity,
    pub definition: Bilingual,
    /// The response time as the runbook words it, e.g. "< 15 min".
    pub response: Bilingual,
    pub response_target: ResponseTarget,
    pub examples: Bilingual,
}

/// The fields of [`Manifest`], in order (the authoring check names the unknown ones).
pub(super) const FIELDS: &[&str] = &[
    "id",
    "title",
    "vendor",
    "health_service",
    "owners",
    "alerts",
    "links",
    "reviewed",
    "source",
    "severities",
    "severity_section",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Manifest {
    pub id: String,
    pub title: Bilingual,
    /// The vendor's display name; engine text that names the vendor takes it from here.
    pub vendor: Bilingual,
    /// The key of this integration under `services` in our health endpoint's answer.
    pub health_service: String,
    /// Who keeps the runbook (teams or people), shown in the library.
    pub owners: Vec<String>,
    /// Alert names (Prometheus `alertname`) this runbook answers.
    pub alerts: Vec<String>,
    /// Ids of other runbooks this one points to.
    #[serde(default)]
    pub links: Vec<String>,
    /// Date the content was last reviewed, YYYY-MM-DD.
    pub reviewed: String,
    /// File in the runbook folder the content was transcribed from.
    pub source: String,
    pub severities: Vec<SeverityLevel>,
    /// The section whose body the app shows as the severity levels' cards.
    #[serde(default)]
    pub severity_section: Option<String>,
}

/// A rule of the manifest that a value breaks: the top-level key, the list index when the
/// value is an item of a list, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ManifestProblem {
    pub key: &'static str,
    pub index: Option<usize>,
    pub message: String,
}

fn problem(key: &'static str, index: Option<usize>, message: String) -> ManifestProblem {
    ManifestProblem { key, index, message }
}

pub(super) fn parse_manifest(folder: &str, json: &str) -> Result<Manifest, ContentError> {
    let manifest: Manifest = serde_json::from_str(json).map_err(|e| ContentError::Manifest {
        runbook: folder.to_string(),
        reason: e.to_string(),
    })?;
    let Some(first) = problems(&manifest, folder).into_iter().next() else {
        return Ok(manifest);
    };
    Err(match (first.key, first.index) {
        ("id", _) => ContentError::IdMismatch {
            folder: folder.to_string(),
            manifest_id: manifest.id,
        },
        ("reviewed", _) => ContentError::ReviewedDate {
            runbook: manifest.id,
            value: manifest.reviewed,
        },
        ("severities", None) => ContentError::NoSeverities { runbook: manifest.id },
        ("severities", Some(i)) => ContentError::DuplicateSeverity {
            runbook: manifest.id,
            level: manifest.severities[i].level,
        },
        _ => ContentError::Manifest {
            runbook: manifest.id,
            reason: first.message,
        },
    })
}

/// A runbook id as it appears in links, folder names and config.json: `a-z`, `0-9` and `-`.
pub fn is_runbook_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Every rule the manifest breaks, in file order; empty when it can be used.
pub(super) fn problems(m: &Manifest, folder: &str) -> Vec<ManifestProblem> {
    let mut out = Vec::new();
    let blank = |s: &str| s.trim().is_empty();
    if m.id != folder {
        out.push(problem(
            "id",
            None,
            format!("the id \"{}\" must be the folder name \"{folder}\"", m.id),
        ));
    }
    if blank(&m.vendor.en) || blank(&m.vendor.zh) {
        out.push(problem("vendor", None, "vendor needs a name in both languages".into()));
    }
    if blank(&m.health_service) {
        out.push(problem(
            "health_service",
            None,
            "health_service must name the integration's entry in the health answer".into(),
        ));
    }
    if m.owners.is_empty() {
        out.push(problem("owners", None, "owners must list at least one owner".into()));
    }
    for (i, owner) in m.owners.iter().enumerate() {
        if blank(owner) {
            out.push(problem("owners", Some(i), "an owner is blank".into()));
        }
    }
    for (i, alert) in m.alerts.iter().enumerate() {
        if blank(alert) || alert.chars().any(char::is_whitespace) {
            out.push(problem(
                "alerts",
                Some(i),
                format!("alert name \"{alert}\" is blank or has spaces"),
            ));
        } else if m.alerts[..i].contains(alert) {
            out.push(problem("alerts", Some(i), format!("alert \"{alert}\" is listed twice")));
        }
    }
    for (i, link) in m.links.iter().enumerate() {
        let message = if !is_runbook_id(link) {
            format!("link \"{link}\" is not a runbook id (a-z, 0-9, '-')")
        } else if *link == m.id {
            "a runbook does not link to itself".to_string()
        } else if m.links[..i].contains(link) {
            format!("link \"{link}\" is listed twice")
        } else {
            continue;
        };
        out.push(problem("links", Some(i), message));
    }
    if NaiveDate::parse_from_str(&m.reviewed, "%Y-%m-%d").is_err() {
        out.push(problem(
            "reviewed",
            None,
            format!("reviewed date \"{}\" is not a date; write it as YYYY-MM-DD", m.reviewed),
        ));
    }
    if m.severities.is_empty() {
        out.push(problem(
            "severities",
            None,
            "no severity levels; add the runbook's definitions".into(),
        ));
    }
    for (i, severity) in m.severities.iter().enumerate() {
        if m.severities[..i].iter().any(|earlier| earlier.level == severity.level) {
            out.push(problem(
                "severities",
                Some(i),
                format!("severity {} is defined more than once", severity.level.as_str()),
            ));
        }
    }
    out
}
