//! Reading a runbook's `commands.json` (as text: the core reads no files) into a
//! [`CommandBook`], with every check a template must pass. A problem names the file, the line,
//! the command and what is wrong, in both languages; loading reports every problem it finds.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::i18n::Bilingual;

use super::book::{CommandBook, CommandId, CommandSpec};
use super::field::ParamField;
use super::page::{Group, Page};
use super::safe::ShellVariable;
use super::script::{Arg, Exec, Op, Script, Step};
use super::template::{Placeholder, TimeFormat, Word};

/// A problem in a commands file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageError {
    /// `content/<runbook>/commands.json`.
    pub file: String,
    /// 1-based, where the problem is (or the command it is in) when it could be found.
    pub line: Option<usize>,
    pub command: Option<String>,
    pub problem: Bilingual,
}

impl PackageError {
    pub fn message(&self) -> Bilingual {
        let at = match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        };
        match &self.command {
            Some(id) => Bilingual::new(
                format!("{at}: command \"{id}\": {}", self.problem.en),
                format!("{at}:命令 \"{id}\":{}", self.problem.zh),
            ),
            None => Bilingual::new(
                format!("{at}: {}", self.problem.en),
                format!("{at}:{}", self.problem.zh),
            ),
        }
    }
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().joined())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    #[serde(default)]
    params: BTreeMap<String, RawParam>,
    #[serde(default)]
    triage_command: Option<String>,
    commands: Vec<RawCommand>,
    #[serde(default)]
    page: Page,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    label: Bilingual,
}

#[derive(Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Read,
    Mutating,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommand {
    id: String,
    kind: Kind,
    title: Bilingual,
    purpose: Bilingual,
    #[serde(default)]
    warning: Option<Bilingual>,
    run: Vec<Value>,
    #[serde(default)]
    dry_run: Option<Vec<Value>>,
    #[serde(default)]
    rollback: Option<Vec<Value>>,
}

fn bi(en: String, zh: String) -> Bilingual {
    Bilingual::new(en, zh)
}

/// Programs that would run a string as shell code, so that a value in their argv would be
/// spliced into shell syntax after all.
const SHELL_RUNNERS: [&str; 16] = [
    "sh", "bash", "dash", "zsh", "ksh", "fish", "eval", "source", ".", "exec", "xargs", "ssh", "watch", "su", "sudo",
    "env",
];

/// Options a kubectl step may not set: the step names its cluster and namespace itself.
const KUBECTL_SCOPE_FLAGS: [&str; 13] = [
    "--context",
    "-n",
    "--namespace",
    "--kubeconfig",
    "--cluster",
    "--user",
    "-A",
    "--all-namespaces",
    "-s",
    "--server",
    "--token",
    "--as",
    "--as-group",
];

/// kubectl subcommands that change nothing; any other one counts as a change.
const KUBECTL_READS: [&str; 13] = [
    "get",
    "describe",
    "logs",
    "top",
    "explain",
    "api-resources",
    "api-versions",
    "version",
    "cluster-info",
    "events",
    "auth",
    "wait",
    "diff",
];

const STEP_KINDS: &str =
    "exec, kubectl, secret_fingerprint, secret_last4, secret_prompt_patch, secret_patch_preview, if_current_context";

/// The first line (1-based) of `needle` in `json` at or after `from`.
fn line_at(json: &str, offset: usize) -> usize {
    json[..offset.min(json.len())].matches('\n').count() + 1
}

/// Where `"key": "value"` occurs (whitespace allowed around the colon), from `from` on.
fn find_pair(json: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let quoted_key = format!("\"{key}\"");
    let quoted_value = serde_json::to_string(value).ok()?;
    let mut at = from;
    while let Some(i) = json.get(at..)?.find(&quoted_key).map(|i| i + at) {
        let rest = json[i + quoted_key.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            if rest.trim_start().starts_with(&quoted_value) {
                return Some(i);
            }
        }
        at = i + quoted_key.len();
    }
    None
}

struct Loader<'a> {
    file: &'a str,
    json: &'a str,
    errors: Vec<PackageError>,
    /// The command being checked, and where it starts in the file.
    command: Option<String>,
    from: usize,
}

