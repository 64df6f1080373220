//! One argv word of a command template: literal text with at most one typed placeholder.
//!
//! The safe rule (docs/runbook-format.md, "Placeholders"):
//! - a placeholder is `{name}` or `{name:format}`; `{` followed by anything but a lowercase
//!   letter or `_` is literal text (JSON patches, JSONPath);
//! - a word holds at most one placeholder, either as the whole word or joined only to plain
//!   text: letters, digits and `_ @ % + = : , . / - ( ) [ ]`. A quote, `$`, `\`, a blank or any
//!   other shell character next to a value is refused: the word is quoted as one argument, so such
//!   a template could only mean something other than what it says;
//! - a URL value starts its word or follows a prefix ending in `=`; nothing follows a URL that
//!   may carry a query (`url`), only a path starting with `/` follows a base URL (`base_url`),
//!   and then the base's trailing `/` is dropped;
//! - a time value names its format (`unix`, `rfc3339`, `stamp`); other values take none;
//! - a word without a placeholder may hold any printable text except `$` and `` ` `` (the
//!   shell never expands anything in a generated line), and is not a shell operator or
//!   redirection on its own (`|`, `&&`, `>`, `2>&1`, ...): pipelines and redirections are
//!   structure in the commands file, not words.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::signals::query::step_for_span;

use super::field::{ParamField, ParamType};
use super::params::{Checker, IncidentWindow};

/// The end of the incident window a time placeholder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Edge {
    Start,
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TimeFormat {
    /// Seconds since 1970: `1705300200`.
    Unix,
    /// `2024-01-15T06:30:00Z`.
    Rfc3339,
    /// For file names: `20240115T0630Z`.
    Stamp,
}

impl TimeFormat {
    const ALL: [(&'static str, TimeFormat); 3] = [
        ("unix", TimeFormat::Unix),
        ("rfc3339", TimeFormat::Rfc3339),
        ("stamp", TimeFormat::Stamp),
    ];

    fn name(self) -> &'static str {
        match self {
            TimeFormat::Unix => "unix",
            TimeFormat::Rfc3339 => "rfc3339",
            TimeFormat::Stamp => "stamp",
        }
    }

    fn render(self, t: DateTime<Utc>) -> String {
        match self {
            TimeFormat::Unix => t.timestamp().to_string(),
            TimeFormat::Rfc3339 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
            TimeFormat::Stamp => t.format("%Y%m%dT%H%MZ").to_string(),
        }
    }
}

/// Where a placeholder's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Placeholder {
    /// A command setting (config.json or this incident's override), checked by its type.
    Field(ParamField),
    /// `incident_start` / `incident_end`.
    Time(Edge, TimeFormat),
    /// `incident_step`: the finest Prometheus range step, in seconds, for the incident's span.
    Step,
}

impl Placeholder {
    pub(super) fn uses_incident(self) -> bool {
        !matches!(self, Placeholder::Field(_))
    }

    fn param_type(self) -> Option<ParamType> {
        match self {
            Placeholder::Field(f) => f.param_type(),
            _ => None,
        }
    }

    fn template(self) -> String {
        match self {
            Placeholder::Field(f) => format!("{{{}}}", f.as_str()),
            Placeholder::Time(Edge::Start, format) => format!("{{incident_start:{}}}", format.name()),
            Placeholder::Time(Edge::End, format) => format!("{{incident_end:{}}}", format.name()),
            Placeholder::Step => "{incident_step}".to_string(),
        }
    }
}

/// Every placeholder name, for the "unknown placeholder" message.
pub(super) fn placeholder_names() -> String {
    ParamField::TEXT
        .iter()
        .map(|f| f.as_str())
        .chain(["incident_start", "incident_end", "incident_step"])
        .collect::<Vec<_>>()
        .join(", ")
}

/// A parsed word: `prefix`, then the placeholder's value if any, then `suffix`. Serialised as
/// its template text, and parsed (and checked) again when read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub(super) struct Word {
    prefix: String,
    value: Option<Placeholder>,
    suffix: String,
}

fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_@%+=:,./-()[]".contains(c)
}

const OPERATORS: [&str; 16] = [
    "|", "||", "&", "&&", ";", ";;", "|&", "(", ")", "{", "}", "!", "<", ">", ">>", "<<",
];

fn problem(en: String, zh: String) -> Bilingual {
    Bilingual::new(en, zh)
}

fn check_literal(word: &str) -> Result<(), Bilingual> {
    if let Some(c) = word.chars().find(|c| c.is_control()) {
        return Err(problem(
            format!("word {word:?} contains the control character {c:?}; a command is one line of printable text"),
            format!("词 {word:?} 含控制字符 {c:?};命令必须是一行可打印文本"),
        ));
    }
    if word.contains(['$', '`']) {
        return Err(problem(
            format!("word {word:?} contains '$' or '`': every word is quoted, so the shell expands nothing; use a placeholder such as {{namespace}} for a value"),
            format!("词 {word:?} 含 '$' 或 '`':每个词都会被整体加引号,shell 不做任何展开;取值请使用占位符,例如 {{namespace}}"),
        ));
    }
    let redirect = ["<", ">", "1>", "2>", "&>"].iter().any(|r| word.starts_with(r));
    if OPERATORS.contains(&word) || redirect {
        return Err(problem(
            format!("word {word:?} is shell syntax: write pipelines as \"|\", \"&&\" or \"||\" between steps, and redirections with stdout_to / stderr"),
            format!("词 {word:?} 是 shell 语法:管道请在步骤之间写 \"|\"、\"&&\" 或 \"||\",重定向请用 stdout_to / stderr"),
        ));
    }
    Ok(())
}

