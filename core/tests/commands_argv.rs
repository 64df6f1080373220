//! Every generated command, run through a real /bin/sh with PATH shims, calls exactly the
//! programs and arguments it should; invalid parameters give errors and no command at all.

#[allow(dead_code)] // each test binary uses part of the shared settings
mod golden_params;
mod shim;

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use proptest::prelude::*;
use runbook_core::commands::{
    CommandBook, CommandParams, GeneratedCommand, IncidentWindow, ParamError, ParamField, ParamOverrides,
};
use runbook_core::validate;
use shim::{call, install_shims, nasty_word, run_line, sorted, Call, Scratch};

fn book() -> &'static CommandBook {
    static BOOK: OnceLock<CommandBook> = OnceLock::new();
    BOOK.get_or_init(golden_params::shipped_commands)
}

/// The shipped command `id` for `p`.
fn generate(id: &str, p: &CommandParams) -> Result<GeneratedCommand, Vec<ParamError>> {
    book().generate(id, p).unwrap_or_else(|| panic!("no command {id}"))
}

fn kubectl_call(p: &CommandParams, rest: &[&str]) -> Call {
    let mut argv = vec!["kubectl", "--context", &p.kube_context, "-n", &p.namespace];
    argv.extend_from_slice(rest);
    let mut c = call(&argv);
    c.stdin = Some(String::new());
    c
}

const SUFFIX_PROGRAM: &str = "{ k = k $0 } END { n = length(k); if (n == 0) print \"No key found in the Secret. / Secret 中没有该密钥。\"; else if (n < 9) print \"The key is too short to show any of it (8 characters or fewer). / 密钥太短(不超过 8 个字符),不显示任何部分。\"; else print \"****\" substr(k, n - 3) }";

/// `base64 -d` reads the output of the kubectl shim: nothing.
fn base64_decode() -> Call {
    Call {
        stdin: Some(String::new()),
        ..call(&["base64", "-d"])
    }
}

fn kubeconfig_probe() -> Call {
    Call {
        stdin: Some(String::new()),
        ..call(&["kubectl", "config", "current-context"])
    }
}

fn subdomain() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?){0,2}"
}

/// Paths and queries full of shell metacharacters that URLs may legally contain.
fn url_tail() -> impl Strategy<Value = String> {
    "(/[a-z0-9._~%!$&'()*+,;=:@-]{0,8}){0,3}"
}

fn valid_params() -> impl Strategy<Value = CommandParams> {
    let kube = (
        "[A-Za-z0-9][A-Za-z0-9._:@/-]{0,20}",
        "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?",
        subdomain(),
        "([a-z]{1,4}\\.[a-z]{1,4}/)?[a-z][a-z0-9._-]{0,5}[a-z0-9](=|==|!=)[a-z0-9]{0,4}(,[a-z]{1,4}!=[a-z]{1,3})?",
        subdomain(),
        "[-._a-zA-Z0-9]{1,16}",
        "[1-9][0-9]{0,2}[smh]([1-9][0-9]?[sm])?",
    );
    let urls = (
        (
            "https?://[a-z]{1,8}\\.example(:[0-9]{2,4})?",
            url_tail(),
            "(\\?[a-z=&$;'()]{0,8})?",
        ),
        ("https?://[a-z]{1,8}(:[0-9]{2,4})?", url_tail()),
        ("https://[a-z]{1,8}\\.example", url_tail()),
        ("https://status\\.[a-z]{1,8}\\.example", url_tail()),
        "[a-zA-Z_][a-zA-Z0-9_:]{0,20}",
    );
    let window = (1_500_000_000i64..1_900_000_000, 0i64..300_000);
    (kube, urls, window).prop_map(|(k, u, (start, len))| CommandParams {
        kube_context: k.0,
        namespace: k.1,
        deployment: k.2,
        label_selector: k.3,
        secret_name: k.4,
        secret_key: k.5,
        since: k.6,
        public_health_url: format!("{}{}{}", u.0 .0, u.0 .1, u.0 .2),
        public_prometheus_url: format!("{}{}", u.1 .0, u.1 .1),
        vendor_api_url: format!("{}{}", u.2 .0, u.2 .1),
        vendor_status_page: format!("{}{}", u.3 .0, u.3 .1),
        error_metric: u.4,
        incident: Some(IncidentWindow {
            start: Utc.timestamp_opt(start, 0).unwrap(),
            end: Utc.timestamp_opt(start + len, 0).unwrap(),
        }),
        targets: Default::default(),
    })
}

fn join(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%MZ").to_string()
}

