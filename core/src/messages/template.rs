//! A runbook's message templates (`messages.json`): each message is lines of text with named
//! fields such as `{vendor}` or `{impact}`, per language, and the words that stand for a field
//! nobody has filled in yet (`"impact": "[Describe user impact]"`). Filling is one pass: a value
//! is never read as a template, so text typed by a user cannot pull in another field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::MessageKind;
use crate::i18n::{Bilingual, Lang};
use crate::tree::ErrorType;

/// The content of `messages.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageTemplates {
    pub slack_update: Template,
    pub status_page: Template,
    pub postmortem: Template,
    /// The runbook's name for each error type (its "Immediate Actions by Error Type" headings),
    /// shown on the comms page and in the postmortem's title.
    pub error_types: ErrorTypeLabels,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorTypeLabels {
    pub auth: Bilingual,
    pub rate_limited: Bilingual,
    pub vendor: Bilingual,
    pub other: Bilingual,
}

/// One message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub en: LangTemplate,
    pub zh: LangTemplate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangTemplate {
    /// The message line by line. `{field}` is filled in; `{{` and `}}` are literal braces. A line
    /// with a field that has neither a value nor a placeholder is left out.
    pub lines: Vec<String>,
    /// What a field shows while it is unknown, by field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub placeholders: BTreeMap<String, String>,
}

impl MessageTemplates {
    pub fn get(&self, kind: MessageKind) -> &Template {
        match kind {
            MessageKind::SlackUpdate => &self.slack_update,
            MessageKind::StatusPage => &self.status_page,
            MessageKind::Postmortem => &self.postmortem,
        }
    }

    pub fn error_type_label(&self, error_type: ErrorType) -> &Bilingual {
        let l = &self.error_types;
        match error_type {
            ErrorType::Auth => &l.auth,
            ErrorType::RateLimited => &l.rate_limited,
            ErrorType::Vendor => &l.vendor,
            ErrorType::Other => &l.other,
        }
    }