impl Loader<'_> {
    /// Records a problem at the first `needle` (a JSON string) after the current command's
    /// start, or at the command itself.
    fn fail(&mut self, needle: Option<&str>, problem: Bilingual) {
        let found = needle
            .and_then(|n| serde_json::to_string(n).ok())
            .and_then(|n| self.json.get(self.from..)?.find(&n))
            .map(|i| i + self.from);
        let line = found.unwrap_or(self.from);
        self.errors.push(PackageError {
            file: self.file.to_string(),
            line: Some(line_at(self.json, line)),
            command: self.command.clone(),
            problem,
        });
    }

    fn text(&mut self, what: &str, text: &Bilingual) {
        for (lang, value) in [("en", &text.en), ("zh", &text.zh)] {
            if value.trim().is_empty() {
                self.fail(
                    Some(what),
                    bi(
                        format!("{what}.{lang} is empty; give the text in both languages"),
                        format!("{what}.{lang} 为空;请提供两种语言的文本"),
                    ),
                );
            }
        }
    }

    fn word(&mut self, s: &str) -> Option<Word> {
        match Word::parse(s) {
            Ok(w) => Some(w),
            Err(problem) => {
                self.fail(Some(s), problem);
                None
            }
        }
    }

    fn program(&mut self, v: Option<&Value>) -> Option<String> {
        let Some(Value::String(p)) = v else {
            self.fail(
                Some("argv"),
                bi(
                    "an exec step's argv starts with the program's name, a string".into(),
                    "exec 步骤的 argv 必须以程序名(字符串)开头".into(),
                ),
            );
            return None;
        };
        let shaped =
            !p.is_empty() && !p.starts_with('-') && p.chars().all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c));
        let name = p.rsplit('/').next().unwrap_or(p);
        let problem = if !shaped {
            bi(
                format!("program {p:?} must be a plain name or path (letters, digits, _./-), with no placeholder"),
                format!("程序 {p:?} 必须是普通名称或路径(字母、数字、_./-),且不能含占位符"),
            )
        } else if name == "kubectl" {
            bi(
                "run kubectl as a \"kubectl\" step: it names the cluster and namespace itself".into(),
                "请用 \"kubectl\" 步骤运行 kubectl:它会自动写明集群和命名空间".into(),
            )
        } else if SHELL_RUNNERS.contains(&name) {
            bi(
                format!("program {p:?} runs its arguments as shell code, so a value would be spliced into shell syntax; call the program itself"),
                format!("程序 {p:?} 会把参数当作 shell 代码执行,取值会被拼进 shell 语法;请直接调用目标程序"),
            )
        } else {
            return Some(p.clone());
        };
        self.fail(Some(p), problem);
        None
    }

    /// One argument; `in_branch` inside a conditional one (which cannot nest).
    fn arg(&mut self, v: &Value, in_branch: bool) -> Option<Arg> {
        match v {
            Value::String(s) => {
                let w = self.word(s)?;
                if w.placeholder().is_some() && w.prefix().starts_with('-') && !w.prefix().contains('=') {
                    self.fail(
                        Some(s),
                        bi(
                            format!("word {s:?}: a value joined to an option needs '=' (--flag={{value}}), or write the pair [\"--flag\", \"{{value}}\"]"),
                            format!("词 {s:?}:与选项相连的取值需要 '='(--flag={{value}}),或写成一对 [\"--flag\", \"{{value}}\"]"),
                        ),
                    );
                    return None;
                }
                Some(Arg::Word(w))
            }
            Value::Array(pair) => {
                let (Some(Value::String(flag)), Some(Value::String(value)), 2) =
                    (pair.first(), pair.get(1), pair.len())
                else {
                    self.fail(
                        None,
                        bi(
                            format!("{v} is not an option pair: write [\"--flag\", \"value\"], two strings"),
                            format!("{v} 不是选项对:请写成 [\"--flag\", \"value\"](两个字符串)"),
                        ),
                    );
                    return None;
                };
                let shaped = flag.starts_with('-')
                    && flag.len() > 1
                    && flag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !shaped {
                    self.fail(
                        Some(flag),
                        bi(
                            format!("the first word of a pair, {flag:?}, must be an option such as -n or --data-urlencode, without a placeholder"),
                            format!("选项对的第一个词 {flag:?} 必须是选项,例如 -n 或 --data-urlencode,且不能含占位符"),
                        ),
                    );
                    return None;
                }
                let flag = self.word(flag)?;
                let value = self.word(value)?;
                Some(Arg::Opt(flag, value))
            }
            Value::Object(map) if !in_branch => {
                let keys: HashSet<&str> = map.keys().map(String::as_str).collect();
                if keys != HashSet::from(["incident", "otherwise"]) {
                    self.fail(
                        None,
                        bi(
                            format!("{v} is not an argument: a conditional argument is {{\"incident\": ..., \"otherwise\": ...}}"),
                            format!("{v} 不是参数:条件参数的写法为 {{\"incident\": ..., \"otherwise\": ...}}"),
                        ),
                    );
                    return None;
                }
                let incident = self.arg(&map["incident"], true);
                let otherwise = self.arg(&map["otherwise"], true);
                let (incident, otherwise) = (incident?, otherwise?);
                if !self.no_incident_values(&otherwise) {
                    return None;
                }
                Some(Arg::IfIncident {
                    incident: Box::new(incident),
                    otherwise: Box::new(otherwise),
                })
            }
            _ => {
                self.fail(
                    None,
                    bi(
                        format!("{v} is not an argument: write a string, an option pair [\"--flag\", \"value\"] or {{\"incident\": ..., \"otherwise\": ...}}"),
                        format!("{v} 不是参数:请写字符串、选项对 [\"--flag\", \"value\"] 或 {{\"incident\": ..., \"otherwise\": ...}}"),
                    ),
                );
                None
            }
        }
    }

    /// Whether the "otherwise" branch is free of incident times (recording the problem if not).
    fn no_incident_values(&mut self, otherwise: &Arg) -> bool {
        let Some(used) = otherwise
            .words()
            .into_iter()
            .find(|w| w.placeholder().is_some_and(Placeholder::uses_incident))
            .map(ToString::to_string)
        else {
            return true;
        };
        self.fail(
            Some(&used),
            bi(
                format!("{used} is in the \"otherwise\" branch, used when no incident is declared: it has no incident times"),
                format!("{used} 位于 \"otherwise\" 分支(未声明事件时使用):此时没有事件时间"),
            ),
        );
        false
    }

    /// `stdout_to`: a file name in the current directory.
    fn file(&mut self, v: &Value) -> Option<Arg> {
        let arg = match v {
            Value::String(_) | Value::Object(_) => self.arg(v, false)?,
            _ => {
                self.fail(
                    Some("stdout_to"),
                    bi(
                        "stdout_to is a file name, or {\"incident\": ..., \"otherwise\": ...}".into(),
                        "stdout_to 必须是文件名,或 {\"incident\": ..., \"otherwise\": ...}".into(),
                    ),
                );
                return None;
            }
        };
        for w in arg.words() {
            let text = w.to_string();
            let literal_ok = [w.prefix(), w.suffix()].iter().all(|part| {
                part.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.,+@%=:-".contains(c))
            });
            let value_ok = match w.placeholder() {
                None => true,
                Some(Placeholder::Time(_, format)) => format != TimeFormat::Rfc3339,
                Some(Placeholder::Step) => true,
                Some(Placeholder::Field(_)) => false,
            };
            let starts_ok = !text.starts_with(['-', '.']) && !text.is_empty();
            if !(literal_ok && value_ok && starts_ok) || matches!(arg, Arg::Opt(..)) {
                self.fail(
                    Some(&text),
                    bi(
                        format!("stdout_to {text:?} must be a file name in the current directory: letters, digits and _.,+@%=:- (not starting with '-' or '.'), with at most an incident time ({{incident_start:stamp}}) as value"),
                        format!("stdout_to {text:?} 必须是当前目录下的文件名:字母、数字和 _.,+@%=:-(不能以 '-' 或 '.' 开头),取值最多只能是事件时间({{incident_start:stamp}})"),
                    ),
                );
                return None;
            }
        }
        Some(arg)
    }

    fn kubectl_args(&mut self, args: &[Arg]) -> Option<()> {
        let mut ok = true;
        for arg in args {
            let flags: Vec<String> = match arg {
                Arg::Opt(flag, _) => vec![flag.to_string()],
                other => other
                    .words()
                    .into_iter()
                    .filter(|w| w.prefix().starts_with('-'))
                    .map(|w| w.prefix().split('=').next().unwrap_or_default().to_string())
                    .collect(),
            };
            if let Some(flag) = flags.iter().find(|f| KUBECTL_SCOPE_FLAGS.contains(&f.as_str())) {
                self.fail(
                    Some(flag),
                    bi(
                        format!("a kubectl step may not set {flag}: it names its cluster and namespace (--context {{kube_context}} -n {{namespace}}) itself"),
                        format!("kubectl 步骤不能设置 {flag}:它会自动写明集群和命名空间(--context {{kube_context}} -n {{namespace}})"),
                    ),
                );
                ok = false;
            }
            let secret = arg.words().into_iter().find(|w| {
                let p = w.prefix();
                !p.starts_with('-')
                    && (["secret", "secrets"].contains(&p) || p.starts_with("secret/") || p.starts_with("secrets/"))
            });
            if let Some(w) = secret {
                self.fail(
                    Some(&w.to_string()),
                    bi(
                        "a kubectl step may not touch Secrets: use the secret_fingerprint, secret_last4, secret_prompt_patch and secret_patch_preview steps, which never show a key".into(),
                        "kubectl 步骤不能操作 Secret:请使用 secret_fingerprint、secret_last4、secret_prompt_patch 和 secret_patch_preview 步骤,它们绝不显示密钥".into(),
                    ),
                );
                ok = false;
            }
        }
        let operands: Vec<&Word> = args
            .iter()
            .filter_map(|a| match a {
                Arg::Word(w) if !w.prefix().starts_with('-') => Some(w),
                _ => None,
            })
            .collect();
        match operands.first() {
            None => {
                self.fail(
                    Some("kubectl"),
                    bi(
                        "a kubectl step needs a subcommand (get, logs, rollout, ...)".into(),
                        "kubectl 步骤需要子命令(get、logs、rollout 等)".into(),
                    ),
                );
                ok = false;
            }
            Some(verb) if verb.literal().is_none() => {
                self.fail(
                    Some(&verb.to_string()),
                    bi(
                        format!("the kubectl subcommand must be literal, not {verb}"),
                        format!("kubectl 子命令必须是字面文本,不能是 {verb}"),
                    ),
                );
                ok = false;
            }
            Some(_) => {}
        }
        ok.then_some(())
    }

    fn exec(&mut self, map: &Map<String, Value>, scoped: bool) -> Option<Exec> {
        let key = if scoped { "args" } else { "argv" };
        let Some(Value::Array(items)) = map.get(key) else {
            self.fail(
                Some(if scoped { "kubectl" } else { "exec" }),
                bi(
                    format!("this step needs \"{key}\": a list of words"),
                    format!("此步骤需要 \"{key}\":一个词列表"),
                ),
            );
            return None;
        };
        let (program, rest) = if scoped {
            (Some("kubectl".to_string()), &items[..])
        } else {
            (self.program(items.first()), items.get(1..).unwrap_or_default())
        };
        let mut args = Vec::new();
        let mut ok = program.is_some();
        for item in rest {
            match self.arg(item, false) {
                Some(arg) => args.push(arg),
                None => ok = false,
            }
        }
        if scoped && ok {
            ok = self.kubectl_args(&args).is_some();
        }
        let stdout_to = match map.get("stdout_to") {
            None => None,
            Some(v) => {
                let file = self.file(v);
                ok &= file.is_some();
                file
            }
        };
        let stderr_to_stdout = match map.get("stderr") {
            None => false,
            Some(Value::String(s)) if s == "stdout" => true,
            Some(_) => {
                self.fail(
                    Some("stderr"),
                    bi(
                        "\"stderr\" can only be \"stdout\" (2>&1: errors go where the output goes)".into(),
                        "\"stderr\" 只能是 \"stdout\"(2>&1:错误输出与标准输出去向相同)".into(),
                    ),
                );
                ok = false;
                false
            }
        };
        Some(Exec {
            program: program?,
            scoped,
            args,
            stdout_to,
            stderr_to_stdout,
        })
        .filter(|_| ok)
    }

    fn step(&mut self, v: &Value) -> Option<Step> {
        let Value::Object(map) = v else {
            let shown = v.to_string();
            self.fail(
                v.as_str(),
                bi(
                    format!("{shown} stands where a step belongs: a step is an object such as {{\"step\": \"exec\", \"argv\": [...]}}, and \"|\", \"&&\" or \"||\" go between steps"),
                    format!("{shown} 位于步骤的位置:步骤是对象,例如 {{\"step\": \"exec\", \"argv\": [...]}};\"|\"、\"&&\" 或 \"||\" 写在步骤之间"),
                ),
            );
            return None;
        };
        let Some(kind) = map.get("step").and_then(Value::as_str) else {
            self.fail(
                None,
                bi(
                    format!("a step needs \"step\", its kind: one of {STEP_KINDS}"),
                    format!("步骤需要 \"step\"(其类型):{STEP_KINDS} 之一"),
                ),
            );
            return None;
        };
        let allowed: &[&str] = match kind {
            "exec" => &["step", "argv", "stdout_to", "stderr"],
            "kubectl" => &["step", "args", "stdout_to", "stderr"],
            "secret_fingerprint" | "secret_last4" | "secret_patch_preview" => &["step"],
            "secret_prompt_patch" => &["step", "variable", "prompt"],
            "if_current_context" => &["step", "then"],
            _ => {
                self.fail(
                    Some(kind),
                    bi(
                        format!("unknown step kind \"{kind}\"; the known ones are {STEP_KINDS}"),
                        format!("未知的步骤类型 \"{kind}\";可用的有 {STEP_KINDS}"),
                    ),
                );
                return None;
            }
        };
        if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            self.fail(
                Some(key),
                bi(
                    format!("a {kind} step has no \"{key}\"; it takes {}", allowed.join(", ")),
                    format!("{kind} 步骤没有 \"{key}\";可用字段为 {}", allowed.join("、")),
                ),
            );
            return None;
        }
        Some(match kind {
            "exec" => Step::Exec(self.exec(map, false)?),
            "kubectl" => Step::Exec(self.exec(map, true)?),
            "secret_fingerprint" => Step::SecretFingerprint,
            "secret_last4" => Step::SecretLast4,
            "secret_patch_preview" => Step::SecretPatchPreview,
            "secret_prompt_patch" => {
                let variable = map.get("variable").and_then(Value::as_str).unwrap_or_default();
                let variable = match ShellVariable::parse(variable) {
                    Ok(v) => v,
                    Err(problem) => {
                        self.fail(Some("variable"), problem);
                        return None;
                    }
                };
                let prompt = map
                    .get("prompt")
                    .cloned()
                    .and_then(|p| serde_json::from_value::<Bilingual>(p).ok());
                let Some(prompt) = prompt else {
                    self.fail(
                        Some("prompt"),
                        bi(
                            "a secret_prompt_patch step needs \"prompt\": {\"en\": ..., \"zh\": ...}".into(),
                            "secret_prompt_patch 步骤需要 \"prompt\":{\"en\": ..., \"zh\": ...}".into(),
                        ),
                    );
                    return None;
                };
                self.text("prompt", &prompt);
                if [&prompt.en, &prompt.zh].iter().any(|t| t.chars().any(char::is_control)) {
                    self.fail(
                        Some("prompt"),
                        bi("the prompt must be one line".into(), "提示必须是一行文本".into()),
                    );
                }
                Step::SecretPromptPatch { variable, prompt }
            }
            _ => {
                let then = match map.get("then") {
                    Some(Value::Object(inner)) if inner.get("step").and_then(Value::as_str) == Some("exec") => {
                        if let Some(key) = inner.keys().find(|k| !["step", "argv"].contains(&k.as_str())) {
                            self.fail(
                                Some(key),
                                bi(
                                    format!("the step under \"then\" takes only argv, not \"{key}\""),
                                    format!("\"then\" 下的步骤只接受 argv,不接受 \"{key}\""),
                                ),
                            );
                            return None;
                        }
                        self.exec(inner, false)?
                    }
                    _ => {
                        self.fail(
                            Some("then"),
                            bi(
                                "an if_current_context step needs \"then\": an exec step ({\"step\": \"exec\", \"argv\": [...]})".into(),
                                "if_current_context 步骤需要 \"then\":一个 exec 步骤({\"step\": \"exec\", \"argv\": [...]})".into(),
                            ),
                        );
                        return None;
                    }
                };
                Step::IfCurrentContext { then }
            }
        })
    }

    fn script(&mut self, part: &str, items: &[Value]) -> Option<Script> {
        if items.is_empty() {
            self.fail(
                Some(part),
                bi(format!("{part} has no steps"), format!("{part} 没有任何步骤")),
            );
            return None;
        }
        let mut steps = Vec::new();
        let mut ops = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            if i.is_multiple_of(2) {
                match self.step(item) {
                    Some(s) => steps.push(s),
                    None => ok = false,
                }
                continue;
            }
            match item.as_str().map(|s| (s, Op::parse(s))) {
                Some((_, Some(op))) => ops.push(op),
                Some((s, None)) => {
                    let (en, zh) = if s.contains('{') {
                        (
                            "a placeholder cannot stand where an operator belongs",
                            "占位符不能位于运算符的位置",
                        )
                    } else {
                        ("is not an operator", "不是运算符")
                    };
                    self.fail(
                        Some(s),
                        bi(
                            format!("{s:?} {en}: between two steps write \"|\", \"&&\" or \"||\""),
                            format!("{s:?} {zh}:两个步骤之间请写 \"|\"、\"&&\" 或 \"||\""),
                        ),
                    );
                    ok = false;
                }
                None => {
                    self.fail(
                        item.get("step").and_then(Value::as_str),
                        bi(
                            format!("{part}: two steps follow each other; join them with \"|\", \"&&\" or \"||\""),
                            format!("{part}:两个步骤相邻;请用 \"|\"、\"&&\" 或 \"||\" 连接"),
                        ),
                    );
                    ok = false;
                }
            }
        }
        if items.len().is_multiple_of(2) {
            self.fail(
                items.last().and_then(Value::as_str),
                bi(
                    format!("{part} ends with an operator; a step must follow it"),
                    format!("{part} 以运算符结尾;其后必须跟一个步骤"),
                ),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        if steps.len() > 1 {
            if let Some(special) = steps.iter().find(|s| s.stands_alone()) {
                let kind = step_kind(special);
                self.fail(
                    Some(kind),
                    bi(
                        format!("a {kind} step is a whole line of its own: it cannot be joined with |, && or ||"),
                        format!("{kind} 步骤本身就是完整的一行:不能与 |、&& 或 || 连接"),
                    ),
                );
                return None;
            }
        }
        let mut steps = steps.into_iter();
        let first = steps.next()?;
        let rest: Vec<(Op, Step)> = ops.into_iter().zip(steps).collect();
        let piped_file = std::iter::once(&first)
            .chain(rest.iter().map(|(_, s)| s))
            .zip(rest.iter().map(|(op, _)| *op))
            .any(|(s, op)| op == Op::Pipe && matches!(s, Step::Exec(e) if e.stdout_to.is_some()));
        if piped_file {
            self.fail(
                Some("stdout_to"),
                bi(
                    format!(
                        "{part}: a step that writes its output to a file (stdout_to) cannot be piped into the next one"
                    ),
                    format!("{part}:输出写入文件(stdout_to)的步骤不能再通过管道传给下一个步骤"),
                ),
            );
            return None;
        }
        Some(Script { first, rest })
    }

    fn command(&mut self, raw: &RawCommand, seen: &mut HashSet<String>) -> Option<CommandSpec> {
        let id = &raw.id;
        self.from = find_pair(self.json, "id", id, 0).unwrap_or(0);
        self.command = Some(id.clone());
        let errors_before = self.errors.len();
        let shaped = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !shaped {
            self.fail(
                Some(id),
                bi(
                    "the id must be lowercase letters, digits and '_', starting with a letter (such as restart_deployment)".into(),
                    "id 必须由小写字母、数字和 '_' 组成,并以字母开头(例如 restart_deployment)".into(),
                ),
            );
        }
        if !seen.insert(id.clone()) {
            self.fail(
                Some(id),
                bi(
                    "another command has the same id; ids are stored in incidents and named by the tree, so each must be unique".into(),
                    "另一条命令使用了相同的 id;id 会保存在事件中并被决策树引用,必须唯一".into(),
                ),
            );
        }
        self.text("title", &raw.title);
        self.text("purpose", &raw.purpose);
        if let Some(w) = &raw.warning {
            self.text("warning", w);
        }
        let run = self.script("run", &raw.run);
        let dry_run = raw.dry_run.as_ref().and_then(|s| self.script("dry_run", s));
        let rollback = raw.rollback.as_ref().and_then(|s| self.script("rollback", s));
        let mutating = raw.kind == Kind::Mutating;
        if mutating {
            for (name, missing) in [
                ("dry_run", raw.dry_run.is_none()),
                ("rollback", raw.rollback.is_none()),
                ("warning", raw.warning.is_none()),
            ] {
                if missing {
                    self.fail(
                        Some("mutating"),
                        bi(
                            format!("a mutating command needs a {name}: commands that change the cluster come with a dry run, a rollback and a warning"),
                            format!("会修改集群的命令需要 {name}:此类命令必须附带预览(dry run)、回滚和警告"),
                        ),
                    );
                }
            }
        } else {
            for (name, present) in [("dry_run", raw.dry_run.is_some()), ("rollback", raw.rollback.is_some())] {
                if present {
                    self.fail(
                        Some(name),
                        bi(
                            format!(
                                "a read command has no {name}; declare \"kind\": \"mutating\" if it changes something"
                            ),
                            format!("只读命令没有 {name};如果它会修改内容,请声明 \"kind\": \"mutating\""),
                        ),
                    );
                }
            }
            if let Some((change, word)) = run.as_ref().and_then(|s| s.steps().find_map(change_made)) {
                self.fail(
                    Some(&word),
                    bi(
                        format!("{change} changes the cluster, so the command must be \"kind\": \"mutating\" (with a dry run and a rollback)"),
                        format!("{change} 会修改集群,因此命令必须声明为 \"kind\": \"mutating\"(并附带预览和回滚)"),
                    ),
                );
            }
        }
        if let Some(preview) = &dry_run {
            for step in preview.steps() {
                let unsafe_preview = match step {
                    Step::SecretPromptPatch { .. } => Some("secret_prompt_patch".to_string()),
                    Step::Exec(e) if e.scoped && !has_dry_run_flag(e) => change_made(step).map(|(what, _)| what),
                    _ => None,
                };
                if let Some(what) = unsafe_preview {
                    self.fail(
                        Some("dry_run"),
                        bi(
                            format!("the dry run would really run {what}; a kubectl change in a dry run needs --dry-run=server (or client), a Secret update needs secret_patch_preview"),
                            format!("预览(dry run)会真正执行 {what};预览中的 kubectl 修改需要 --dry-run=server(或 client),Secret 更新请使用 secret_patch_preview"),
                        ),
                    );
                }
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        let Some(run) = run else {
            self.fail(Some("run"), bi("run did not load".into(), "run 未能加载".into()));
            return None;
        };
        if raw.dry_run.is_some() != dry_run.is_some() || raw.rollback.is_some() != rollback.is_some() {
            self.fail(
                Some(id),
                bi(
                    "dry_run or rollback did not load".into(),
                    "dry_run 或 rollback 未能加载".into(),
                ),
            );
            return None;
        }
        Some(CommandSpec {
            id: CommandId::new(id.clone()),
            mutating,
            title: raw.title.clone(),
            purpose: raw.purpose.clone(),
            warning: raw.warning.clone(),
            run,
            dry_run,
            rollback,
        })
    }

    fn page(&mut self, page: &Page, ids: &HashSet<String>) {
        self.command = None;
        self.from = self.json.find("\"page\"").unwrap_or(0);
        let mut groups = HashSet::new();
        let mut shown = HashSet::new();
        for (depth, group) in page
            .groups
            .iter()
            .flat_map(|g| std::iter::once((0, g)).chain(g.sections.iter().map(|s| (1, s))))
        {
            self.group(group, depth, ids, &mut groups, &mut shown);
        }
        for (n, row) in page.failures.iter().enumerate() {
            for (what, text) in [
                ("issue", &row.issue),
                ("cause", &row.cause),
                ("solution", &row.solution),
            ] {
                self.text(&format!("page.failures[{n}].{what}"), text);
            }
        }
    }

    fn group(
        &mut self,
        group: &Group,
        depth: usize,
        ids: &HashSet<String>,
        groups: &mut HashSet<String>,
        shown: &mut HashSet<String>,
    ) {
        let id = &group.id;
        let at = find_pair(self.json, "id", id, self.from);
        let saved = self.from;
        self.from = at.unwrap_or(saved);
        let shaped = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !shaped {
            self.fail(
                Some(id),
                bi(
                    format!("page group id {id:?} must be lowercase letters, digits, '_' or '-'"),
                    format!("页面分组 id {id:?} 只能由小写字母、数字、'_' 或 '-' 组成"),
                ),
            );
        }
        if !groups.insert(id.clone()) {
            self.fail(
                Some(id),
                bi(
                    format!("page group id \"{id}\" is used twice"),
                    format!("页面分组 id \"{id}\" 被使用了两次"),
                ),
            );
        }
        if depth > 0 && !group.sections.is_empty() {
            self.fail(
                Some(id),
                bi(
                    format!(
                        "page section \"{id}\" has sections of its own; the page has groups and one level of sections"
                    ),
                    format!("页面小节 \"{id}\" 又包含小节;页面只支持分组及其下一层小节"),
                ),
            );
        }
        self.text(&format!("page group \"{id}\" title"), &group.title);
        for note in &group.notes {
            self.text(&format!("page group \"{id}\" note"), &note.text);
            if let Some(link) = &note.link {
                self.text(&format!("page group \"{id}\" link"), &link.text);
            }
        }
        for command in &group.commands {
            let c = command.as_str();
            if !ids.contains(c) {
                self.fail(
                    Some(c),
                    bi(
                        format!("page group \"{id}\" lists the unknown command \"{c}\""),
                        format!("页面分组 \"{id}\" 列出了未知的命令 \"{c}\""),
                    ),
                );
            } else if !shown.insert(c.to_string()) {
                self.fail(
                    Some(c),
                    bi(
                        format!("command \"{c}\" is on the page twice (again in group \"{id}\")"),
                        format!("命令 \"{c}\" 在页面上出现了两次(又出现在分组 \"{id}\" 中)"),
                    ),
                );
            }
        }
        self.from = saved;
    }
}

fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::Exec(e) if e.scoped => "kubectl",
        Step::Exec(_) => "exec",
        Step::SecretFingerprint => "secret_fingerprint",
        Step::SecretLast4 => "secret_last4",
        Step::SecretPromptPatch { .. } => "secret_prompt_patch",
        Step::SecretPatchPreview => "secret_patch_preview",
        Step::IfCurrentContext { .. } => "if_current_context",
    }
}

