//! The triage decision tree as data (`content/<runbook>/tree.json`): questions whose answers
//! lead to other nodes, ending in outcomes with actions. Checking, walking and live-evidence
//! suggestions live in the submodules.

mod check;
mod observe;
mod path;
mod suggest;

pub use check::{validate, TreeError, TreePlace, TreeRule};
pub use observe::{CodeRate, HealthObservation, Observations, Reading, VendorObservation};
pub use path::{walk, AnswerSource, Path, Step, Walk, PATH_QUERY_KEY};
pub use suggest::{suggest, suggest_severity, Suggestion, CRITICAL_FACTOR};

use serde::{Deserialize, Serialize};

use crate::commands::CommandId;
use crate::i18n::{Bilingual, Lang};
use crate::severity::Severity;

#[cfg(test)]
mod test_tree;
#[cfg(test)]
pub(crate) use test_tree::{test_tree, TEST_TREE_JSON};

/// A checked tree as JSON text inside a runbook's data file, parsed on first use by the pages
/// that walk it, so that the tree's parser stays out of the main wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RenderedTree(String);

impl RenderedTree {
    pub fn render(tree: &Tree) -> RenderedTree {
        RenderedTree(serde_json::to_string(tree).expect("a tree always serialises"))
    }

    /// The tree; an error only for JSON that [`RenderedTree::render`] did not write.
    pub fn tree(&self) -> Result<Tree, String> {
        serde_json::from_str(&self.0).map_err(|e| e.to_string())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    pub root: String,
    pub nodes: Vec<Node>,
}

/// Where a piece of wording comes from: the runbook document itself, or added by this app
/// where the document has no words (shown marked in the UI).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Seed,
    App,
}

/// A bilingual text of the tree together with where its wording comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeText {
    pub en: String,
    pub zh: String,
    pub source: Source,
}

impl TreeText {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    pub fn bilingual(&self) -> Bilingual {
        Bilingual::new(self.en.clone(), self.zh.clone())
    }
}

/// Which live evidence can suggest the answer to a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Total error rate against the threshold; answers `yes` / `no`.
    ApiErrors,
    /// The vendor status page; answers `yes` / `no`.
    VendorIncident,
    /// Our own health endpoint; answers `yes` / `no`.
    ServiceHealthy,
    /// The dominant status-code class; answers `auth`, `rate_limited`, `vendor`, `other`.
    ErrorType,
}

impl Signal {
    /// The answer values a question driven by this signal must offer.
    pub fn answer_values(self) -> &'static [&'static str] {
        match self {
            Signal::ApiErrors | Signal::VendorIncident | Signal::ServiceHealthy => &["yes", "no"],
            Signal::ErrorType => &["auth", "rate_limited", "vendor", "other"],
        }
    }
}

/// Status-code class of the errors, as in the runbook's "Immediate Actions by Error Type".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// 401 and 403.
    Auth,
    /// 429.
    RateLimited,
    /// 5xx from the vendor.
    Vendor,
    Other,
}

impl ErrorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Auth => "auth",
            ErrorType::RateLimited => "rate_limited",
            ErrorType::Vendor => "vendor",
            ErrorType::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Stable id of the answer within its question, used in links (`yes`, `auth`, ...).
    pub value: String,
    pub label: TreeText,
    pub next: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub text: TreeText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A command to offer for copying, generated for the deployment by the commands module.
    pub command: Option<CommandId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Node {
    Question {
        id: String,
        text: TreeText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signal: Option<Signal>,
        answers: Vec<Answer>,
    },
    Outcome {
        id: String,
        text: TreeText,
        summary: TreeText,
        actions: Vec<Action>,
        /// Id of the runbook section (heading anchor) this outcome links to.
        runbook_section: String,
        /// The least severe level this outcome usually means; live evidence can raise it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        typical_severity: Option<Severity>,
        next_step: TreeText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error_type: Option<ErrorType>,
    },
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Question { id, .. } | Node::Outcome { id, .. } => id,
        }
    }

    /// The question, or the outcome's headline.
    pub fn text(&self) -> &TreeText {
        match self {
            Node::Question { text, .. } | Node::Outcome { text, .. } => text,
        }
    }

    /// The answers of a question; none for an outcome.
    pub fn answers(&self) -> &[Answer] {
        match self {
            Node::Question { answers, .. } => answers,
            Node::Outcome { .. } => &[],
        }
    }

    pub fn signal(&self) -> Option<Signal> {
        match self {
            Node::Question { signal, .. } => *signal,
            Node::Outcome { .. } => None,
        }
    }

    pub fn is_outcome(&self) -> bool {
        matches!(self, Node::Outcome { .. })
    }

    pub fn typical_severity(&self) -> Option<Severity> {
        match self {
            Node::Outcome { typical_severity, .. } => *typical_severity,
            Node::Question { .. } => None,
        }
    }

    pub fn error_type(&self) -> Option<ErrorType> {
        match self {
            Node::Outcome { error_type, .. } => *error_type,
            Node::Question { .. } => None,
        }
    }

    /// Index of the answer with this value.
    pub fn answer_index(&self, value: &str) -> Option<usize> {
        self.answers().iter().position(|a| a.value == value)
    }
}

impl Tree {
    /// Reads tree JSON. Structure errors only; call [`validate`] for the tree's rules.
    pub fn parse(json: &str) -> Result<Tree, Bilingual> {
        serde_json::from_str(json).map_err(|e| {
            Bilingual::new(
                format!("The decision tree file is not valid: {e}. Fix tree.json and rebuild."),
                format!("决策树文件无效:{e}。请修正 tree.json 后重新构建。"),
            )
        })
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id() == id)
    }

    pub fn root_node(&self) -> Option<&Node> {
        self.node(&self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_tree_validates_and_covers_every_error_type() {
        let tree = test_tree();
        assert_eq!(validate(&tree), vec![]);
        for ty in [
            ErrorType::Auth,
            ErrorType::RateLimited,
            ErrorType::Vendor,
            ErrorType::Other,
        ] {
            assert!(tree.nodes.iter().any(|n| n.error_type() == Some(ty)), "{ty:?}");
        }
        assert_eq!(TEST_TREE_JSON.matches("\"kind\": \"outcome\"").count(), 7);
    }

    #[test]
    fn unknown_fields_and_kinds_are_rejected() {
        let typo = r#"{"root":"a","nodes":[{"kind":"outcome","id":"a","text":{"en":"x","zh":"x","source":"app"},
            "summary":{"en":"x","zh":"x","source":"app"},"actions":[],"runbook_section":"s",
            "next_step":{"en":"x","zh":"x","source":"app"},"eror_type":"auth"}]}"#;
        assert!(Tree::parse(typo).is_err());
        let kind = r#"{"root":"a","nodes":[{"kind":"maybe","id":"a"}]}"#;
        let err = Tree::parse(kind).unwrap_err();
        assert!(err.en.contains("tree.json") && err.zh.contains("tree.json"));
    }
}