/// `{name}` or `{name:format}` at the start of `rest` (just after a `{`), with its length.
fn placeholder_at(rest: &str) -> Option<Result<(Placeholder, usize), Bilingual>> {
    let first = rest.chars().next()?;
    if !(first.is_ascii_lowercase() || first == '_') {
        return None;
    }
    let Some(end) = rest.find('}') else {
        return Some(Err(problem(
            format!("placeholder \"{{{rest}\" has no closing '}}'"),
            format!("占位符 \"{{{rest}\" 缺少结尾的 '}}'"),
        )));
    };
    let inner = &rest[..end];
    let (name, format) = match inner.split_once(':') {
        Some((name, format)) => (name, Some(format)),
        None => (inner, None),
    };
    let edge = match name {
        "incident_start" => Some(Edge::Start),
        "incident_end" => Some(Edge::End),
        _ => None,
    };
    let found = match (edge, format) {
        (Some(edge), Some(format)) => match TimeFormat::ALL.iter().find(|(n, _)| *n == format) {
            Some((_, f)) => Ok(Placeholder::Time(edge, *f)),
            None => Err(problem(
                format!("placeholder {{{inner}}}: unknown time format \"{format}\"; use unix, rfc3339 or stamp"),
                format!("占位符 {{{inner}}}:未知的时间格式 \"{format}\";请使用 unix、rfc3339 或 stamp"),
            )),
        },
        (Some(_), None) => Err(problem(
            format!("placeholder {{{name}}} needs a format: {{{name}:unix}}, {{{name}:rfc3339}} or {{{name}:stamp}}"),
            format!("占位符 {{{name}}} 需要指定格式:{{{name}:unix}}、{{{name}:rfc3339}} 或 {{{name}:stamp}}"),
        )),
        (None, Some(format)) => Err(problem(
            format!("placeholder {{{inner}}}: only incident_start and incident_end take a format, not {name} (\"{format}\")"),
            format!("占位符 {{{inner}}}:只有 incident_start 和 incident_end 可以指定格式,{name} 不可以(\"{format}\")"),
        )),
        (None, None) if name == "incident_step" => Ok(Placeholder::Step),
        (None, None) => match ParamField::parse(name).filter(|f| f.param_type().is_some()) {
            Some(field) => Ok(Placeholder::Field(field)),
            None => Err(problem(
                format!("unknown placeholder {{{name}}}; the known ones are {}", placeholder_names()),
                format!("未知的占位符 {{{name}}};可用的有 {}", placeholder_names()),
            )),
        },
    };
    Some(found.map(|p| (p, end + 1)))
}

impl Word {
    pub(super) fn parse(word: &str) -> Result<Word, Bilingual> {
        let mut found: Option<(usize, Placeholder, usize)> = None;
        let mut search = 0;
        while let Some(open) = word[search..].find('{').map(|i| i + search) {
            match placeholder_at(&word[open + 1..]) {
                None => search = open + 1,
                Some(Err(e)) => return Err(e),
                Some(Ok((placeholder, len))) => {
                    if found.is_some() {
                        return Err(problem(
                            format!("word {word:?} holds more than one placeholder; give each value a word of its own (or an option and its value as a pair)"),
                            format!("词 {word:?} 含多个占位符;每个取值请单独成词(或把选项和取值写成一对)"),
                        ));
                    }
                    found = Some((open, placeholder, open + 1 + len));
                    search = open + 1 + len;
                }
            }
        }
        let Some((start, value, end)) = found else {
            check_literal(word)?;
            return Ok(Word {
                prefix: word.to_string(),
                value: None,
                suffix: String::new(),
            });
        };
        let (prefix, suffix) = (&word[..start], &word[end..]);
        if let Some(c) = prefix.chars().chain(suffix.chars()).find(|c| !plain(*c)) {
            return Err(problem(
                format!("word {word:?} joins {} to {c:?}: a placeholder is a whole word or joined only to letters, digits and _@%+=:,./-()[] (no quotes or shell syntax around a value)", value.template()),
                format!("词 {word:?} 把 {} 与 {c:?} 相连:占位符必须单独成词,或只与字母、数字和 _@%+=:,./-()[] 相连(取值两侧不能有引号或 shell 语法)", value.template()),
            ));
        }
        if let Some(kind) = value.param_type().filter(|k| k.is_url()) {
            if !(prefix.is_empty() || prefix.ends_with('=')) {
                return Err(problem(
                    format!(
                        "word {word:?}: a URL must start its word or follow a prefix ending in '=' (such as --url=)"
                    ),
                    format!("词 {word:?}:URL 必须位于词首,或紧跟以 '=' 结尾的前缀(例如 --url=)"),
                ));
            }
            let path_ok = kind == ParamType::BaseUrl && suffix.starts_with('/');
            if !suffix.is_empty() && !path_ok {
                let (en, zh) = match kind {
                    ParamType::BaseUrl => (
                        "only a path starting with '/' may follow a base URL",
                        "基础地址后只能接以 '/' 开头的路径",
                    ),
                    _ => (
                        "nothing may follow this URL (it may carry a query); use a base URL field for paths",
                        "此 URL 后不能再接任何内容(它可能带查询参数);需要拼接路径时请使用基础地址字段",
                    ),
                };
                return Err(problem(format!("word {word:?}: {en}"), format!("词 {word:?}:{zh}")));
            }
        }
        Ok(Word {
            prefix: prefix.to_string(),
            value: Some(value),
            suffix: suffix.to_string(),
        })
    }

