//! The steps the core builds itself because a template could not make them safe: reading the
//! stored key (only a fingerprint or its last 4 characters, never the key), updating it through
//! a hidden prompt and stdin, and a guard for programs that cannot take a kube context.
//! No parameter carries a key, so no generated text can contain one.

use crate::i18n::Bilingual;
use crate::shell::{quote, Command};

use super::field::ParamField;
use super::params::Checker;

const ENCODED_VARIABLE: &str = "KEY_BASE64";
const ERROR_VARIABLE: &str = "KUBECTL_ERROR";
/// base64 of `dry-run`: the dry run needs no real key (and short, so it never looks like one).
const PLACEHOLDER_BASE64: &str = "ZHJ5LXJ1bg==";
/// A key this short would be half shown by its last 4 characters.
const SHORTEST_SHOWN_KEY: usize = 9;

/// Shell variables a prompt step may not read the key into: the step's own, and those the
/// shell or the programs it runs give a meaning to.
pub(super) const RESERVED_VARIABLES: [&str; 24] = [
    ENCODED_VARIABLE,
    ERROR_VARIABLE,
    "PATH",
    "HOME",
    "IFS",
    "ENV",
    "PS1",
    "PS2",
    "PS4",
    "CDPATH",
    "SHELL",
    "PWD",
    "OLDPWD",
    "OPTIND",
    "OPTARG",
    "LINENO",
    "PPID",
    "TERM",
    "LANG",
    "LC_ALL",
    "KUBECONFIG",
    "TMPDIR",
    "USER",
    "HOSTNAME",
];

/// Variable-name prefixes with a meaning to the shell, the dynamic linker or kubectl.
pub(super) const RESERVED_PREFIXES: [&str; 4] = ["LC_", "LD_", "BASH", "KUBE"];

/// The shell variable a prompt step reads the key into: `[A-Z][A-Z0-9_]{0,63}`, none of
/// [`RESERVED_VARIABLES`] and no [`RESERVED_PREFIXES`]. Checked whenever it is read, from the
/// commands file or from the build's rendered catalog.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub(super) struct ShellVariable(String);

impl ShellVariable {
    pub(super) fn as_str(&self) -> &str {
        &self.0
    }
}

impl ShellVariable {
    pub(super) fn parse(name: &str) -> Result<ShellVariable, Bilingual> {
        let mut chars = name.chars();
        let shaped = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && name.len() <= 64;
        if !shaped {
            return Err(Bilingual::new(
                format!("variable \"{name}\" is not a shell variable name of capital letters, digits and '_' (such as VENDOR_API_KEY)"),
                format!("变量 \"{name}\" 不是由大写字母、数字和 '_' 组成的 shell 变量名(例如 VENDOR_API_KEY)"),
            ));
        }
        if RESERVED_VARIABLES.contains(&name) || RESERVED_PREFIXES.iter().any(|p| name.starts_with(p)) {
            return Err(Bilingual::new(
                format!("variable \"{name}\" already means something to the shell, kubectl or this step; pick another name (such as VENDOR_API_KEY)"),
                format!("变量 \"{name}\" 已被 shell、kubectl 或此步骤使用;请换一个名称(例如 VENDOR_API_KEY)"),
            ));
        }
        Ok(ShellVariable(name.to_string()))
    }
}

impl TryFrom<String> for ShellVariable {
    type Error = String;

    fn try_from(name: String) -> Result<ShellVariable, String> {
        ShellVariable::parse(&name).map_err(|e| e.en)
    }
}

impl From<ShellVariable> for String {
    fn from(v: ShellVariable) -> String {
        v.0
    }
}

/// `kubectl --context C -n NS`: every kubectl line names its cluster and namespace.
pub(super) fn kubectl(c: &mut Checker) -> Command {
    let context = c.value(ParamField::KubeContext);
    let namespace = c.value(ParamField::Namespace);
    Command::new("kubectl").opt("--context", context).opt("-n", namespace)
}

/// kubectl JSONPath needs the dots inside a key name escaped: `{.data.tls\.crt}`.
fn jsonpath(key: &str) -> String {
    format!("jsonpath={{.data.{}}}", key.replace('.', "\\."))
}

fn stored_key(c: &mut Checker) -> Command {
    let k = kubectl(c);
    let name = c.value(ParamField::SecretName);
    let key = c.value(ParamField::SecretKey);
    k.arg("get").arg("secret").arg(name).opt("-o", &jsonpath(key))
}

pub(super) fn fingerprint(c: &mut Checker) -> impl std::fmt::Display {
    stored_key(c)
        .pipe(Command::new("base64").flag("-d"))
        .pipe(Command::new("sha256sum"))
        .pipe(Command::new("cut").flag("-c1-12"))
}

