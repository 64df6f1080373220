//! The commands page of a runbook as content: its groups of commands (which, in which order,
//! under which heading), the notes under them and the table of what to do when a command fails.

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::tree::ErrorType;

use super::book::CommandId;

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The runbook's "Error Handling" table: issue, cause, solution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

/// A heading with the commands under it, in order; top-level groups may hold sections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// `[a-z0-9_-]+`, unique on the page (the element's `data-group`).
    pub id: String,
    pub title: Bilingual,
    /// Marks the group when the incident's wizard answers led to an outcome of this type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<ErrorType>,
    /// A link to the decision tree under the heading.
    #[serde(default, skip_serializing_if = "is_false")]
    pub wizard_link: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<CommandId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Sub-headings (one level only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Group>,
    /// The evidence the browser collects by itself (metrics, incident bundle) after the commands.
    #[serde(default, skip_serializing_if = "is_false")]
    pub evidence_panel: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: Bilingual,
    /// Shown after the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub to: LinkTarget,
    pub text: Bilingual,
}

/// Where a note links: a page of the app, or a URL from config.json (the link is left out
/// while config sets none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkTarget {
    Runbook,
    Triage,
    Wizard,
    Comms,
    Incident,
    /// config.json `endpoints.vendor_dashboard`.
    VendorDashboard,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    pub issue: Bilingual,
    pub cause: Bilingual,
    pub solution: Bilingual,
}

impl Page {
    /// Every group and section, depth first, in page order.
    pub fn all_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups
            .iter()
            .flat_map(|g| std::iter::once(g).chain(g.sections.iter()))
    }

    /// Every command the page shows, in page order.
    pub fn commands(&self) -> impl Iterator<Item = &CommandId> {
        self.all_groups().flat_map(|g| g.commands.iter())
    }
}
