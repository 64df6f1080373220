pub mod not_found;
pub mod runbook;
pub mod triage;
