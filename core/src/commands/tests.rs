//! The engine on a small synthetic commands file: generation, validation of values, and the
//! templates the loader refuses. The shipped runbooks are tested in core/tests/.

use chrono::DateTime;

use super::*;
use crate::config::DeployConfig;

/// A made-up runbook "acme": one read, one change with its preview and rollback, one export.
const ACME: &str = r#"{
  "triage_command": "tail_logs",
  "params": { "vendor_api_url": { "label": { "en": "Acme API URL", "zh": "Acme API 地址" } } },
  "commands": [
    {
      "id": "tail_logs",
      "kind": "read",
      "title": { "en": "Tail logs", "zh": "查看日志" },
      "purpose": { "en": "Logs.", "zh": "日志。" },
      "run": [
        { "step": "kubectl", "args": ["logs", ["-l", "{label_selector}"], "--since={since}"] },
        "|",
        { "step": "exec", "argv": ["grep", "-i", "error"] }
      ]
    },
    {
      "id": "scale_up",
      "kind": "mutating",
      "title": { "en": "Scale up", "zh": "扩容" },
      "purpose": { "en": "Three replicas.", "zh": "三个副本。" },
      "warning": { "en": "Adds pods.", "zh": "会增加 pod。" },
      "run": [
        { "step": "kubectl", "args": ["scale", "deployment/{deployment}", "--replicas=3"] },
        "&&",
        { "step": "kubectl", "args": ["rollout", "status", "deployment/{deployment}"] }
      ],
      "dry_run": [{ "step": "kubectl", "args": ["scale", "deployment/{deployment}", "--replicas=3", "--dry-run=server"] }],
      "rollback": [{ "step": "kubectl", "args": ["rollout", "undo", "deployment/{deployment}"] }]
    },
    {
      "id": "ping_api",
      "kind": "read",
      "title": { "en": "Ping", "zh": "探测" },
      "purpose": { "en": "Ping.", "zh": "探测。" },
      "run": [{ "step": "exec", "argv": ["curl", "-sS", "{vendor_api_url}", "--max-time", "5"], "stderr": "stdout" }]
    },
    {
      "id": "query",
      "kind": "read",
      "title": { "en": "Query", "zh": "查询" },
      "purpose": { "en": "Query.", "zh": "查询。" },
      "run": [{ "step": "exec", "argv": ["curl", "-sSG", "{public_prometheus_url}/api/v1/query_range",
        ["--data-urlencode", "query=rate({error_metric}[5m])"], ["--data-urlencode", "start={incident_start:unix}"],
        ["--data-urlencode", "step={incident_step}"]], "stdout_to": "acme-{incident_start:stamp}.json" }]
    },
    {
      "id": "export",
      "kind": "read",
      "title": { "en": "Export", "zh": "导出" },
      "purpose": { "en": "Export.", "zh": "导出。" },
      "run": [{ "step": "kubectl", "args": ["logs", ["-l", "{label_selector}"],
        { "incident": "--since-time={incident_start:rfc3339}", "otherwise": "--since=1h" }],
        "stdout_to": { "incident": "acme-{incident_start:stamp}.log", "otherwise": "acme.log" } }]
    }
  ],
  "page": {
    "groups": [
      { "id": "look", "title": { "en": "Look", "zh": "查看" }, "commands": ["tail_logs", "ping_api"],
        "sections": [{ "id": "auth", "error_type": "auth", "title": { "en": "Auth", "zh": "认证" }, "commands": ["scale_up"],
          "notes": [{ "text": { "en": "See", "zh": "见" }, "link": { "to": "comms", "text": { "en": "comms", "zh": "沟通" } } }] }] }
    ],
    "failures": [{ "issue": { "en": "I", "zh": "问" }, "cause": { "en": "C", "zh": "因" }, "solution": { "en": "S", "zh": "解" } }]
  }
}"#;

fn acme() -> CommandBook {
    parse_commands("content/acme/commands.json", ACME).unwrap_or_else(|e| panic!("{e:?}"))
}

