//! PHASE-1 COMPATIBILITY ONLY, to be deleted when the shell passes its runbook to the core
//! (the list of call sites is in docs/runbook-format.md, "Shell migration"). Until then the old
//! signatures the shell calls (`messages::render_message`, `messages::error_type_label`,
//! `signals::health::parse_health`) are served from the one runbook package the app has today.
//! Only its small JSON files are embedded: the Markdown stays out of the wasm.

use std::sync::OnceLock;

use crate::i18n::Bilingual;
use crate::messages::MessageTemplates;

const MANIFEST: &str = include_str!("../../content/instantly/manifest.json");
const MESSAGES: &str = include_str!("../../content/instantly/messages.json");

/// The facts of the shipped runbook the old signatures need.
pub(crate) struct Shipped {
    pub vendor: Bilingual,
    pub health_service: String,
    pub messages: MessageTemplates,
}

#[derive(serde::Deserialize)]
struct Facts {
    vendor: Bilingual,
    health_service: String,
}

pub(crate) fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let facts: Facts = serde_json::from_str(MANIFEST).expect("the shipped manifest loads (build.rs checks it)");
        Shipped {
            vendor: facts.vendor,
            health_service: facts.health_service,
            messages: serde_json::from_str(MESSAGES).expect("the shipped messages load (build.rs checks them)"),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_runbook_serves_the_old_signatures() {
        let shipped = super::shipped();
        assert!(!shipped.health_service.is_empty() && !shipped.vendor.en.is_empty());
        assert!(shipped.messages.problems().is_empty());
    }
}
