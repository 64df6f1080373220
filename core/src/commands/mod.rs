//! Copy-ready commands of a runbook, generated from its `commands.json` and validated
//! parameters. The engine knows parameter types ([`ParamType`]) and step kinds only: every
//! command, its texts and its commands page are content ([`CommandBook`], loaded with
//! [`parse_commands`]); docs/runbook-format.md ("Commands") describes the file. An invalid
//! parameter yields errors naming it and no command at all.

mod book;
mod field;
mod load;
pub mod page;
mod params;
mod safe;
mod script;
mod template;

#[cfg(test)]
mod tests;

pub use book::{CommandBook, CommandId, CommandSpec, GeneratedCommand, RenderedCommands};
pub use field::{ParamError, ParamField, ParamType};
pub use load::{parse_commands, PackageError};
pub use params::{CommandParams, IncidentWindow, ParamOverrides, TargetPolicy, DEFAULT_SINCE};