fn window() -> IncidentWindow {
    let start = DateTime::from_timestamp(1_705_300_200, 0).unwrap();
    IncidentWindow {
        start,
        end: start + chrono::Duration::hours(2),
    }
}

fn params(incident: Option<IncidentWindow>) -> CommandParams {
    CommandParams::new(&DeployConfig::sample(), &ParamOverrides::default(), incident)
}

fn text(book: &CommandBook, id: &str, p: &CommandParams) -> String {
    book.generate(id, p).unwrap().unwrap().text
}

#[test]
fn templates_render_with_quoted_checked_values() {
    let book = acme();
    let mut p = params(Some(window()));
    p.label_selector = "tier in (a,b)".into();
    assert_eq!(
        text(&book, "tail_logs", &p),
        "kubectl --context staging-eu -n mail logs -l 'tier in (a,b)' --since=5m | grep -i error"
    );
    let scale = book.generate("scale_up", &p).unwrap().unwrap();
    assert!(scale.mutating && scale.warning.is_some());
    assert_eq!(
        scale.dry_run.as_deref(),
        Some("kubectl --context staging-eu -n mail scale deployment/mail-sync --replicas=3 --dry-run=server")
    );
    assert!(scale
        .text
        .contains(" && kubectl --context staging-eu -n mail rollout status "));
    p.public_prometheus_url = "http://prom:9090//".into();
    assert_eq!(
        text(&book, "query", &p),
        "curl -sSG http://prom:9090/api/v1/query_range --data-urlencode 'query=rate(vendor_errors_total[5m])' --data-urlencode start=1705300200 --data-urlencode step=15 > acme-20240115T0630Z.json"
    );
    assert!(text(&book, "ping_api", &p).ends_with("--max-time 5 2>&1"));
    assert_eq!(book.triage_command().map(CommandId::as_str), Some("tail_logs"));
    assert!(book.generate("rm_rf", &p).is_none());
}

#[test]
fn conditional_words_follow_the_incident() {
    let book = acme();
    assert!(text(&book, "export", &params(Some(window())))
        .ends_with("--since-time=2024-01-15T06:30:00Z > acme-20240115T0630Z.log"));
    assert!(text(&book, "export", &params(None)).ends_with("--since=1h > acme.log"));
    let errors = book.generate("query", &params(None)).unwrap().unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        [ParamField::IncidentWindow]
    );
}

#[test]
fn overrides_replace_config_values() {
    let overrides = ParamOverrides {
        namespace: Some("payments".into()),
        since: Some("15m".into()),
        ..Default::default()
    };
    let p = CommandParams::new(&DeployConfig::sample(), &overrides, None);
    assert_eq!(
        (p.namespace.as_str(), p.since.as_str(), p.kube_context.as_str()),
        ("payments", "15m", "staging-eu")
    );
    assert_eq!(params(None).since, DEFAULT_SINCE);
}

#[test]
fn an_invalid_value_names_its_field_and_yields_no_command() {
    let book = acme();
    let mut p = params(Some(window()));
    p.namespace = "Prod; rm -rf /".into();
    p.deployment = "$(reboot)".into();
    let errors = book.generate("scale_up", &p).unwrap().unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, [ParamField::Namespace, ParamField::Deployment]);
    let message = errors[0].message();
    assert!(
        message.en.starts_with("Namespace: must be a DNS-1123 label"),
        "{}",
        message.en
    );
    assert!(message.en.contains("config.json (kube.namespace)"));
    assert!(
        message.zh.starts_with("命名空间:必须是 DNS-1123 标签"),
        "{}",
        message.zh
    );
    assert!(book.generate("ping_api", &p).unwrap().is_ok());

    p.vendor_api_url = "ftp://x".into();
    let error = &book.generate("ping_api", &p).unwrap().unwrap_err()[0];
    assert!(
        error.message().en.starts_with("Acme API URL: must be an http(s) URL"),
        "{:?}",
        error.message()
    );
    assert_eq!(book.label(ParamField::VendorApiUrl).zh, "Acme API 地址");
    assert_eq!(book.label(ParamField::VendorStatusPage).en, "Vendor status page");
}

