//! A runbook's commands as loaded from its `commands.json`: each command's texts and templates,
//! the labels it gives the parameters, and its commands page. Generating a command fills its
//! templates with checked values; nothing here knows any particular runbook.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;

use super::field::{ParamError, ParamField};
use super::page::Page;
use super::params::{Checker, CommandParams};
use super::script::Script;

/// A command's id in its runbook (`[a-z][a-z0-9_]*`): stored in saved incidents and named by
/// the decision tree, so it never changes once published.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommandId(String);

impl CommandId {
    /// The engine's own commands: none, commands are content. Kept (empty) for callers that
    /// listed built-in commands (the authoring check's fallback for a package without a
    /// commands.json); use [`CommandBook::ids`] instead.
    pub const ALL: [CommandId; 0] = [];

    pub fn new(id: impl Into<String>) -> CommandId {
        CommandId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A command ready to copy, with what it is for and, when it changes something, how to
/// preview it (`dry_run`) and undo it (`rollback`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedCommand {
    pub id: CommandId,
    pub title: Bilingual,
    pub purpose: Bilingual,
    pub text: String,
    pub dry_run: Option<String>,
    pub rollback: Option<String>,
    pub mutating: bool,
    pub warning: Option<Bilingual>,
}

/// One declared command, checked when its file loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandSpec {
    pub id: CommandId,
    /// Changes the cluster: comes with a dry run, a rollback and a warning, and is withheld for
    /// targets outside config's allow-lists.
    pub mutating: bool,
    pub title: Bilingual,
    pub purpose: Bilingual,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<Bilingual>,
    pub(super) run: Script,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) dry_run: Option<Script>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) rollback: Option<Script>,
}

/// A runbook's commands and commands page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandBook {
    pub(super) commands: Vec<CommandSpec>,
    /// The runbook's own labels for some parameters (`params.<field>.label`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) labels: Vec<(ParamField, Bilingual)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) triage_command: Option<CommandId>,
    #[serde(default)]
    pub(super) page: Page,
}

/// A command book as the build embeds it in the rendered runbook: the checked book as JSON,
/// parsed on first use ([`RenderedCommands::book`]). Only the pages that show commands carry
/// the parser (as with the decision tree), so the first load does not grow with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RenderedCommands(String);

impl RenderedCommands {
    pub fn render(book: &CommandBook) -> RenderedCommands {
        RenderedCommands(serde_json::to_string(book).expect("a command book always serialises"))
    }

    /// The book; an error only for JSON that [`RenderedCommands::render`] did not write.
    pub fn book(&self) -> Result<CommandBook, String> {
        if self.0.is_empty() {
            return Ok(CommandBook::default());
        }
        serde_json::from_str(&self.0).map_err(|e| e.to_string())
    }
}

impl CommandBook {
    /// Every command, in the order of the file.
    pub fn commands(&self) -> &[CommandSpec] {
        &self.commands
    }

    pub fn ids(&self) -> impl Iterator<Item = &CommandId> {
        self.commands.iter().map(|c| &c.id)
    }

    pub fn get(&self, id: &str) -> Option<&CommandSpec> {
        self.commands.iter().find(|c| c.id.as_str() == id)
    }

    pub fn page(&self) -> &Page {
        &self.page
    }

    /// The command the live triage page shows under its logs check, if the runbook names one.
    pub fn triage_command(&self) -> Option<&CommandId> {
        self.triage_command.as_ref()
    }

    /// The field's label in this runbook: its own, or the generic one.
    pub fn label(&self, field: ParamField) -> Bilingual {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map_or_else(|| field.label().into(), |(_, l)| l.clone())
    }

    fn labelled(&self, mut errors: Vec<ParamError>) -> Vec<ParamError> {
        for e in &mut errors {
            if let Some((_, label)) = self.labels.iter().find(|(f, _)| *f == e.field) {
                e.label = Some(label.clone());
            }
        }
        errors
    }

    /// The command `id` filled with `params`, or every problem with the parameters it uses;
    /// `None` when the runbook has no such command. A command that changes the cluster is also
    /// refused for a target outside config's allow-lists ([`CommandParams::target_refusals`]).
    pub fn generate(&self, id: &str, params: &CommandParams) -> Option<Result<GeneratedCommand, Vec<ParamError>>> {
        let spec = self.get(id)?;
        Some(spec.generate(params).map_err(|e| self.labelled(e)))
    }

    /// Every command in file order; each succeeds or fails on its own parameters.
    pub fn all(&self, params: &CommandParams) -> Vec<(CommandId, Result<GeneratedCommand, Vec<ParamError>>)> {
        self.commands
            .iter()
            .map(|spec| (spec.id.clone(), spec.generate(params).map_err(|e| self.labelled(e))))
            .collect()
    }
}

impl CommandSpec {
    fn generate(&self, params: &CommandParams) -> Result<GeneratedCommand, Vec<ParamError>> {
        let mut checker = Checker::new(params);
        let text = self.run.render(&mut checker);
        let dry_run = self.dry_run.as_ref().map(|s| s.render(&mut checker));
        let rollback = self.rollback.as_ref().map(|s| s.render(&mut checker));
        checker.finish()?;
        if self.mutating {
            let refusals = params.target_refusals();
            if !refusals.is_empty() {
                return Err(refusals);
            }
        }
        Ok(GeneratedCommand {
            id: self.id.clone(),
            title: self.title.clone(),
            purpose: self.purpose.clone(),
            text,
            dry_run,
            rollback,
            mutating: self.mutating,
            warning: self.warning.clone(),
        })
    }
}
