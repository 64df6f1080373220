//! The API key Secret: checked by fingerprint, replaced through a hidden prompt and stdin.
//! No parameter carries a key, so no generated text can contain one.

use crate::shell::{quote, Command};

use super::kube::kubectl;
use super::params::Checker;
use super::Built;

const KEY_VARIABLE: &str = "INSTANTLY_API_KEY";

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

pub(super) fn verify_suffix(c: &mut Checker) -> Built {
    let line = stored_key(c)
        .pipe(Command::new("base64").flag("-d"))
        .pipe(Command::new("awk").arg("{ print \"****\" substr($0, length($0) - 3) }"));
    Built::new(line)
}

/// `kubectl create secret ... --from-file=KEY=/dev/stdin --dry-run=client -o yaml | kubectl apply ...`:
/// the Secret manifest is built from stdin and applied, creating or replacing the Secret.
fn secret_from_stdin(c: &mut Checker, apply_dry_run: bool) -> String {
    let name = c.secret_name();
    let key = c.secret_key();
    let k = kubectl(c);
    let create = k
        .clone()
        .arg("create")
        .arg("secret")
        .arg("generic")
        .arg(name)
        .opt_eq("--from-file", &format!("{key}=/dev/stdin"))
        .opt_eq("--dry-run", "client")
        .opt("-o", "yaml");
    let apply = k.arg("apply");
    let apply = if apply_dry_run {
        apply.opt_eq("--dry-run", "server")
    } else {
        apply
    };
    create.pipe(apply.opt("-f", "-")).to_string()
}

/// Runs in a subshell so the variable and traps vanish with it; `stty` restores echo even on
/// Ctrl-C. `read -r` drops leading/trailing blanks of a pasted key; `printf` is a shell builtin,
/// so the key is never an argument of any process.
fn hidden_prompt_update(c: &mut Checker, prompt: &str) -> String {
    let prompt = quote(&format!("{prompt}: "));
    let nothing = quote("No key entered; nothing changed. / 未输入密钥,未做任何修改。");
    format!(
        "( trap 'stty echo' EXIT; trap 'exit 130' HUP INT TERM; printf '%s' {prompt} >&2; stty -echo; \
read -r {v}; stty echo; printf '\\n' >&2; \
if [ -z \"${v}\" ]; then printf '%s\\n' {nothing} >&2; exit 1; fi; \
printf '%s' \"${v}\" | {update} )",
        v = KEY_VARIABLE,
        update = secret_from_stdin(c, false),
    )
}

pub(super) fn rotate_secret(c: &mut Checker) -> Built {
    let placeholder = Command::new("printf").arg("%s").arg("dry-run-placeholder");
    Built {
        text: hidden_prompt_update(
            c,
            "New Instantly API key (input hidden) / 新的 Instantly API 密钥(输入不回显)",
        ),
        dry_run: Some(format!("{placeholder} | {}", secret_from_stdin(c, true))),
        rollback: Some(hidden_prompt_update(
            c,
            "Previous Instantly API key (input hidden) / 之前的 Instantly API 密钥(输入不回显)",
        )),
    }
}
