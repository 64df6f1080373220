//! The API key Secret: checked by fingerprint, updated in place through a hidden prompt and stdin.
//! No parameter carries a key, so no generated text can contain one.

use crate::shell::{quote, Command};

use super::kube::kubectl;
use super::params::Checker;
use super::Built;

const KEY_VARIABLE: &str = "INSTANTLY_API_KEY";
const ENCODED_VARIABLE: &str = "KEY_BASE64";
const ERROR_VARIABLE: &str = "KUBECTL_ERROR";
/// base64 of `dry-run`: the dry run needs no real key (and short, so it never looks like one).
const PLACEHOLDER_BASE64: &str = "ZHJ5LXJ1bg==";
/// A key this short would be half shown by its last 4 characters.
const SHORTEST_SHOWN_KEY: usize = 9;

/// kubectl JSONPath needs the dots inside a key name escaped: `{.data.tls\.crt}`.
fn jsonpath(key: &str) -> String {
    format!("jsonpath={{.data.{}}}", key.replace('.', "\\."))
}

fn stored_key(c: &mut Checker) -> Command {
    let name = c.secret_name();
    let key = c.secret_key();
    kubectl(c).arg("get").arg("secret").arg(name).opt("-o", &jsonpath(key))
}

pub(super) fn verify_fingerprint(c: &mut Checker) -> Built {
    let line = stored_key(c)
        .pipe(Command::new("base64").flag("-d"))
        .pipe(Command::new("sha256sum"))
        .pipe(Command::new("cut").flag("-c1-12"));
    Built::new(line)
}

/// The whole decoded key is one string (`k = k $0`), so the length check sees all of it.
pub(super) fn verify_suffix(c: &mut Checker) -> Built {
    let program = format!(
        "{{ k = k $0 }} END {{ n = length(k); \
if (n == 0) print \"No key found in the Secret. / Secret 中没有该密钥。\"; \
else if (n < {SHORTEST_SHOWN_KEY}) print \"The key is too short to show any of it (8 characters or fewer). / 密钥太短(不超过 8 个字符),不显示任何部分。\"; \
else print \"****\" substr(k, n - 3) }}"
    );
    let line = stored_key(c)
        .pipe(Command::new("base64").flag("-d"))
        .pipe(Command::new("awk").arg(&program));
    Built::new(line)
}

/// `kubectl patch secret NAME --type=merge --patch-file=/dev/stdin`, fed the JSON patch
/// `{"data":{"KEY":"<base64>"}}` by the shell's builtin printf. A patch never creates the Secret
/// and, unlike a client-side `apply`, leaves no annotation holding a copy of the manifest.
fn patch_secret(c: &mut Checker, dry_run: bool) -> Command {
    let name = c.secret_name();
    let patch = kubectl(c)
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

/// Runs the patch with its stderr captured, and shows that error only when it does not contain
/// the encoded key (kubectl quotes a patch it cannot parse).
fn guarded_patch(c: &mut Checker) -> String {
    let key = c.secret_key();
    let name = c.secret_name();
    let namespace = c.namespace();
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
        patch = patch_secret(c, false),
    )
}

/// Runs in a subshell so the variables and traps vanish with it; `stty` restores echo even on
/// Ctrl-C. `read -r` drops leading/trailing blanks of a pasted key; `printf` is a shell builtin,
/// so the key is never an argument of any process (`base64` reads it on stdin).
fn hidden_prompt_update(c: &mut Checker, prompt: &str) -> String {
    let prompt = quote(&format!("{prompt}: "));
    let nothing = quote("No key entered; nothing changed. / 未输入密钥,未做任何修改。");
    format!(
        "( trap 'stty echo' EXIT; trap 'exit 130' HUP INT TERM; printf '%s' {prompt} >&2; stty -echo; \
read -r {v}; stty echo; printf '\\n' >&2; \
if [ -z \"${v}\" ]; then printf '%s\\n' {nothing} >&2; exit 1; fi; \
{b}=$(printf '%s' \"${v}\" | base64 | tr -d '\\n'); {v}=; {update} )",
        v = KEY_VARIABLE,
        b = ENCODED_VARIABLE,
        update = guarded_patch(c),
    )
}

pub(super) fn rotate_secret(c: &mut Checker) -> Built {
    let key = c.secret_key();
    Built {
        text: hidden_prompt_update(
            c,
            "New Instantly API key (input hidden) / 新的 Instantly API 密钥(输入不回显)",
        ),
        dry_run: Some(format!(
            "{} | {}",
            print_patch(key, PLACEHOLDER_BASE64),
            patch_secret(c, true)
        )),
        rollback: Some(hidden_prompt_update(
            c,
            "Previous Instantly API key (input hidden) / 之前的 Instantly API 密钥(输入不回显)",
        )),
    }
}