/// The calls each line of a command must make: (text, dry run, rollback).
struct Expected {
    text: Vec<Call>,
    dry_run: Option<Vec<Call>>,
    rollback: Option<Vec<Call>>,
}

fn only(text: Vec<Call>) -> Expected {
    Expected {
        text: sorted(text),
        dry_run: None,
        rollback: None,
    }
}

fn expected_calls(id: &str, p: &CommandParams, key: &str) -> Expected {
    let w = p.incident.unwrap();
    let deployment = format!("deployment/{}", p.deployment);
    let status = kubectl_call(p, &["rollout", "status", &deployment, "--timeout=10m"]);
    let jsonpath = format!("jsonpath={{.data.{}}}", p.secret_key.replace('.', "\\."));
    let patch = |dry_run: &[&str], encoded: &str| {
        let mut argv = vec![
            "patch",
            "secret",
            &p.secret_name,
            "--type=merge",
            "--patch-file=/dev/stdin",
        ];
        argv.extend_from_slice(dry_run);
        let mut c = kubectl_call(p, &argv);
        c.stdin = Some(format!("{{\"data\":{{\"{}\":\"{encoded}\"}}}}", p.secret_key));
        c
    };
    // The base64 shim prints nothing, so the patch carries an empty value.
    let prompted = || {
        sorted(vec![
            call(&["stty", "-echo"]),
            call(&["stty", "echo"]),
            call(&["stty", "echo"]),
            Call {
                stdin: Some(key.to_string()),
                ..call(&["base64"])
            },
            call(&["tr", "-d", "\\n"]),
            patch(&[], ""),
        ])
    };
    let set_env = |assignment: &str| {
        let unset = format!("{}-", assignment.split('=').next().unwrap());
        Expected {
            text: sorted(vec![
                kubectl_call(p, &["set", "env", &deployment, assignment]),
                status.clone(),
            ]),
            dry_run: Some(vec![kubectl_call(
                p,
                &["set", "env", &deployment, assignment, "--dry-run=server"],
            )]),
            rollback: Some(sorted(vec![
                kubectl_call(p, &["set", "env", &deployment, &unset]),
                status.clone(),
            ])),
        }
    };
    match id {
        "vendor_status" => only(vec![
            call(&[
                "curl",
                "-sS",
                "--globoff",
                &join(&p.vendor_status_page, "/api/v2/status.json"),
            ]),
            call(&["jq", ".status"]),
        ]),
        "integration_health" => only(vec![
            call(&["curl", "-sS", "--globoff", &p.public_health_url]),
            call(&["jq", ".services.instantly"]),
        ]),
        "error_rate" => only(vec![
            call(&[
                "curl",
                "-sSG",
                "--globoff",
                &join(&p.public_prometheus_url, "/api/v1/query"),
                "--data-urlencode",
                &format!("query=rate({}[5m])", p.error_metric),
            ]),
            call(&["jq", ".data.result"]),
        ]),
        "recent_error_logs" => only(vec![
            kubectl_call(
                p,
                &[
                    "logs",
                    "-l",
                    &p.label_selector,
                    &format!("--since={}", p.since),
                    "--all-containers",
                    "--prefix",
                    "--tail=-1",
                ],
            ),
            call(&["grep", "-i", "error"]),
            call(&["tail", "-n", "20"]),
        ]),
        "verify_api_key" => only(vec![
            kubectl_call(p, &["get", "secret", &p.secret_name, "-o", &jsonpath]),
            base64_decode(),
            call(&["sha256sum"]),
            call(&["cut", "-c1-12"]),
        ]),
        "verify_api_key_suffix" => only(vec![
            kubectl_call(p, &["get", "secret", &p.secret_name, "-o", &jsonpath]),
            base64_decode(),
            call(&["awk", SUFFIX_PROGRAM]),
        ]),
        "rotate_secret" => Expected {
            text: prompted(),
            dry_run: Some(vec![patch(&["--dry-run=server"], "ZHJ5LXJ1bg==")]),
            rollback: Some(prompted()),
        },
        "restart_deployment" => Expected {
            text: sorted(vec![
                kubectl_call(p, &["rollout", "restart", &deployment]),
                status.clone(),
            ]),
            dry_run: Some(vec![kubectl_call(
                p,
                &[
                    "patch",
                    &deployment,
                    "--type=merge",
                    "-p",
                    r#"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"dry-run"}}}}}"#,
                    "--dry-run=server",
                ],
            )]),
            rollback: Some(sorted(vec![
                kubectl_call(p, &["rollout", "undo", &deployment]),
                status.clone(),
            ])),
        },
        "rate_limit_headers" => only(vec![
            call(&["curl", "-sv", "--globoff", &p.vendor_api_url]),
            call(&["grep", "-i", "rate"]),
        ]),
        "queue_mode" => set_env("RATE_LIMIT_MODE=queue"),
        "fallback_on" => set_env("INSTANTLY_FALLBACK=true"),
        "debug_bundle" => only(vec![kubeconfig_probe(), call(&["instantly-debug-bundle.sh"])]),
        "export_logs" => only(vec![kubectl_call(
            p,
            &[
                "logs",
                "-l",
                &p.label_selector,
                "--all-containers",
                "--prefix",
                "--timestamps",
                "--tail=-1",
                &format!("--since-time={}", w.start.to_rfc3339_opts(SecondsFormat::Secs, true)),
            ],
        )]),
        "export_metrics" => {
            let (start, end) = (w.start.timestamp(), w.end.timestamp());
            let step = ((end - start) / 11_000 + 1).max(15);
            only(vec![call(&[
                "curl",
                "-sSG",
                "--globoff",
                &join(&p.public_prometheus_url, "/api/v1/query_range"),
                "--data-urlencode",
                &format!("query={}", p.error_metric),
                "--data-urlencode",
                &format!("start={start}"),
                "--data-urlencode",
                &format!("end={end}"),
                "--data-urlencode",
                &format!("step={step}"),
            ])])
        }
        "health_check" => only(vec![
            call(&["curl", "-sf", "--globoff", &p.public_health_url]),
            call(&["jq", "-ne", "input.services.instantly.status"]),
        ]),
        other => panic!("no expected calls for {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn generated_commands_pass_exact_argv(p in valid_params(), key in "[A-Za-z0-9_.-]{8,40}") {
        let root = Scratch::new("commands");
        let bin = install_shims(&root.0);
        let typed = format!("  {key} \n");
        for id in book().ids().map(|id| id.as_str()) {
            let cmd = generate(id, &p).unwrap_or_else(|e| panic!("{id:?} rejected valid {p:?}: {e:?}"));
            let expected = expected_calls(id, &p, &key);
            let stdin = if id == "rotate_secret" { typed.as_str() } else { "" };
            let run = |line: &str| run_line(&root.0, &bin, line, stdin, &p.kube_context);
            let text_calls = run(&cmd.text);
            prop_assert_eq!(&text_calls, &expected.text, "{:?} text: {}", id, cmd.text);
            prop_assert_eq!(cmd.dry_run.as_deref().map(run), expected.dry_run, "{:?} dry run", id);
            prop_assert_eq!(cmd.rollback.as_deref().map(run), expected.rollback, "{:?} rollback", id);
            for text in [Some(&cmd.text), cmd.dry_run.as_ref(), cmd.rollback.as_ref()].into_iter().flatten() {
                prop_assert!(!text.contains(&key), "{:?} shows the key", id);
                prop_assert!(!text.contains('\n'), "{:?} is not one line", id);
            }
        }
        let export = generate("export_logs", &p).unwrap();
        run_line(&root.0, &bin, &export.text, "", &p.kube_context);
        let logs_file = format!("incident-{}-logs.txt", stamp(p.incident.unwrap().start));
        prop_assert!(root.0.join(&logs_file).exists(), "{logs_file} not written");
    }
}

#[test]
fn debug_bundle_does_not_run_on_another_context() {
    let root = Scratch::new("bundle");
    let bin = install_shims(&root.0);
    let p = CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None);
    let cmd = generate("debug_bundle", &p).unwrap();
    let calls = run_line(&root.0, &bin, &cmd.text, "", "staging");
    assert_eq!(calls, vec![kubeconfig_probe()]);
}

