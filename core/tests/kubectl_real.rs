//! Every generated command, run by a real `/bin/sh` with the real kubectl, curl and jq: kubectl
//! against a kubeconfig whose only cluster is a closed loopback port, curl through a proxy on a
//! closed loopback port. Each program parses its whole command line before it connects, so an
//! unknown flag, command or shorthand, a curl URL glob or a jq filter that does not compile fails
//! here, while "connection refused" means the line was accepted.
//!
//! Without kubectl or jq the test is skipped, except under CI=true where it fails.

#[path = "support/closed_cluster.rs"]
mod closed_cluster;
mod golden_params;
#[allow(dead_code)]
mod shim;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use closed_cluster::write_kubeconfig;
use runbook_core::commands::{CommandParams, GeneratedCommand, IncidentWindow, ParamOverrides};
use shim::Scratch;

/// Messages of a program that refused its arguments, and of a shell that refused the line.
const REFUSALS: [&str; 13] = [
    "unknown flag",
    "unknown command",
    "unknown shorthand flag",
    "flag needs an argument",
    "invalid argument",
    "required flag",
    "syntax error",
    "Syntax error",
    "compile error",
    "command not found",
    "not found",
    "bad substitution",
    "Unexpected",
];

/// kubectl reached the (closed) server: it accepted every argument.
const CONNECTED: [&str; 3] = ["connection refused", "was refused", "Unable to connect to the server"];

/// A key typed at the hidden prompt; no line may show it, nor its base64.
const TYPED_KEY: &str = "test-key-0123456789abcdef";
const SAMPLE_JSON: &str =
    r#"{"status":{"indicator":"none"},"services":{"instantly":{"status":"ok"}},"data":{"result":[]}}"#;

