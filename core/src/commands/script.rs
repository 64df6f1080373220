//! A command line as data: steps (programs with argv templates, or the special steps the core
//! builds itself) joined by `|`, `&&` and `||`, rendered with every word quoted.

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::shell::{Command, List, Pipeline};

use super::field::ParamField;
use super::params::{Checker, IncidentWindow};
use super::safe::{self, ShellVariable};
use super::template::Word;

/// One argument of a program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Arg {
    /// An option (starts with '-') or an operand; an operand whose value starts with '-' goes
    /// after a `--` end-of-options marker (see [`Command`]).
    Word(Word),
    /// An option and its value as two words: the value stays bound to its option.
    Opt(Word, Word),
    /// One argument with a declared incident, another without.
    IfIncident { incident: Box<Arg>, otherwise: Box<Arg> },
}

impl Arg {
    fn apply(&self, cmd: Command, c: &mut Checker, declared: Option<IncidentWindow>) -> Command {
        match self {
            Arg::Word(w) => {
                let text = w.render(c, declared);
                if w.prefix().starts_with('-') {
                    cmd.flag(&text)
                } else {
                    cmd.arg(&text)
                }
            }
            Arg::Opt(flag, value) => {
                let flag = flag.render(c, declared);
                cmd.opt(&flag, &value.render(c, declared))
            }
            Arg::IfIncident { incident, otherwise } => match c.incident() {
                Some(w) => incident.apply(cmd, c, Some(w)),
                None => otherwise.apply(cmd, c, None),
            },
        }
    }

    /// A single word (a file name): a word, or the branch of a conditional one.
    fn render_word(&self, c: &mut Checker, declared: Option<IncidentWindow>) -> String {
        match self {
            Arg::Word(w) => w.render(c, declared),
            Arg::Opt(flag, value) => format!("{}{}", flag.render(c, declared), value.render(c, declared)),
            Arg::IfIncident { incident, otherwise } => match c.incident() {
                Some(w) => incident.render_word(c, Some(w)),
                None => otherwise.render_word(c, None),
            },
        }
    }

    /// Every word of the argument, both branches of a conditional one.
    pub(super) fn words(&self) -> Vec<&Word> {
        match self {
            Arg::Word(w) => vec![w],
            Arg::Opt(flag, value) => vec![flag, value],
            Arg::IfIncident { incident, otherwise } => [incident.words(), otherwise.words()].concat(),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

/// A program and its arguments; a kubectl step (`scoped`) always starts with
/// `--context {kube_context} -n {namespace}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Exec {
    pub program: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub scoped: bool,
    pub args: Vec<Arg>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout_to: Option<Arg>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub stderr_to_stdout: bool,
}

impl Exec {
    pub(super) fn command(&self, c: &mut Checker) -> Command {
        let mut cmd = if self.scoped {
            safe::kubectl(c)
        } else {
            Command::new(&self.program)
        };
        for arg in &self.args {
            cmd = arg.apply(cmd, c, None);
        }
        if let Some(file) = &self.stdout_to {
            cmd = cmd.stdout_to(&file.render_word(c, None));
        }
        if self.stderr_to_stdout {
            cmd = cmd.stderr_to_stdout();
        }
        cmd
    }
}

/// What one step of a line does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub(super) enum Step {
    /// A program from an argv template (`exec` and `kubectl` steps).
    Exec(Exec),
    /// The first 12 hex characters of the SHA-256 of the key stored in the Secret.
    SecretFingerprint,
    /// The last 4 characters of the stored key, nothing of a key of 8 characters or fewer.
    SecretLast4,
    /// A key typed at a hidden prompt, patched into the existing Secret through stdin.
    SecretPromptPatch { variable: ShellVariable, prompt: Bilingual },
    /// The server-side dry run of that patch, with a placeholder instead of a key.
    SecretPatchPreview,
    /// Runs a program that cannot take a kube context only when the current one is the
    /// configured one.
    IfCurrentContext { then: Exec },
}

impl Step {
    /// Whether the step is a whole line of its own (no `|`, `&&` or `||` around it).
    pub(super) fn stands_alone(&self) -> bool {
        !matches!(self, Step::Exec(_))
    }

    fn render_alone(&self, c: &mut Checker) -> Option<String> {
        Some(match self {
            Step::Exec(_) => return None,
            Step::SecretFingerprint => safe::fingerprint(c).to_string(),
            Step::SecretLast4 => safe::last4(c).to_string(),
            Step::SecretPromptPatch { variable, prompt } => safe::prompt_patch(c, variable.as_str(), &prompt.joined()),
            Step::SecretPatchPreview => safe::patch_preview(c),
            Step::IfCurrentContext { then } => {
                let context = c.value(ParamField::KubeContext);
                let command = then.command(c);
                safe::if_current_context(context, &command)
            }
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Op {
    #[serde(rename = "|")]
    Pipe,
    #[serde(rename = "&&")]
    And,
    #[serde(rename = "||")]
    Or,
}

impl Op {
    pub(super) fn parse(s: &str) -> Option<Op> {
        match s {
            "|" => Some(Op::Pipe),
            "&&" => Some(Op::And),
            "||" => Some(Op::Or),
            _ => None,
        }
    }
}

/// One copy-ready line: steps joined by operators, evaluated as the shell does (`|` binds
/// tighter than `&&` and `||`, which run left to right).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Script {
    pub first: Step,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rest: Vec<(Op, Step)>,
}

impl Script {
    pub(super) fn steps(&self) -> impl Iterator<Item = &Step> {
        std::iter::once(&self.first).chain(self.rest.iter().map(|(_, s)| s))
    }

    pub(super) fn render(&self, c: &mut Checker) -> String {
        if let Some(line) = self.first.render_alone(c) {
            return line;
        }
        let command = |step: &Step, c: &mut Checker| match step {
            Step::Exec(e) => e.command(c),
            // The loader lets no special step share a line; render it as nothing rather than fail.
            _ => Command::new("true"),
        };
        let mut first = Pipeline::from(command(&self.first, c));
        let mut joined: Vec<(Op, Pipeline)> = Vec::new();
        for (op, step) in &self.rest {
            let next = command(step, c);
            match (op, joined.last_mut()) {
                (Op::Pipe, Some((_, last))) => *last = last.clone().pipe(next),
                (Op::Pipe, None) => first = first.pipe(next),
                (op, _) => joined.push((*op, Pipeline::from(next))),
            }
        }
        let list = joined
            .into_iter()
            .fold(List::from(first), |list, (op, pipeline)| match op {
                Op::Or => list.or_else(pipeline),
                _ => list.and_then(pipeline),
            });
        list.to_string()
    }
}
