//! The vendor's Statuspage summary (`/api/v2/status.json`).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::fetch::ShapeError;
use super::json;
use crate::i18n::{Bilingual, Text};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Indicator {
    None,
    Minor,
    Major,
    Critical,
    Maintenance,
    /// A value Statuspage may add later; shown as is, never counted as an incident or as all-clear.
    Unknown(String),
}

impl Indicator {
    pub fn parse(raw: &str) -> Indicator {
        match raw {
            "none" => Indicator::None,
            "minor" => Indicator::Minor,
            "major" => Indicator::Major,
            "critical" => Indicator::Critical,
            "maintenance" => Indicator::Maintenance,
            other => Indicator::Unknown(other.to_string()),
        }
    }

    pub fn label(&self) -> Bilingual {
        let t = match self {
            Indicator::None => Text::new("No incident", "无事故"),
            Indicator::Minor => Text::new("Minor incident", "轻微事故"),
            Indicator::Major => Text::new("Major incident", "重大事故"),
            Indicator::Critical => Text::new("Critical incident", "严重事故"),
            Indicator::Maintenance => Text::new("Maintenance", "维护中"),
            Indicator::Unknown(raw) => {
                return Bilingual::new(
                    format!("Unrecognised status \"{raw}\""),
                    format!("无法识别的状态 \"{raw}\""),
                );
            }
        };
        t.into()
    }
}

/// "the Acme status page" / "Acme 状态页", with the vendor's name from the runbook;
/// without one, "the vendor status page" / "供应商状态页".
pub fn status_page_name(vendor: Option<&Bilingual>) -> Bilingual {
    match vendor {
        Some(v) => Bilingual::new(format!("the {} status page", v.en), format!("{} 状态页", v.zh)),
        None => Bilingual::new("the vendor status page", "供应商状态页"),
    }
}

/// The triage check's title, "1. Acme status".
pub fn status_check_title(vendor: &Bilingual) -> Bilingual {
    Bilingual::new(format!("1. {} status", vendor.en), format!("1. {} 状态", vendor.zh))
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VendorStatus {
    pub indicator: Indicator,
    /// The page's own sentence, e.g. "All Systems Operational"; empty when absent.
    pub description: String,
    /// `page.updated_at`; `None` when absent or not an RFC 3339 time.
    pub updated_at: Option<DateTime<Utc>>,
}

impl VendorStatus {
    /// True for minor, major and critical incidents: "Is the vendor showing an incident?"
    pub fn has_incident(&self) -> bool {
        matches!(
            self.indicator,
            Indicator::Minor | Indicator::Major | Indicator::Critical
        )
    }
}

pub fn parse_vendor_status(v: &Value) -> Result<VendorStatus, ShapeError> {
    let status = json::field(v, "", "status")?;
    let indicator = json::string(json::field(status, "status", "indicator")?, "status.indicator")?;
    let description = match json::object(status, "status")?.get("description") {
        None | Some(Value::Null) => "",
        Some(d) => json::string(d, "status.description")?,
    };
    let updated_at = v
        .get("page")
        .and_then(|p| p.get("updated_at"))
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc));
    Ok(VendorStatus {
        indicator: Indicator::parse(indicator),
        description: description.to_string(),
        updated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn status(indicator: &str) -> Value {
        json!({
            "page": {"id": "abc", "name": "Acme Mail", "url": "https://status.acme-mail.example",
                     "time_zone": "Etc/UTC", "updated_at": "2024-05-01T12:34:56.789-07:00"},
            "status": {"indicator": indicator, "description": "Partial System Outage"}
        })
    }

    #[test]
    fn the_page_is_named_after_the_runbooks_vendor() {
        let acme = Bilingual::new("Acme", "艾克米");
        assert_eq!(
            status_page_name(Some(&acme)),
            Bilingual::new("the Acme status page", "艾克米 状态页")
        );
        assert_eq!(status_page_name(None).en, "the vendor status page");
        assert_eq!(
            status_check_title(&acme),
            Bilingual::new("1. Acme status", "1. 艾克米 状态")
        );
    }

    #[test]
    fn statuspage_document() {
        let s = parse_vendor_status(&status("major")).unwrap();
        assert_eq!(s.indicator, Indicator::Major);
        assert_eq!(s.description, "Partial System Outage");
        assert_eq!(
            s.updated_at,
            Some(Utc.with_ymd_and_hms(2024, 5, 1, 19, 34, 56).unwrap() + chrono::Duration::milliseconds(789))
        );
        assert!(s.has_incident());
    }

    #[test]
    fn which_indicators_are_incidents() {
        for (raw, incident) in [
            ("none", false),
            ("minor", true),
            ("major", true),
            ("critical", true),
            ("maintenance", false),
            ("catastrophic", false),
            ("", false),
        ] {
            let s = parse_vendor_status(&status(raw)).unwrap();
            assert_eq!(s.has_incident(), incident, "{raw}");
        }
        let unknown = parse_vendor_status(&status("catastrophic")).unwrap();
        assert_eq!(unknown.indicator, Indicator::Unknown("catastrophic".into()));
        assert!(unknown.indicator.label().en.contains("\"catastrophic\""));
        assert_eq!(Indicator::Critical.label().zh, "严重事故");
    }

    #[test]
    fn optional_parts_may_be_missing_or_odd() {
        let s = parse_vendor_status(&json!({"status": {"indicator": "none"}})).unwrap();
        assert_eq!((s.description.as_str(), s.updated_at), ("", None));
        let s = parse_vendor_status(&json!({"page": {"updated_at": "yesterday"}, "status": {"indicator": "none"}}))
            .unwrap();
        assert_eq!(s.updated_at, None);
    }

    #[test]
    fn wrong_shapes_name_the_field() {
        assert_eq!(parse_vendor_status(&json!({"page": {}})).unwrap_err().field, "status");
        assert_eq!(
            parse_vendor_status(&json!({"status": {}})).unwrap_err().field,
            "status.indicator"
        );
        assert_eq!(
            parse_vendor_status(&json!({"status": {"indicator": 3}}))
                .unwrap_err()
                .field,
            "status.indicator"
        );
        assert_eq!(
            parse_vendor_status(&json!({"status": "ok"})).unwrap_err().field,
            "status"
        );
        assert_eq!(
            parse_vendor_status(&json!({"status": {"indicator": "none", "description": 1}}))
                .unwrap_err()
                .field,
            "status.description"
        );
        assert_eq!(parse_vendor_status(&json!([])).unwrap_err().field, "(root)");
    }
}
