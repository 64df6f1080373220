//! Severity levels P1-P4. Their wording and response targets are runbook content
//! (see the runbook manifest); this is the identity shared by incidents, timers and messages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    P1,
    P2,
    P3,
    P4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::P1, Severity::P2, Severity::P3, Severity::P4];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::P1 => "P1",
            Severity::P2 => "P2",
            Severity::P3 => "P3",
            Severity::P4 => "P4",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The colour marker the Slack template puts before the severity.
    pub fn marker(self) -> &'static str {
        match self {
            Severity::P1 => "🔴",
            Severity::P2 => "🟠",
            Severity::P3 => "🟡",
            Severity::P4 => "🔵",
        }
    }
}

/// How soon a severity must be responded to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseTarget {
    Minutes(u32),
    NextBusinessDay,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trip() {
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
        }
        assert_eq!(Severity::parse(" p2 "), Some(Severity::P2));
        assert_eq!(Severity::parse("P5"), None);
    }
}