    /// Every template with the fields it may use checked, as (kind, language, line index or
    /// `None` for a placeholder, problem). Empty when every template can be filled.
    pub fn problems(&self) -> Vec<TemplateProblem> {
        let mut problems = Vec::new();
        for kind in MessageKind::ALL {
            let fields = fields(kind);
            let extra = placeholder_only(kind);
            for lang in Lang::ALL {
                let template = self.get(kind).get(lang);
                for (index, line) in template.lines.iter().enumerate() {
                    match parse_line(line) {
                        Err(problem) => problems.push(TemplateProblem {
                            kind,
                            lang,
                            place: Place::Line(index),
                            problem,
                        }),
                        Ok(parts) => {
                            for part in parts {
                                if let Part::Field(name) = part {
                                    if !fields.contains(&name) {
                                        problems.push(TemplateProblem {
                                            kind,
                                            lang,
                                            place: Place::Line(index),
                                            problem: unknown_field(name, fields),
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
                for name in template.placeholders.keys() {
                    if !fields.contains(&name.as_str()) && !extra.contains(&name.as_str()) {
                        problems.push(TemplateProblem {
                            kind,
                            lang,
                            place: Place::Placeholder(name.clone()),
                            problem: unknown_field(name, fields),
                        });
                    }
                }
                if template.lines.is_empty() {
                    problems.push(TemplateProblem {
                        kind,
                        lang,
                        place: Place::Lines,
                        problem: "the message has no lines".into(),
                    });
                }
            }
        }
        problems
    }
}

impl Template {
    pub fn get(&self, lang: Lang) -> &LangTemplate {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Where in `messages.json` a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// `lines[i]`.
    Line(usize),
    /// The `lines` list itself.
    Lines,
    /// `placeholders.<name>`.
    Placeholder(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateProblem {
    pub kind: MessageKind,
    pub lang: Lang,
    pub place: Place,
    pub problem: String,
}

fn unknown_field(name: &str, fields: &[&str]) -> String {
    format!("unknown field {{{name}}}; this message knows {}", fields.join(", "))
}

/// The fields each message can fill.
pub fn fields(kind: MessageKind) -> &'static [&'static str] {
    match kind {
        MessageKind::SlackUpdate => &[
            "vendor",
            "marker",
            "severity",
            "status",
            "impact",
            "current_action",
            "next_update",
            "commander",
        ],
        MessageKind::StatusPage => &["vendor", "severity", "impact", "last_updated"],
        MessageKind::Postmortem => &[
            "vendor",
            "error_type",
            "date",
            "zone",
            "duration",
            "severity",
            "summary",
            "timeline",
            "impact",
        ],
    }
}

/// Placeholder names that are not fields of their own: the postmortem's `event` stands for a
/// timeline entry with no text.
fn placeholder_only(kind: MessageKind) -> &'static [&'static str] {
    match kind {
        MessageKind::Postmortem => &["event"],
        MessageKind::SlackUpdate | MessageKind::StatusPage => &[],
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    Brace(char),
    Field(&'a str),
}

fn is_field_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

fn parse_line(line: &str) -> Result<Vec<Part<'_>>, String> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            parts.push(Part::Text(&rest[..at]));
        }
        let brace = rest[at..].chars().next().unwrap_or('{');
        let after = &rest[at + 1..];
        if after.starts_with(brace) {
            parts.push(Part::Brace(brace));
            rest = &after[1..];
            continue;
        }
        if brace == '}' {
            return Err("a lone '}'; write '}}' for a brace".into());
        }
        let Some(end) = after.find('}') else {
            return Err("a '{' without its '}'; write '{{' for a brace".into());
        };
        let name = &after[..end];
        if !is_field_name(name) {
            return Err(format!(
                "{{{name}}} is not a field name (a-z and '_'); write '{{{{' for a brace"
            ));
        }
        parts.push(Part::Field(name));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    Ok(parts)
}

/// The known values of one message; a field left out is unknown and shows its placeholder.
#[derive(Default)]
pub(super) struct Values {
    values: BTreeMap<&'static str, String>,
}

impl Values {
    pub(super) fn set(&mut self, field: &'static str, value: impl Into<String>) {
        self.values.insert(field, value.into());
    }

    pub(super) fn maybe(&mut self, field: &'static str, value: Option<String>) {
        if let Some(v) = value {
            self.set(field, v);
        }
    }
}

impl LangTemplate {
    pub(super) fn placeholder(&self, name: &str) -> Option<&str> {
        self.placeholders.get(name).map(String::as_str)
    }

    /// The message with every field filled in. Templates are checked when the runbook loads;
    /// a line that still cannot be read is kept as written.
    pub(super) fn fill(&self, values: &Values) -> String {
        let mut out: Vec<String> = Vec::with_capacity(self.lines.len());
        'lines: for line in &self.lines {
            let Ok(parts) = parse_line(line) else {
                out.push(line.clone());
                continue;
            };
            let mut text = String::new();
            for part in parts {
                match part {
                    Part::Text(t) => text.push_str(t),
                    Part::Brace(c) => text.push(c),
                    Part::Field(name) => match values.values.get(name).map(String::as_str) {
                        Some(v) => text.push_str(v),
                        None => match self.placeholder(name) {
                            Some(p) => text.push_str(p),
                            None => continue 'lines,
                        },
                    },
                }
            }
            out.push(text);
        }
        out.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(lines: &[&str], placeholders: &[(&str, &str)]) -> LangTemplate {
        LangTemplate {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            placeholders: placeholders
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn fields_are_filled_once_and_braces_stay_literal() {
        let t = template(
            &["{vendor} down {{not a field}}", "Impact: {impact}"],
            &[("impact", "[?]")],
        );
        let mut v = Values::default();
        v.set("vendor", "Acme {impact}");
        assert_eq!(t.fill(&v), "Acme {impact} down {not a field}\nImpact: [?]");
        v.set("impact", "slow");
        assert_eq!(t.fill(&v), "Acme {impact} down {not a field}\nImpact: slow");
    }

    #[test]
    fn a_line_without_value_or_placeholder_is_left_out() {
        let t = template(&["a", "- Description: {impact}", "b"], &[]);
        assert_eq!(t.fill(&Values::default()), "a\nb");
    }

    #[test]
    fn bad_lines_are_reported() {
        for line in ["{oops", "x}", "{Vendor}", "{}"] {
            assert!(parse_line(line).is_err(), "{line}");
        }
        assert_eq!(
            parse_line("a{{b}}{c}"),
            Ok(vec![
                Part::Text("a"),
                Part::Brace('{'),
                Part::Text("b"),
                Part::Brace('}'),
                Part::Field("c")
            ])
        );
    }

    fn synthetic() -> MessageTemplates {
        let t = |lines: &[&str]| Template {
            en: template(lines, &[]),
            zh: template(lines, &[]),
        };
        let label = |s: &str| Bilingual::new(s, format!("{s}(中)"));
        MessageTemplates {
            slack_update: t(&["{marker} {severity} {vendor}", "{commander}"]),
            status_page: t(&["{vendor}: {impact}", "{last_updated}"]),
            postmortem: t(&["## {vendor} {error_type}", "{timeline}"]),
            error_types: ErrorTypeLabels {
                auth: label("auth"),
                rate_limited: label("429"),
                vendor: label("5xx"),
                other: label("other"),
            },
        }
    }

    #[test]
    fn unknown_fields_and_placeholders_are_problems() {
        let mut m = synthetic();
        assert_eq!(m.problems(), vec![]);
        m.status_page.zh.lines.push("{commander}".into());
        m.postmortem.en.placeholders.insert("event".into(), "[Event]".into());
        m.postmortem.en.placeholders.insert("nope".into(), "x".into());
        m.slack_update.en.lines.clear();
        let problems = m.problems();
        let places: Vec<(MessageKind, Lang, Place)> =
            problems.iter().map(|p| (p.kind, p.lang, p.place.clone())).collect();
        assert_eq!(
            places,
            vec![
                (MessageKind::SlackUpdate, Lang::En, Place::Lines),
                (MessageKind::StatusPage, Lang::Zh, Place::Line(2)),
                (MessageKind::Postmortem, Lang::En, Place::Placeholder("nope".into())),
            ]
        );
        assert!(problems[1].problem.contains("{commander}"), "{}", problems[1].problem);
        assert_eq!(m.error_type_label(ErrorType::RateLimited).en, "429");
    }
}