#[test]
fn base_urls_reject_queries() {
    let mut p = params(Some(window()));
    p.public_prometheus_url = "http://prom:9090/?x=1".into();
    let errors = acme().generate("query", &p).unwrap().unwrap_err();
    assert_eq!(errors[0].field, ParamField::PublicPrometheusUrl);
    assert!(errors[0].problem.en.contains("without '?'"));
}

#[test]
fn a_target_outside_the_allow_lists_gets_read_only_commands_only() {
    let book = acme();
    let mut config = DeployConfig::sample();
    config.kube.allowed_namespaces = Some(vec!["payments".into(), "mail".into()]);
    config.kube.allowed_contexts = Some(vec![config.kube.context.clone()]);
    let allowed = CommandParams::new(&config, &ParamOverrides::default(), Some(window()));
    assert!(allowed.target_refusals().is_empty());
    assert!(book.generate("scale_up", &allowed).unwrap().is_ok());

    let from_alert = ParamOverrides {
        namespace: Some("attacker-ns".into()),
        kube_context: Some("other-cluster".into()),
        ..Default::default()
    };
    let outside = CommandParams::new(&config, &from_alert, Some(window()));
    for (id, result) in book.all(&outside) {
        let mutating = book.get(id.as_str()).unwrap().mutating;
        assert_eq!(result.is_err(), mutating, "{id}");
        if let Err(errors) = result {
            let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, [ParamField::KubeContext, ParamField::Namespace], "{id}");
        }
    }
    let message = outside.target_refusals()[1].message();
    assert!(
        message.en.starts_with(
            "Namespace: \"attacker-ns\" is not in config.json's kube.allowed_namespaces (payments, mail), so only read-only commands are shown"
        ),
        "{}",
        message.en
    );
    assert!(message
        .zh
        .contains("不在 config.json 的 kube.allowed_namespaces(payments, mail)中"));
}

#[test]
fn the_page_is_content() {
    let book = acme();
    let page = book.page();
    let shown: Vec<&str> = page.commands().map(CommandId::as_str).collect();
    assert_eq!(shown, ["tail_logs", "ping_api", "scale_up"]);
    let auth = &page.groups[0].sections[0];
    assert_eq!(auth.error_type, Some(crate::tree::ErrorType::Auth));
    assert_eq!(auth.notes[0].link.as_ref().map(|l| l.to), Some(page::LinkTarget::Comms));
    assert_eq!(page.failures[0].solution.zh, "解");
}

#[test]
fn the_book_round_trips_through_json() {
    let book = acme();
    let json = serde_json::to_string(&book).unwrap();
    let back: CommandBook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, book);
    let p = params(Some(window()));
    assert_eq!(back.all(&p), book.all(&p));
    assert_eq!(RenderedCommands::render(&book).book(), Ok(book));
    assert_eq!(RenderedCommands::default().book(), Ok(CommandBook::default()));
}

/// ACME with `find` replaced by `replace` (once), loaded: its problems' messages.
fn broken(find: &str, replace: &str) -> Vec<String> {
    assert!(ACME.contains(find), "{find}");
    let json = ACME.replacen(find, replace, 1);
    match parse_commands("content/acme/commands.json", &json) {
        Ok(_) => panic!("loaded with {replace}"),
        Err(errors) => errors.iter().map(|e| e.message().en).collect(),
    }
}

fn assert_refused(find: &str, replace: &str, expected: &str) {
    let messages = broken(find, replace);
    assert!(
        messages.iter().any(|m| m.contains(expected)),
        "{replace}: {messages:#?}"
    );
}

