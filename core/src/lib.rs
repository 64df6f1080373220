//! Pure core of incident-runbook: no browser APIs, no reactive signals.
//! Everything here compiles natively and is tested with plain `cargo test`.

// Data never panics the app: no unwrap or panic outside tests (an `expect` states an invariant).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]

pub mod commands;
pub mod config;
pub mod i18n;
pub mod incident;
pub mod library;
pub mod markdown;
pub mod messages;
pub mod runbook;
pub mod severity;
pub mod shell;
pub mod signals;
pub mod time_text;
pub mod tree;
pub mod ui_text;
pub mod validate;