/// The kubectl subcommand (and its sub-subcommand), when literal.
fn kubectl_verb(e: &Exec) -> (Option<&str>, Option<&str>) {
    let mut operands = e.args.iter().filter_map(|a| match a {
        Arg::Word(w) if !w.prefix().starts_with('-') => w.literal(),
        _ => None,
    });
    (operands.next(), operands.next())
}

/// What a step changes, if anything (a kubectl subcommand that is not a read, or a Secret
/// update), and the word of the file to point at.
fn change_made(step: &Step) -> Option<(String, String)> {
    match step {
        Step::SecretPromptPatch { .. } => Some(("secret_prompt_patch".into(), "secret_prompt_patch".into())),
        Step::SecretPatchPreview => Some(("secret_patch_preview".into(), "secret_patch_preview".into())),
        Step::Exec(e) if e.scoped => {
            let (verb, sub) = kubectl_verb(e);
            let verb = verb.unwrap_or_default();
            let read =
                KUBECTL_READS.contains(&verb) || (verb == "rollout" && matches!(sub, Some("status" | "history")));
            match (read, sub) {
                (true, _) => None,
                (false, Some(sub)) if verb == "rollout" => Some((format!("kubectl {verb} {sub}"), sub.to_string())),
                (false, _) => Some((format!("kubectl {verb}"), verb.to_string())),
            }
        }
        _ => None,
    }
}

