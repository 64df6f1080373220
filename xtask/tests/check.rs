//! `xtask check` on a package with one mistake of each kind (tests/fixtures/broken-runbook/:
//! an unknown manifest field, a section in one language only, a step naming an unknown command,
//! an untranslated text, an unreachable node, an unknown message field, an unsafe command
//! template, and a link to a runbook not in the library):
//! every mistake is reported with its file and line, and the command fails; the shipped
//! runbook passes with its one warning.

use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/broken-runbook";

fn xtask_check(dir: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["check", dir])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("xtask runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

/// The line of the fixture's `file` that contains `needle` (1-based).
fn line(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE).join(file)).unwrap();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "{needle:?} once in {file}");
    lines[0]
}

#[test]
fn every_kind_of_mistake_is_reported_with_its_file_and_line() {
    let (ok, report) = xtask_check(FIXTURE);
    assert!(!ok, "a package with errors fails the check:\n{report}");
    let at = |file: &str, needle: &str| format!("{FIXTURE}/{file}:{}: ", line(file, needle));
    let expected = [
        // A link to a runbook not in the library: a warning only.
        format!(
            "{}warning: links to runbook \"example-mail-data\", which is not in this library",
            at("manifest.json", "\"links\"")
        ),
        // An unknown manifest field.
        format!(
            "{}error: unknown field `reviewd`; a manifest has id, title,",
            at("manifest.json", "\"reviewd\"")
        ),
        // Language parity: a section only in English.
        format!(
            "{}error: section {{#escalation}} is not in runbook.zh.md: both languages need the same ids",
            at("runbook.en.md", "{#escalation}")
        ),
        // A tree step naming a command the runbook does not have.
        format!(
            "{}error: the step names command \"restart_sender\", which this runbook does not have (it has: tail_logs, grep_errors)",
            at("tree.json", "restart_sender")
        ),
        // An untranslated text.
        format!(
            "{}error: \"Keep watching.\" is the same in English and Chinese: translate it",
            at("tree.json", "Keep watching.")
        ),
        // Tree reachability.
        format!(
            "{}error: Node \"orphan\" cannot be reached from the root; link it or remove it.",
            at("tree.json", "\"id\": \"orphan\"")
        ),
        // A message template field no message has.
        format!(
            "{}error: status_page (en): unknown field {{updated_at}}; this message knows",
            at("messages.json", "{updated_at}")
        ),
        // An unsafe command template (the commands loader's checks), reported twice: the program
        // runs shell code, and a placeholder sits inside shell syntax.
        format!(
            "{}error: command \"grep_errors\": program \"sh\" runs its arguments as shell code",
            at("commands.json", "\"sh\"")
        ),
        format!(
            "{}error: command \"grep_errors\": word \"kubectl logs deploy/{{deployment}} | grep -c error\" joins {{deployment}}",
            at("commands.json", "\"sh\"")
        ),
        format!("{FIXTURE}: 8 errors, 1 warning"),
    ];
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{report}");
    for (got, want) in lines.iter().zip(&expected) {
        assert!(got.starts_with(want.as_str()), "expected {want:?}\n     got {got:?}");
    }
}

#[test]
fn the_shipped_runbook_passes_with_its_dangling_link_as_a_warning() {
    let (ok, report) = xtask_check("../content/instantly");
    assert!(ok, "{report}");
    assert!(
        report.ends_with("../content/instantly: 0 errors, 1 warning\n"),
        "{report}"
    );
    assert!(
        report.contains("warning: links to runbook \"instantly-data-handling\""),
        "{report}"
    );
}

/// The fixture is test data: the build's library is content/ unless RUNBOOK_LIBRARY names other
/// folders, and Trunk copies only what index.html names, so it never reaches dist/.
#[test]
fn the_fixture_is_not_part_of_the_library_or_the_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    assert!(!root.join("content/broken-runbook").exists());
    let library = |dirs: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.arg("library").env_remove("RUNBOOK_LIBRARY");
        if let Some(dirs) = dirs {
            cmd.env("RUNBOOK_LIBRARY", dirs);
        }
        cmd.output().unwrap()
    };
    let shipped = library(None);
    assert!(shipped.status.success(), "{}", String::from_utf8_lossy(&shipped.stderr));
    assert_eq!(String::from_utf8_lossy(&shipped.stdout), "instantly\n");
    // Added through RUNBOOK_LIBRARY, the broken fixture fails the build with its mistakes.
    let with_broken = library(Some("content:xtask/tests/fixtures"));
    assert_eq!(with_broken.status.code(), Some(1));
    let err = String::from_utf8_lossy(&with_broken.stderr);
    assert!(
        err.contains("broken-runbook/manifest.json:") && err.contains("mistake(s)"),
        "{err}"
    );
    let index = std::fs::read_to_string(root.join("index.html")).unwrap();
    let copied: Vec<&str> = index.lines().filter(|l| l.contains("data-trunk")).collect();
    assert!(
        !copied.is_empty() && copied.iter().all(|l| !l.contains("xtask") && !l.contains("fixtures")),
        "{copied:?}"
    );
}

#[test]
fn usage_without_a_folder() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xtask check <runbook-folder>"));
}
