//! App-wide reactive state as small typed contexts, each provided once by `App`: the reader's
//! language (`prefs`), the clock, this deployment's config, the live signals, the saved
//! incidents, what generated commands are filled with, and the runbook being read.

pub mod clock;
pub mod command_settings;
pub mod config;
pub mod content;
pub mod incident;
pub mod library;
pub mod live;
pub mod prefs;
pub mod storage;
