//! The runbook this build carries, rendered at build time (see build.rs) and parsed once.

use std::sync::OnceLock;

use runbook_core::runbook::Runbook;

const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/runbooks.json"));

static RUNBOOK: OnceLock<Runbook> = OnceLock::new();

pub fn runbook() -> &'static Runbook {
    RUNBOOK.get_or_init(|| {
        let mut books: Vec<Runbook> =
            serde_json::from_str(CATALOG_JSON).expect("build.rs embeds the catalog it rendered");
        books.remove(0)
    })
}