fn has_dry_run_flag(e: &Exec) -> bool {
    e.args.iter().any(|a| match a {
        Arg::Word(w) => matches!(w.literal(), Some("--dry-run=server" | "--dry-run=client")),
        Arg::Opt(flag, value) => {
            flag.literal() == Some("--dry-run") && matches!(value.literal(), Some("server" | "client"))
        }
        Arg::IfIncident { .. } => false,
    })
}

/// Loads `json`, the commands file `file` (named in every problem), checking every template.
pub fn parse_commands(file: &str, json: &str) -> Result<CommandBook, Vec<PackageError>> {
    let raw: RawBook = serde_json::from_str(json).map_err(|e| {
        let text = e.to_string();
        let reason = text
            .rsplit_once(" at line ")
            .map_or(text.as_str(), |(reason, _)| reason);
        vec![PackageError {
            file: file.to_string(),
            line: Some(e.line()),
            command: None,
            problem: bi(
                format!("is not a valid commands file (column {}): {reason}", e.column()),
                format!("不是有效的命令文件(第 {} 列):{reason}", e.column()),
            ),
        }]
    })?;
    let mut loader = Loader {
        file,
        json,
        errors: Vec::new(),
        command: None,
        from: 0,
    };
    let mut seen = HashSet::new();
    let commands: Vec<CommandSpec> = raw
        .commands
        .iter()
        .filter_map(|c| loader.command(c, &mut seen))
        .collect();
    loader.command = None;
    loader.from = 0;
    if raw.commands.is_empty() {
        loader.fail(
            Some("commands"),
            bi("declares no commands".into(), "没有声明任何命令".into()),
        );
    }
    let mut labels = Vec::new();
    for (name, param) in &raw.params {
        match ParamField::parse(name).filter(|f| f.param_type().is_some()) {
            Some(field) => {
                loader.text(&format!("params.{name}.label"), &param.label);
                labels.push((field, param.label.clone()));
            }
            None => loader.fail(
                Some(name),
                bi(
                    format!(
                        "params names the unknown parameter \"{name}\"; the known ones are {}",
                        super::template::placeholder_names()
                    ),
                    format!(
                        "params 中的参数 \"{name}\" 未知;可用的有 {}",
                        super::template::placeholder_names()
                    ),
                ),
            ),
        }
    }
    if let Some(t) = &raw.triage_command {
        if !seen.contains(t) {
            loader.fail(
                Some(t),
                bi(
                    format!("triage_command names the unknown command \"{t}\""),
                    format!("triage_command 指向未知的命令 \"{t}\""),
                ),
            );
        }
    }
    loader.page(&raw.page, &seen);
    if !loader.errors.is_empty() {
        return Err(loader.errors);
    }
    Ok(CommandBook {
        commands,
        labels,
        triage_command: raw.triage_command.map(CommandId::new),
        page: raw.page,
    })
}

impl CommandBook {
    /// The problems of a decision tree naming commands this book does not have, one per name.
    pub fn unknown_commands<'a>(&self, named: impl IntoIterator<Item = &'a CommandId>) -> Vec<Bilingual> {
        let mut reported = HashSet::new();
        named
            .into_iter()
            .filter(|id| self.get(id.as_str()).is_none() && reported.insert(id.as_str().to_string()))
            .map(|id| {
                let known = self.ids().map(CommandId::as_str).collect::<Vec<_>>().join(", ");
                bi(
                    format!("an action names the unknown command \"{id}\" (commands.json has {known})"),
                    format!("某个行动指向未知的命令 \"{id}\"(commands.json 中有 {known})"),
                )
            })
            .collect()
    }
}