struct Tools {
    kubectl: PathBuf,
    curl: PathBuf,
    jq: PathBuf,
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn tools() -> Option<Tools> {
    let found = (on_path("kubectl"), on_path("curl"), on_path("jq"));
    if let (Some(kubectl), Some(curl), Some(jq)) = found {
        return Some(Tools { kubectl, curl, jq });
    }
    let message = format!(
        "kubectl, curl and jq must be on PATH (found: {:?}); scripts/setup.sh installs them",
        found
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{message}");
    }
    eprintln!("SKIPPED: {message}");
    None
}

fn version(program: &Path, args: &[&str]) -> String {
    let out = Process::new(program).args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

fn write_executable(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    fs::write(path, body).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Wrappers that run the real program and record its argv, stdin (kubectl), stderr and exit
/// status under `$LOG_DIR/<name>-<pid>/`. With `FORCE_SUCCESS=1` kubectl and curl report success
/// whatever happened, so the commands after `&&` run (and are checked) too.
fn install_wrappers(bin: &Path, tools: &Tools) {
    fs::create_dir_all(bin).unwrap();
    let wrapper = |name: &str, real: &Path, run: &str, forced: bool| {
        let exit = if forced {
            "[ \"$FORCE_SUCCESS\" = 1 ] && exit 0\n"
        } else {
            ""
        };
        format!(
            "#!/bin/sh\nd=\"$LOG_DIR/{name}-$$\"\nmkdir \"$d\"\nprintf '%s\\0' \"$@\" > \"$d/argv\"\nreal={real}\n{run}\nrc=$?\necho $rc > \"$d/rc\"\ncat \"$d/stderr\" >&2\n{exit}exit $rc\n",
            real = real.display(),
        )
    };
    write_executable(
        &bin.join("kubectl"),
        &wrapper(
            "kubectl",
            &tools.kubectl,
            "cat > \"$d/stdin\"\n\"$real\" \"$@\" < \"$d/stdin\" 2> \"$d/stderr\"",
            true,
        ),
    );
    write_executable(
        &bin.join("curl"),
        &wrapper(
            "curl",
            &tools.curl,
            "all_proxy=http://127.0.0.1:1 \"$real\" -q --write-out '%{stderr}TRANSFER %{url_effective}\\n' \"$@\" 2> \"$d/stderr\"",
            true,
        ),
    );
    write_executable(
        &bin.join("jq"),
        &wrapper("jq", &tools.jq, "\"$real\" \"$@\" 2> \"$d/stderr\"", false),
    );
}

struct Invocation {
    program: String,
    argv: Vec<String>,
    stdin: Option<Vec<u8>>,
    stderr: String,
    rc: i32,
}

struct Run {
    stderr: String,
    calls: Vec<Invocation>,
}

struct Harness {
    root: Scratch,
    work: PathBuf,
    kubeconfig: PathBuf,
    path: String,
}

impl Harness {
    fn new(tools: &Tools, context: &str) -> Harness {
        let root = Scratch::new("kubectl-real");
        let bin = root.0.join("bin");
        install_wrappers(&bin, tools);
        let work = root.0.join("work");
        fs::create_dir_all(work.join("scripts")).unwrap();
        write_executable(&work.join("scripts/instantly-debug-bundle.sh"), "#!/bin/sh\nexit 0\n");
        let kubeconfig = root.0.join("kubeconfig");
        write_kubeconfig(&kubeconfig, context);
        let system = std::env::var("PATH").unwrap_or_default();
        let path = format!("{}:{system}", bin.display());
        Harness {
            root,
            work,
            kubeconfig,
            path,
        }
    }

    fn shell(&self, args: &[&str], log: &Path, stdin: &str, forced: bool) -> (i32, String) {
        let mut child = Process::new("/bin/sh")
            .args(args)
            .current_dir(&self.work)
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", &self.root.0)
            .env("KUBECONFIG", &self.kubeconfig)
            .env("LOG_DIR", log)
            .env("FORCE_SUCCESS", if forced { "1" } else { "0" })
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let mut err = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut text);
            text
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                child.kill().unwrap();
                panic!("timed out: {args:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        (status.code().unwrap_or(-1), reader.join().unwrap())
    }

    fn run(&self, line: &str, stdin: &str, forced: bool) -> Run {
        let log = Scratch::new("kubectl-real-log");
        let (_, stderr) = self.shell(&["-c", line], &log.0, stdin, forced);
        let mut calls = Vec::new();
        for entry in fs::read_dir(&log.0).unwrap() {
            let dir = entry.unwrap().path();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let raw = fs::read(dir.join("argv")).unwrap();
            let argv = raw
                .strip_suffix(b"\0")
                .unwrap_or(&raw)
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            calls.push(Invocation {
                program: name.split('-').next().unwrap().to_string(),
                argv,
                stdin: fs::read(dir.join("stdin")).ok(),
                stderr: fs::read_to_string(dir.join("stderr")).unwrap_or_default(),
                rc: fs::read_to_string(dir.join("rc"))
                    .ok()
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(-1),
            });
        }
        Run { stderr, calls }
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let mut child = Process::new("base64")
        .arg("-d")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    child.wait_with_output().unwrap().stdout
}

fn base64_encode(text: &str) -> String {
    let mut child = Process::new("base64")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout)
        .unwrap()
        .replace('\n', "")
}

#[derive(Default)]
struct Tally {
    lines: usize,
    kubectl_parsed: usize,
    curl_parsed: usize,
    jq_compiled: usize,
    refused: Vec<String>,
}

impl Tally {
    fn refuse(&mut self, what: String) {
        self.refused.push(what);
    }
}

/// The checks of one program call; a refusal names the line and the call.
fn check_call(tally: &mut Tally, tools: &Tools, label: &str, call: &Invocation, p: &CommandParams) {
    let what = || {
        format!(
            "{label}: {} {:?} (exit {}): {}",
            call.program,
            call.argv,
            call.rc,
            call.stderr.trim()
        )
    };
    if REFUSALS.iter().any(|r| call.stderr.contains(r)) {
        return tally.refuse(what());
    }
    match call.program.as_str() {
        "kubectl" => {
            let connected = CONNECTED.iter().any(|c| call.stderr.contains(c));
            if call.rc != 0 && !connected {
                return tally.refuse(what());
            }
            if let Some(patch) = call.argv.iter().position(|a| a == "-p").map(|i| &call.argv[i + 1]) {
                if serde_json::from_str::<serde_json::Value>(patch).is_err() {
                    return tally.refuse(format!("{} (patch is not JSON)", what()));
                }
            }
            if call.argv.iter().any(|a| a == "--patch-file=/dev/stdin") {
                let stdin = call.stdin.clone().unwrap_or_default();
                let patch: Result<serde_json::Value, _> = serde_json::from_slice(&stdin);
                let encoded = patch
                    .ok()
                    .and_then(|v| v["data"][&p.secret_key].as_str().map(str::to_string));
                let decoded = encoded.map(|e| base64_decode(&e));
                let expected: [&[u8]; 2] = [TYPED_KEY.as_bytes(), b"dry-run"];
                if !decoded.is_some_and(|d| expected.contains(&d.as_slice())) {
                    return tally.refuse(format!(
                        "{} (patch on stdin: {:?})",
                        what(),
                        String::from_utf8_lossy(&stdin)
                    ));
                }
            }
            tally.kubectl_parsed += 1;
        }
        "curl" => {
            let transfers = call.stderr.matches("TRANSFER ").count();
            if call.rc != 7 || transfers != 1 {
                return tally.refuse(format!("{} ({transfers} transfers)", what()));
            }
            tally.curl_parsed += 1;
        }
        "jq" => {
            let mut sample = Process::new(&tools.jq)
                .args(&call.argv)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            sample.stdin.take().unwrap().write_all(SAMPLE_JSON.as_bytes()).unwrap();
            let out = sample.wait_with_output().unwrap();
            if matches!(call.rc, 2 | 3) || !out.status.success() {
                return tally.refuse(format!(
                    "{} (on sample input: {})",
                    what(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            tally.jq_compiled += 1;
        }
        other => panic!("unexpected wrapper {other}"),
    }
}

fn check_line(tally: &mut Tally, tools: &Tools, h: &Harness, label: &str, line: &str, p: &CommandParams) {
    tally.lines += 1;
    let syntax = Scratch::new("kubectl-real-syntax");
    let (rc, stderr) = h.shell(&["-n", "-c", line], &syntax.0, "", false);
    if rc != 0 {
        tally.refuse(format!("{label}: sh -n: {stderr}"));
    }
    let stdin = format!("  {TYPED_KEY} \n");
    let run = h.run(line, &stdin, true);
    for call in &run.calls {
        check_call(tally, tools, label, call, p);
    }
    for (program, written) in [
        ("kubectl", line.matches("kubectl --context ").count()),
        ("curl", line.matches("curl ").count()),
        ("jq", line.matches("| jq ").count()),
    ] {
        let ran = run.calls.iter().filter(|c| c.program == program).count();
        if ran < written {
            tally.refuse(format!(
                "{label}: {program} ran {ran} of {written} times: {}",
                run.stderr
            ));
        }
    }
    if REFUSALS.iter().any(|r| run.stderr.contains(r)) {
        tally.refuse(format!("{label}: {}", run.stderr));
    }
    if run.stderr.contains(TYPED_KEY) || run.stderr.contains(&base64_encode(TYPED_KEY)) {
        tally.refuse(format!("{label}: the key was echoed: {}", run.stderr));
    }
}

fn window() -> IncidentWindow {
    IncidentWindow {
        start: Utc.with_ymd_and_hms(2024, 1, 15, 6, 30, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2024, 1, 17, 8, 45, 30).unwrap(),
    }
}

/// The golden files' parameters, and hostile values that every validator accepts.
fn parameter_sets() -> Vec<(&'static str, CommandParams)> {
    let config = golden_params::shipped_config();
    let golden_overrides = golden_params::golden_overrides();
    let label = |n: usize| {
        format!("a{}z", "0123456789-".repeat(6))
            .chars()
            .take(n)
            .collect::<String>()
    };
    let longest_name = [label(63), label(63), label(63), label(61)].join(".");
    let glob_urls = ParamOverrides {
        kube_context: Some(format!("user@{}", "ctx/".repeat(62))),
        namespace: Some(format!("{}z", label(62))),
        deployment: Some(longest_name.clone()),
        label_selector: Some("env in (a,b),!legacy,tier!=web,app.kubernetes.io/name notin (x, y)".into()),
        secret_name: Some(longest_name),
        secret_key: Some("instantly.api-key_v2.primary".into()),
        since: Some("1h30m45s".into()),
        public_health_url: Some("https://health.example:8443/a{b,c}/[1-9]/x?q=[1]&r={a}".into()),
        public_prometheus_url: Some("http://[::1]:9090/prom{a,b}/[0-9]".into()),
        vendor_api_url: Some("https://api.example/v2/{x}[y]".into()),
        vendor_status_page: Some("https://status.example:444/p%20q/~u/".into()),
        error_metric: Some("ns:errors_total:rate5m".into()),
    };
    let shell_urls = ParamOverrides {
        kube_context: Some("gke_my-proj_us-central1-a_prod-1".into()),
        namespace: Some("a".into()),
        deployment: Some("a".into()),
        label_selector: Some("!canary".into()),
        secret_name: Some("s".into()),
        secret_key: Some("tls.crt".into()),
        since: Some("90s".into()),
        public_health_url: Some("https://h.example/it's/$(id);x&y|z`uname`?a='b'#frag".into()),
        public_prometheus_url: Some("http://127.0.0.2:9/$HOME/*/".into()),
        vendor_api_url: Some("https://api.example/--data=x".into()),
        vendor_status_page: Some("http://s.example/;rm%20-rf".into()),
        error_metric: Some("_x".into()),
    };
    vec![
        (
            "default config",
            CommandParams::new(&config, &ParamOverrides::default(), Some(window())),
        ),
        ("golden overrides", CommandParams::new(&config, &golden_overrides, None)),
        (
            "max lengths, set selectors, URL globs",
            CommandParams::new(&config, &glob_urls, Some(window())),
        ),
        (
            "shell syntax in URLs",
            CommandParams::new(&config, &shell_urls, Some(window())),
        ),
    ]
}

#[test]
fn every_generated_command_passes_the_real_kubectl_curl_and_jq() {
    let Some(tools) = tools() else { return };
    let mut tally = Tally::default();
    let mut generated = 0;
    for (set, p) in parameter_sets() {
        let h = Harness::new(&tools, &p.kube_context);
        for (id, result) in golden_params::shipped_commands().all(&p) {
            let cmd = match result {
                Ok(cmd) => cmd,
                Err(_) if set == "golden overrides" && id.as_str() == "export_metrics" => continue,
                Err(errors) => {
                    tally.refuse(format!("{set} / {}: not generated: {errors:?}", id.as_str()));
                    continue;
                }
            };
            generated += 1;
            for (part, line) in [
                ("text", Some(&cmd.text)),
                ("dry run", cmd.dry_run.as_ref()),
                ("rollback", cmd.rollback.as_ref()),
            ] {
                let Some(line) = line else { continue };
                check_line(
                    &mut tally,
                    &tools,
                    &h,
                    &format!("{set} / {} / {part}", id.as_str()),
                    line,
                    &p,
                );
            }
        }
    }
    println!("kubectl: {}", version(&tools.kubectl, &["version", "--client"]));
    println!("curl: {}", version(&tools.curl, &["--version"]));
    println!("jq: {}", version(&tools.jq, &["--version"]));
    println!(
        "{generated} commands, {} lines: kubectl calls parsed {}, curl calls parsed {}, jq filters compiled {}; refused {}",
        tally.lines,
        tally.kubectl_parsed,
        tally.curl_parsed,
        tally.jq_compiled,
        tally.refused.len()
    );
    assert!(tally.refused.is_empty(), "refused:\n{}", tally.refused.join("\n"));
}

/// Runs `line` with the real shell tools but `kubectl` replaced by `fake` (a sh script body).
fn with_fake_kubectl(line: &str, fake: &str, stdin: &str) -> (String, String) {
    let root = Scratch::new("fake-kubectl");
    let bin = root.0.join("bin");
    fs::create_dir_all(&bin).unwrap();
    write_executable(&bin.join("kubectl"), &format!("#!/bin/sh\n{fake}\n"));
    let system = std::env::var("PATH").unwrap_or_default();
    let mut child = Process::new("/bin/sh")
        .arg("-c")
        .arg(line)
        .env("PATH", format!("{}:{system}", bin.display()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The shipped command `id`, which must generate for `p`.
fn generate(id: &str, p: &CommandParams) -> GeneratedCommand {
    let result = golden_params::shipped_commands().generate(id, p);
    result.unwrap_or_else(|| panic!("no command {id}")).unwrap()
}

fn default_params() -> CommandParams {
    CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None)
}

#[test]
fn the_suffix_check_shows_nothing_of_a_key_of_8_characters_or_fewer() {
    let line = generate("verify_api_key_suffix", &default_params()).text;
    for (key, shown) in [
        ("", "No key found in the Secret"),
        ("abc", "too short to show any of it"),
        ("abcd5678", "too short to show any of it"),
        ("abcde6789", "****6789"),
        ("line1\nkey-ends-WXYZ", "****WXYZ"),
    ] {
        let fake = format!("printf '%s' {}", base64_encode(key));
        let (stdout, _) = with_fake_kubectl(&line, &fake, "");
        assert!(stdout.contains(shown), "{key:?}: {stdout}");
        assert_eq!(stdout.lines().count(), 1, "{key:?}: {stdout}");
        if key.len() <= 8 {
            for part in [key.get(key.len().saturating_sub(4)..).unwrap(), key] {
                assert!(part.is_empty() || !stdout.contains(part), "{key:?} shown: {stdout}");
            }
        }
    }
}

#[test]
fn a_kubectl_error_that_quotes_the_patch_never_shows_the_key() {
    let p = default_params();
    let line = generate("rotate_secret", &p).text;
    let fake = "echo \"error: unable to parse \\\"$(cat)\\\": yaml: line 1\" >&2; exit 1";
    let (stdout, stderr) = with_fake_kubectl(&line, fake, &format!("{TYPED_KEY}\n"));
    assert!(stderr.contains("contained the key, so it is not shown"), "{stderr}");
    assert!(stderr.contains("Nothing changed"), "{stderr}");
    for shown in [&stdout, &stderr] {
        assert!(
            !shown.contains(TYPED_KEY) && !shown.contains(&base64_encode(TYPED_KEY)),
            "{shown}"
        );
    }
}

#[test]
fn rotating_a_missing_secret_fails_clearly_and_creates_nothing() {
    let p = default_params();
    let line = generate("rotate_secret", &p).text;
    let fake = format!(
        "cat > /dev/null; echo 'Error from server (NotFound): secrets \"{}\" not found' >&2; exit 1",
        p.secret_name
    );
    let (stdout, stderr) = with_fake_kubectl(&line, &fake, &format!("{TYPED_KEY}\n"));
    assert!(stderr.contains("(NotFound): secrets"), "{stderr}");
    assert!(stderr.contains("must already exist in namespace"), "{stderr}");
    assert!(
        stderr.contains("never creates it") && stderr.contains("绝不创建"),
        "{stderr}"
    );
    assert!(!stdout.contains(TYPED_KEY) && !stderr.contains(TYPED_KEY));
    for cmd in golden_params::shipped_commands()
        .all(&p)
        .into_iter()
        .filter_map(|(_, r)| r.ok())
    {
        for text in [Some(&cmd.text), cmd.dry_run.as_ref(), cmd.rollback.as_ref()]
            .into_iter()
            .flatten()
        {
            for never in [" apply ", " create secret", " replace ", "last-applied"] {
                assert!(!text.contains(never), "{:?} uses{never}: {text}", cmd.id);
            }
        }
    }
}