/// The whole decoded key is one string (`k = k $0`), so the length check sees all of it.
pub(super) fn last4(c: &mut Checker) -> impl std::fmt::Display {
    let program = format!(
        "{{ k = k $0 }} END {{ n = length(k); \
if (n == 0) print \"No key found in the Secret. / Secret 中没有该密钥。\"; \
else if (n < {SHORTEST_SHOWN_KEY}) print \"The key is too short to show any of it (8 characters or fewer). / 密钥太短(不超过 8 个字符),不显示任何部分。\"; \
else print \"****\" substr(k, n - 3) }}"
    );
    stored_key(c)
        .pipe(Command::new("base64").flag("-d"))
        .pipe(Command::new("awk").arg(&program))
}

/// `kubectl patch secret NAME --type=merge --patch-file=/dev/stdin`, fed the JSON patch
/// `{"data":{"KEY":"<base64>"}}` by the shell's builtin printf. A patch never creates the Secret
/// and, unlike a client-side `apply`, leaves no annotation holding a copy of the manifest.
fn patch_secret(c: &mut Checker, dry_run: bool) -> Command {
    let k = kubectl(c);
    let name = c.value(ParamField::SecretName);
    let patch = k
        .arg("patch")
        .arg("secret")
        .arg(name)
        .opt_eq("--type", "merge")
        .opt_eq("--patch-file", "/dev/stdin");
    if dry_run {
        patch.opt_eq("--dry-run", "server")
    } else {
        patch
    }
}

/// `printf` of the patch: a builtin, so the encoded key is never an argument of any process.
fn print_patch(key: &str, encoded: &str) -> String {
    format!("printf '{{\"data\":{{\"%s\":\"%s\"}}}}' {} {encoded}", quote(key))
}

pub(super) fn patch_preview(c: &mut Checker) -> String {
    let patch = patch_secret(c, true);
    let key = c.value(ParamField::SecretKey);
    format!("{} | {patch}", print_patch(key, PLACEHOLDER_BASE64))
}

/// Runs the patch with its stderr captured, and shows that error only when it does not contain
/// the encoded key (kubectl quotes a patch it cannot parse).
fn guarded_patch(c: &mut Checker) -> String {
    let patch = patch_secret(c, false);
    let key = c.value(ParamField::SecretKey);
    let name = c.value(ParamField::SecretName);
    let namespace = c.value(ParamField::Namespace);
    let hidden = quote("The error message contained the key, so it is not shown. / 错误信息中包含密钥,因此不显示。");
    let failed = quote(&format!(
        "Nothing changed. The Secret {name} must already exist in namespace {namespace}: this command only updates it, never creates it. / 未做任何修改。Secret {name} 必须已存在于命名空间 {namespace} 中:此命令只更新它,绝不创建。"
    ));
    format!(
        "{{ {e}=$({print} | {patch} 2>&1 >&3); }} 3>&1 || {{ case \"${e}\" in *\"${b}\"*) printf '%s\\n' {hidden} >&2;; \
*) printf '%s\\n' \"${e}\" >&2;; esac; printf '%s\\n' {failed} >&2; exit 1; }}",
        e = ERROR_VARIABLE,
        b = ENCODED_VARIABLE,
        print = print_patch(key, &format!("\"${ENCODED_VARIABLE}\"")),
    )
}

/// Runs in a subshell so the variables and traps vanish with it; `stty` restores echo even on
/// Ctrl-C. `read -r` drops leading/trailing blanks of a pasted key; `printf` is a shell builtin,
/// so the key is never an argument of any process (`base64` reads it on stdin). `variable` is
/// checked when the commands file loads: `[A-Z][A-Z0-9_]*`, none of [`RESERVED_VARIABLES`].
pub(super) fn prompt_patch(c: &mut Checker, variable: &str, prompt: &str) -> String {
    let prompt = quote(&format!("{prompt}: "));
    let nothing = quote("No key entered; nothing changed. / 未输入密钥,未做任何修改。");
    format!(
        "( trap 'stty echo' EXIT; trap 'exit 130' HUP INT TERM; printf '%s' {prompt} >&2; stty -echo; \
read -r {v}; stty echo; printf '\\n' >&2; \
if [ -z \"${v}\" ]; then printf '%s\\n' {nothing} >&2; exit 1; fi; \
{b}=$(printf '%s' \"${v}\" | base64 | tr -d '\\n'); {v}=; {update} )",
        v = variable,
        b = ENCODED_VARIABLE,
        update = guarded_patch(c),
    )
}

/// The program runs only when the current kube context is `context`; otherwise the line says
/// how to switch.
pub(super) fn if_current_context(context: &str, command: &Command) -> String {
    let refusal = format!(
        "Current kube context is not {context}; switch with / 当前 kube context 不是 {context},请切换: kubectl config use-context {context}"
    );
    format!(
        "if [ \"$(kubectl config current-context)\" = {} ]; then {command}; else printf '%s\\n' {} >&2; fi",
        quote(context),
        quote(&refusal),
    )
}