#[test]
fn unsafe_templates_are_refused_with_file_line_and_command() {
    let messages = broken("\"--since={since}\"", "\"--selector='{label_selector}'\"");
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("content/acme/commands.json:11: command \"tail_logs\": word \"--selector='{label_selector}'\" joins {label_selector} to '\\''"),
        "{}",
        messages[0]
    );
    let zh = parse_commands("f.json", &ACME.replacen("{since}", "{sinse}", 1)).unwrap_err()[0]
        .message()
        .zh;
    assert!(
        zh.starts_with("f.json:11:命令 \"tail_logs\":未知的占位符 {sinse}"),
        "{zh}"
    );

    assert_refused(
        "\"--since={since}\"",
        "\"\\\"--selector=$ns\\\"\"",
        "contains '$' or '`'",
    );
    assert_refused(
        "\"--since={since}\"",
        "\"\\\"--selector={label_selector}\\\"\"",
        "no quotes or shell syntax",
    );
    assert_refused(
        "\"|\",\n        { \"step\": \"exec\"",
        "\"{namespace}\",\n        { \"step\": \"exec\"",
        "a placeholder cannot stand where an operator belongs",
    );
    assert_refused(
        "\"grep\", \"-i\", \"error\"",
        "\"grep\", \"error\", \"|\", \"tail\"",
        "is shell syntax",
    );
    assert_refused(
        "\"step\": \"exec\", \"argv\": [\"grep\"",
        "\"step\": \"shell\", \"argv\": [\"grep\"",
        "unknown step kind \"shell\"",
    );
    assert_refused(
        "[\"grep\", \"-i\"",
        "[\"sh\", \"-c\"",
        "runs its arguments as shell code",
    );
    assert_refused("[\"grep\", \"-i\"", "[\"{namespace}\", \"-i\"", "must be a plain name");
    assert_refused(
        "[\"grep\", \"-i\"",
        "[\"kubectl\", \"-i\"",
        "run kubectl as a \"kubectl\" step",
    );
    assert_refused(
        "\"{label_selector}\"]",
        "\"{label_selector}\"], \"-n\", \"x\"",
        "may not set -n",
    );
    assert_refused(
        "[\"logs\", [\"-l\"",
        "[\"get\", \"secret\", [\"-l\"",
        "may not touch Secrets",
    );
    assert_refused(
        "\"--replicas=3\", \"--dry-run=server\"",
        "\"--replicas=3\"",
        "the dry run would really run kubectl scale",
    );
    assert_refused(
        "\"kind\": \"mutating\"",
        "\"kind\": \"read\"",
        "a read command has no dry_run",
    );
    assert_refused(
        "\"--since={since}\"",
        "\"--since={since}\", \"{public_health_url}x\"",
        "nothing may follow this URL",
    );
    assert_refused(
        "\"otherwise\": \"--since=1h\"",
        "\"otherwise\": \"--since-time={incident_start:rfc3339}\"",
        "is in the \"otherwise\" branch",
    );
    assert_refused(
        "\"acme.log\"",
        "\"../acme.log\"",
        "must be a file name in the current directory",
    );
    assert_refused(
        "\"commands\": [\"scale_up\"]",
        "\"commands\": [\"scale_down\"]",
        "lists the unknown command \"scale_down\"",
    );
    assert_refused(
        "\"commands\": [\"scale_up\"]",
        "\"commands\": [\"tail_logs\"]",
        "is on the page twice",
    );
    assert_refused(
        "\"triage_command\": \"tail_logs\"",
        "\"triage_command\": \"tail\"",
        "triage_command names the unknown command",
    );
    assert_refused("\"zh\": \"查看日志\"", "\"zh\": \" \"", "title.zh is empty");
    assert_refused(
        "\"params\": { \"vendor_api_url\"",
        "\"params\": { \"vendor_key\"",
        "unknown parameter \"vendor_key\"",
    );
}