    pub(super) fn placeholder(&self) -> Option<Placeholder> {
        self.value
    }

    /// The literal text of a word without a placeholder.
    pub(super) fn literal(&self) -> Option<&str> {
        self.value.is_none().then_some(self.prefix.as_str())
    }

    /// The text before the placeholder (the whole word when it has none).
    pub(super) fn prefix(&self) -> &str {
        &self.prefix
    }

    pub(super) fn suffix(&self) -> &str {
        &self.suffix
    }

    /// The word with its value filled in (unquoted). Time values come from `declared` inside an
    /// "only with an incident" branch, otherwise from the required, sane incident window.
    pub(super) fn render(&self, c: &mut Checker, declared: Option<IncidentWindow>) -> String {
        let mut window = || declared.unwrap_or_else(|| c.required_incident());
        let value = match self.value {
            None => return self.prefix.clone(),
            Some(Placeholder::Time(edge, format)) => {
                let w = window();
                format.render(if edge == Edge::Start { w.start } else { w.end })
            }
            Some(Placeholder::Step) => {
                let w = window();
                step_for_span(w.end.timestamp() - w.start.timestamp()).to_string()
            }
            Some(Placeholder::Field(field)) => {
                let value = c.value(field);
                match field.param_type() {
                    Some(ParamType::BaseUrl) if self.suffix.starts_with('/') => value.trim_end_matches('/').to_string(),
                    _ => value.to_string(),
                }
            }
        };
        format!("{}{value}{}", self.prefix, self.suffix)
    }
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.prefix)?;
        if let Some(value) = self.value {
            f.write_str(&value.template())?;
        }
        f.write_str(&self.suffix)
    }
}

impl From<Word> for String {
    fn from(w: Word) -> String {
        w.to_string()
    }
}

impl TryFrom<String> for Word {
    type Error = String;

    fn try_from(s: String) -> Result<Word, String> {
        Word::parse(&s).map_err(|e| e.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(word: &str) -> String {
        Word::parse(word).unwrap_err().en
    }

    #[test]
    fn literals_and_placeholders_round_trip() {
        for w in [
            "--all-containers",
            "--since={since}",
            "deployment/{deployment}",
            "{public_prometheus_url}/api/v1/query",
            "query=rate({error_metric}[5m])",
            "start={incident_start:unix}",
            "incident-{incident_start:stamp}-logs.txt",
            "step={incident_step}",
            r#"{"spec":{"template":{}}}"#,
            "jsonpath={.data}",
            ".a | .b",
        ] {
            assert_eq!(Word::parse(w).unwrap().to_string(), w);
        }
        let w = Word::parse("--since={since}").unwrap();
        assert_eq!(
            (w.prefix(), w.placeholder(), w.suffix()),
            ("--since=", Some(Placeholder::Field(ParamField::Since)), "")
        );
    }

    #[test]
    fn unsafe_or_unknown_templates_are_refused() {
        assert!(err("\"--selector={label_selector}\"").contains("no quotes or shell syntax"));
        assert!(err("--selector='{label_selector}'").contains("joins {label_selector} to '\\''"));
        assert!(err("$ns").contains("'$'"));
        assert!(err("a{namespace} b").contains("joins"));
        assert!(err("{nmespace}").starts_with("unknown placeholder {nmespace}"));
        assert!(err("{namespace}{deployment}").contains("more than one placeholder"));
        assert!(err("{incident_start}").contains("needs a format"));
        assert!(err("{incident_start:iso}").contains("unknown time format"));
        assert!(err("{since:unix}").contains("only incident_start"));
        assert!(err("{public_health_url}/x").contains("nothing may follow this URL"));
        assert!(err("{public_prometheus_url}x").contains("only a path"));
        assert!(err("x{vendor_api_url}").contains("must start its word"));
        assert!(err("{namespace").contains("no closing"));
        for op in ["|", "&&", "2>&1", ">out.txt", ";"] {
            assert!(err(op).contains("is shell syntax"), "{op}");
        }
        assert!(err("a\nb").contains("control character"));
        assert!(Word::parse("--url={vendor_api_url}").is_ok());
    }
}
