//! The runbook this build carries, loaded once from the core's embedded catalog.

use std::sync::OnceLock;

use runbook_core::runbook::{self, Runbook};

static RUNBOOK: OnceLock<Runbook> = OnceLock::new();

pub fn runbook() -> &'static Runbook {
    RUNBOOK.get_or_init(|| {
        let source = &runbook::catalog()[0];
        // The catalog is validated by the core's tests; a failure here is a build defect.
        runbook::load(source).expect("embedded runbook content is valid")
    })
}
