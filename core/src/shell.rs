//! POSIX shell quoting and a small builder for copy-ready command lines.
//! Every word a builder renders goes through [`quote`], so a value can never become shell syntax.

use std::fmt;

fn is_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_@%+=:,./-".contains(&b)
}

/// Quotes one argument for a POSIX shell: bare when it is non-empty and made only of
/// `[A-Za-z0-9_@%+=:,./-]`, otherwise in single quotes with each `'` written as `'\''`.
/// (A NUL byte cannot be part of any argument; callers validate values before quoting.)
pub fn quote(arg: &str) -> String {
    if !arg.is_empty() && arg.bytes().all(is_safe) {
        return arg.to_string();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('\'');
    for c in arg.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Word {
    /// An option, with its value when it takes one, already quoted.
    Opt(String),
    /// An operand (subcommand or value), already quoted; `dashed` when it starts with '-'.
    Operand { quoted: String, dashed: bool },
}

/// One simple command: a program, its words and output redirections.
///
/// An operand that starts with '-' would be read as an option, so when one is present the
/// options after it are moved before a `--` end-of-options marker and the operands from it on
/// follow that marker. This keeps the argv meaning for programs that accept options anywhere
/// (kubectl, curl, GNU tools); valid parameters never start with '-' in the first place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    program: String,
    words: Vec<Word>,
    redirects: Vec<String>,
}

impl Command {
    pub fn new(program: &str) -> Command {
        Command {
            program: quote(program),
            words: Vec::new(),
            redirects: Vec::new(),
        }
    }

    /// An option without a value, such as `--all-containers` or `-sS`.
    pub fn flag(mut self, flag: &str) -> Command {
        self.words.push(Word::Opt(quote(flag)));
        self
    }

    /// An option and its value as two words: `-n default`. The program reads the next word as
    /// the value even when it starts with '-'.
    pub fn opt(mut self, flag: &str, value: &str) -> Command {
        self.words.push(Word::Opt(format!("{} {}", quote(flag), quote(value))));
        self
    }

    /// An option and its value as one word: `--since=5m`.
    pub fn opt_eq(mut self, flag: &str, value: &str) -> Command {
        self.words.push(Word::Opt(quote(&format!("{flag}={value}"))));
        self
    }

    /// An operand: a subcommand such as `logs` or a value such as `deployment/api`.
    pub fn arg(mut self, value: &str) -> Command {
        self.words.push(Word::Operand {
            quoted: quote(value),
            dashed: value.starts_with('-'),
        });
        self
    }

    /// `2>&1`: the program's errors go where its output goes.
    pub fn stderr_to_stdout(mut self) -> Command {
        self.redirects.push("2>&1".to_string());
        self
    }

    /// `> file`: the program's output replaces the file's contents.
    pub fn stdout_to(mut self, file: &str) -> Command {
        self.redirects.push(format!("> {}", quote(file)));
        self
    }

    /// `self | next`.
    pub fn pipe(self, next: Command) -> Pipeline {
        Pipeline::from(self).pipe(next)
    }

    /// `self && next`.
    pub fn and_then(self, next: impl Into<Pipeline>) -> List {
        List::from(Pipeline::from(self)).and_then(next)
    }

    /// `self || next`.
    pub fn or_else(self, next: impl Into<Pipeline>) -> List {
        List::from(Pipeline::from(self)).or_else(next)
    }

    fn ordered_words(&self) -> Vec<&str> {
        let first_dashed = self
            .words
            .iter()
            .position(|w| matches!(w, Word::Operand { dashed: true, .. }));
        let Some(split) = first_dashed else {
            return self.words.iter().map(Word::text).collect();
        };
        let (before, after) = self.words.split_at(split);
        let options = after.iter().filter(|w| matches!(w, Word::Opt(_)));
        let operands = after.iter().filter(|w| matches!(w, Word::Operand { .. }));
        before
            .iter()
            .chain(options)
            .map(Word::text)
            .chain(std::iter::once("--"))
            .chain(operands.map(Word::text))
            .collect()
    }
}

impl Word {
    fn text(&self) -> &str {
        match self {
            Word::Opt(s) | Word::Operand { quoted: s, .. } => s,
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.program)?;
        for word in self
            .ordered_words()
            .into_iter()
            .chain(self.redirects.iter().map(String::as_str))
        {
            write!(f, " {word}")?;
        }
        Ok(())
    }
}

/// Commands joined by `|`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    commands: Vec<Command>,
}

impl From<Command> for Pipeline {
    fn from(command: Command) -> Pipeline {
        Pipeline {
            commands: vec![command],
        }
    }
}

impl Pipeline {
    pub fn pipe(mut self, next: Command) -> Pipeline {
        self.commands.push(next);
        self
    }

    pub fn and_then(self, next: impl Into<Pipeline>) -> List {
        List::from(self).and_then(next)
    }

    pub fn or_else(self, next: impl Into<Pipeline>) -> List {
        List::from(self).or_else(next)
    }
}

impl fmt::Display for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, command) in self.commands.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{command}")?;
        }
        Ok(())
    }
}

/// Pipelines joined by `&&` and `||`, evaluated left to right as the shell does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    first: Pipeline,
    rest: Vec<(&'static str, Pipeline)>,
}

impl From<Pipeline> for List {
    fn from(first: Pipeline) -> List {
        List {
            first,
            rest: Vec::new(),
        }
    }
}

impl List {
    pub fn and_then(mut self, next: impl Into<Pipeline>) -> List {
        self.rest.push(("&&", next.into()));
        self
    }

    pub fn or_else(mut self, next: impl Into<Pipeline>) -> List {
        self.rest.push(("||", next.into()));
        self
    }
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (op, pipeline) in &self.rest {
            write!(f, " {op} {pipeline}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_words_stay_bare() {
        for w in [
            "kubectl",
            "app=mail-sync",
            "--since=5m",
            "deployment/api",
            "a@b:c,d%e+f",
        ] {
            assert_eq!(quote(w), w);
        }
    }

    #[test]
    fn everything_else_is_single_quoted() {
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("$(id)"), "'$(id)'");
        assert_eq!(quote("~"), "'~'");
        assert_eq!(quote("{.data.api-key}"), "'{.data.api-key}'");
        assert_eq!(quote("日志"), "'日志'");
    }

    #[test]
    fn builder_renders_words_pipes_and_redirects() {
        let line = Command::new("kubectl")
            .opt("--context", "prod")
            .opt("-n", "default")
            .arg("logs")
            .opt("-l", "app!=x")
            .opt_eq("--since", "5m")
            .flag("--prefix")
            .stdout_to("out file.txt")
            .pipe(Command::new("grep").flag("-i").arg("error"))
            .and_then(Command::new("echo").arg("done"))
            .or_else(Command::new("echo").arg("failed"));
        assert_eq!(
            line.to_string(),
            "kubectl --context prod -n default logs -l 'app!=x' --since=5m --prefix > 'out file.txt' | grep -i error && echo done || echo failed"
        );
    }

    #[test]
    fn dashed_operand_goes_after_end_of_options() {
        let cmd = Command::new("kubectl")
            .opt("-n", "x")
            .arg("get")
            .arg("-rf")
            .flag("-o")
            .arg("y");
        assert_eq!(cmd.to_string(), "kubectl -n x get -o -- -rf y");
        let err = Command::new("curl").arg("-x").stderr_to_stdout();
        assert_eq!(err.to_string(), "curl -- -x 2>&1");
    }
}