#[test]
fn a_mutating_command_needs_a_dry_run_a_rollback_and_a_warning() {
    let messages = broken("\"warning\": { \"en\": \"Adds pods.\", \"zh\": \"会增加 pod。\" },", "");
    assert!(
        messages[0].contains("command \"scale_up\": a mutating command needs a warning"),
        "{messages:?}"
    );
    let start = ACME.find("\"dry_run\"").unwrap();
    let end = ACME.find("\"rollback\"").unwrap();
    let json = format!("{}{}", &ACME[..start], &ACME[end..]);
    let errors = parse_commands("x.json", &json).unwrap_err();
    assert!(
        errors[0].message().en.contains("a mutating command needs a dry_run"),
        "{errors:?}"
    );
}

#[test]
fn a_read_command_that_changes_the_cluster_is_refused() {
    assert_refused(
        "[\"logs\", [\"-l\"",
        "[\"delete\", [\"-l\"",
        "kubectl delete changes the cluster",
    );
    assert_refused(
        "\"args\": [\"logs\", [\"-l\"",
        "\"args\": [[\"-l\"",
        "needs a subcommand",
    );
}

#[test]
fn special_steps_stand_alone_and_check_their_variable() {
    let with = |step: &str| {
        ACME.replacen(
            "{ \"step\": \"exec\", \"argv\": [\"grep\", \"-i\", \"error\"] }",
            step,
            1,
        )
    };
    let errors = parse_commands("x.json", &with("{ \"step\": \"secret_last4\" }")).unwrap_err();
    assert!(errors[0]
        .message()
        .en
        .contains("a secret_last4 step is a whole line of its own"));
    let prompt = |variable: &str| {
        format!(
            "{{ \"id\": \"rotate\", \"kind\": \"mutating\", \"title\": {{ \"en\": \"R\", \"zh\": \"轮\" }}, \"purpose\": {{ \"en\": \"R\", \"zh\": \"轮\" }}, \"warning\": {{ \"en\": \"W\", \"zh\": \"警\" }}, \"run\": [{{ \"step\": \"secret_prompt_patch\", \"variable\": \"{variable}\", \"prompt\": {{ \"en\": \"New key\", \"zh\": \"新密钥\" }} }}], \"dry_run\": [{{ \"step\": \"secret_patch_preview\" }}], \"rollback\": [{{ \"step\": \"secret_prompt_patch\", \"variable\": \"{variable}\", \"prompt\": {{ \"en\": \"Old key\", \"zh\": \"旧密钥\" }} }}] }},\n    {{\n      \"id\": \"tail_logs\","
        )
    };
    let json = ACME.replacen("{\n      \"id\": \"tail_logs\",", &prompt("ACME_KEY"), 1);
    let book = parse_commands("x.json", &json).unwrap();
    let rotate = book.generate("rotate", &params(None)).unwrap().unwrap();
    assert!(rotate.text.starts_with("( trap 'stty echo' EXIT;"));
    assert!(rotate
        .text
        .contains("printf '%s' 'New key / 新密钥: ' >&2; stty -echo; read -r ACME_KEY;"));
    assert!(rotate
        .dry_run
        .unwrap()
        .ends_with("--patch-file=/dev/stdin --dry-run=server"));
    for bad in ["PATH", "IFS", "KEY_BASE64", "LD_PRELOAD", "acme_key", "A B", "A$(x)"] {
        let json = ACME.replacen("{\n      \"id\": \"tail_logs\",", &prompt(bad), 1);
        let errors = parse_commands("x.json", &json).unwrap_err();
        assert!(errors[0].message().en.contains("variable"), "{bad}: {errors:?}");
    }
}

#[test]
fn a_malformed_file_names_its_line_and_column() {
    let errors = parse_commands(
        "x.json",
        &ACME.replacen("\"kind\": \"read\",", "\"kind\": \"reed\",", 1),
    )
    .unwrap_err();
    let m = errors[0].message().en;
    assert!(m.starts_with("x.json:7: is not a valid commands file (column"), "{m}");
    assert!(m.contains("unknown variant `reed`"), "{m}");
    let errors = parse_commands("x.json", &ACME.replacen("\"purpose\"", "\"porpose\"", 1)).unwrap_err();
    assert!(errors[0].message().en.contains("unknown field `porpose`"), "{errors:?}");
}
