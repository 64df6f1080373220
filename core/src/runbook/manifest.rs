//! `manifest.json`: a runbook's metadata and its severity levels as structured data.

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Manifest {
    pub id: String,
    pub title: Bilingual,
    /// Date the content was last reviewed, YYYY-MM-DD.
    pub reviewed: String,
    /// File in the runbook folder the content was transcribed from.
    pub source: String,
    pub severities: Vec<SeverityLevel>,
}

pub(super) fn parse_manifest(folder: &str, json: &str) -> Result<Manifest, ContentError> {
    let manifest: Manifest = serde_json::from_str(json).map_err(|e| ContentError::Manifest {
        runbook: folder.to_string(),
        reason: e.to_string(),
    })?;
    if manifest.id != folder {
        return Err(ContentError::IdMismatch {
            folder: folder.to_string(),
            manifest_id: manifest.id,
        });
    }
    if NaiveDate::parse_from_str(&manifest.reviewed, "%Y-%m-%d").is_err() {
        return Err(ContentError::ReviewedDate {
            runbook: manifest.id,
            value: manifest.reviewed,
        });
    }
    if manifest.severities.is_empty() {
        return Err(ContentError::NoSeverities { runbook: manifest.id });
    }
    for (i, severity) in manifest.severities.iter().enumerate() {
        if manifest.severities[..i]
            .iter()
            .any(|earlier| earlier.level == severity.level)
        {
            return Err(ContentError::DuplicateSeverity {
                runbook: manifest.id,
                level: severity.level,
            });
        }
    }
    Ok(manifest)
}
