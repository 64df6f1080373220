pub mod actions;
pub mod chunks;
pub mod comms;
pub mod incident;
pub mod not_found;
pub mod runbook;
pub mod triage;
pub mod wizard;