#[test]
fn rotation_without_a_key_changes_nothing() {
    let root = Scratch::new("nokey");
    let bin = install_shims(&root.0);
    let p = CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None);
    let cmd = generate("rotate_secret", &p).unwrap();
    let calls = run_line(&root.0, &bin, &cmd.text, "   \n", "production");
    assert_eq!(
        calls,
        sorted(vec![
            call(&["stty", "-echo"]),
            call(&["stty", "echo"]),
            call(&["stty", "echo"])
        ])
    );
}

fn uses(id: &str) -> &'static [ParamField] {
    use ParamField::*;
    match id {
        "vendor_status" => &[VendorStatusPage],
        "integration_health" | "health_check" => &[PublicHealthUrl],
        "error_rate" => &[PublicPrometheusUrl, ErrorMetric],
        "recent_error_logs" => &[KubeContext, Namespace, LabelSelector, Since],
        "verify_api_key" | "verify_api_key_suffix" | "rotate_secret" => {
            &[KubeContext, Namespace, SecretName, SecretKey]
        }
        "restart_deployment" | "queue_mode" | "fallback_on" => &[KubeContext, Namespace, Deployment],
        "rate_limit_headers" => &[VendorApiUrl],
        "debug_bundle" => &[KubeContext],
        "export_logs" => &[KubeContext, Namespace, LabelSelector],
        "export_metrics" => &[PublicPrometheusUrl, ErrorMetric, IncidentWindow],
        other => panic!("no parameters listed for {other}"),
    }
}

fn field_value(p: &mut CommandParams, field: ParamField) -> (&mut String, fn(&str) -> validate::Checked) {
    fn base_url(v: &str) -> validate::Checked {
        validate::http_url(v)?;
        if v.contains(['?', '#']) {
            Err(runbook_core::i18n::Bilingual::new("query", "query"))
        } else {
            Ok(())
        }
    }
    match field {
        ParamField::KubeContext => (&mut p.kube_context, validate::kube_context),
        ParamField::Namespace => (&mut p.namespace, validate::dns1123_label),
        ParamField::Deployment => (&mut p.deployment, validate::dns1123_subdomain),
        ParamField::LabelSelector => (&mut p.label_selector, validate::label_selector),
        ParamField::SecretName => (&mut p.secret_name, validate::dns1123_subdomain),
        ParamField::SecretKey => (&mut p.secret_key, validate::secret_key),
        ParamField::Since => (&mut p.since, validate::duration),
        ParamField::PublicHealthUrl => (&mut p.public_health_url, validate::http_url),
        ParamField::PublicPrometheusUrl => (&mut p.public_prometheus_url, base_url),
        ParamField::VendorApiUrl => (&mut p.vendor_api_url, validate::http_url),
        ParamField::VendorStatusPage => (&mut p.vendor_status_page, base_url),
        ParamField::ErrorMetric => (&mut p.error_metric, validate::prometheus_name),
        ParamField::IncidentWindow => unreachable!("not a text field"),
    }
}

/// The field's name in the messages: the runbook's own label (commands.json `params`) or the
/// generic one.
fn runbook_label(field: ParamField) -> runbook_core::i18n::Bilingual {
    use runbook_core::i18n::Bilingual;
    match field {
        ParamField::VendorApiUrl => Bilingual::new("Instantly API URL", "Instantly API 地址"),
        ParamField::VendorStatusPage => Bilingual::new("Instantly status page", "Instantly 状态页"),
        other => other.label().into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn invalid_values_give_errors_naming_the_field(
        p in valid_params(),
        broken in prop::sample::subsequence(ParamField::TEXT.to_vec(), 1..4),
        junk in prop::collection::vec(nasty_word(), 4),
    ) {
        let mut p = p;
        let mut invalid = HashSet::new();
        for (field, value) in broken.iter().zip(junk) {
            let (slot, rule) = field_value(&mut p, *field);
            if rule(&value).is_err() {
                *slot = value;
                invalid.insert(*field);
            }
        }
        for id in book().ids().map(|id| id.as_str()) {
            let bad: HashSet<ParamField> = uses(id).iter().copied().filter(|f| invalid.contains(f)).collect();
            match generate(id, &p) {
                Ok(cmd) => prop_assert!(bad.is_empty(), "{:?} generated {} despite {:?}", id, cmd.text, bad),
                Err(errors) => {
                    let named: HashSet<ParamField> = errors.iter().map(|e| e.field).collect();
                    prop_assert_eq!(&named, &bad, "{:?}", id);
                    for e in &errors {
                        let m = e.message();
                        let label = runbook_label(e.field);
                        prop_assert!(m.en.starts_with(&label.en) && m.zh.starts_with(&label.zh), "{:?}", m);
                    }
                }
            }
        }
    }
}

#[test]
fn export_metrics_needs_a_sane_window() {
    let mut p = CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None);
    let fields = |p: &CommandParams| {
        generate("export_metrics", p)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(&p), [ParamField::IncidentWindow]);
    let t = Utc.with_ymd_and_hms(2024, 1, 15, 8, 0, 0).unwrap();
    p.incident = Some(IncidentWindow {
        start: t,
        end: t - chrono::Duration::minutes(1),
    });
    assert_eq!(fields(&p), [ParamField::IncidentWindow]);
    p.incident = Some(IncidentWindow { start: t, end: t });
    assert!(generate("export_metrics", &p).is_ok());
}
