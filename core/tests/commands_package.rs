//! The shipped runbook's commands file: it loads, keeps the command ids that saved incidents and
//! tree.json use, lays out its commands page, and a mistake in it names the file and the line.

#[allow(dead_code)] // each test binary uses part of the shared settings
mod golden_params;

use std::collections::HashSet;

use chrono::{TimeZone, Utc};
use runbook_core::commands::page::LinkTarget;
use runbook_core::commands::{parse_commands, CommandBook, CommandParams, IncidentWindow, ParamField, ParamOverrides};

const FILE: &str = "content/instantly/commands.json";

fn source() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/instantly/commands.json");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn book() -> CommandBook {
    parse_commands(FILE, &source())
        .unwrap_or_else(|e| panic!("{}", e.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")))
}

/// Stored in saved incidents and named by tree.json: these never change.
const IDS: [&str; 15] = [
    "vendor_status",
    "integration_health",
    "error_rate",
    "recent_error_logs",
    "verify_api_key",
    "verify_api_key_suffix",
    "rotate_secret",
    "restart_deployment",
    "rate_limit_headers",
    "queue_mode",
    "fallback_on",
    "debug_bundle",
    "export_logs",
    "export_metrics",
    "health_check",
];

fn default_params() -> CommandParams {
    CommandParams::new(&golden_params::shipped_config(), &ParamOverrides::default(), None)
}

#[test]
fn the_ids_stay_the_same_and_the_page_shows_each_command_once_in_order() {
    let book = book();
    let ids: Vec<&str> = book.ids().map(|id| id.as_str()).collect();
    assert_eq!(ids, IDS);
    let shown: Vec<&str> = book.page().commands().map(|id| id.as_str()).collect();
    assert_eq!(shown, IDS);
    assert_eq!(book.triage_command().map(|id| id.as_str()), Some("recent_error_logs"));
    let groups: Vec<&str> = book.page().all_groups().map(|g| g.id.as_str()).collect();
    assert_eq!(
        groups,
        [
            "triage",
            "actions",
            "auth",
            "rate_limited",
            "vendor",
            "evidence",
            "examples"
        ]
    );
}

#[test]
fn the_page_holds_the_runbooks_notes_and_error_handling_table() {
    let book = book();
    let page = book.page();
    let notes: Vec<(&str, Option<LinkTarget>)> = page
        .all_groups()
        .flat_map(|g| &g.notes)
        .map(|n| (n.text.en.as_str(), n.link.as_ref().map(|l| l.to)))
        .collect();
    assert_eq!(
        notes,
        [
            ("Check if the key was rotated:", Some(LinkTarget::VendorDashboard)),
            ("Long-term: contact Instantly for a limit increase.", None),
            (
                "Notify users of the degraded service and update the status page:",
                Some(LinkTarget::Comms)
            ),
            ("Monitor Instantly status for resolution:", Some(LinkTarget::Triage)),
        ]
    );
    let issues: Vec<&str> = page.failures.iter().map(|f| f.issue.en.as_str()).collect();
    assert_eq!(
        issues,
        [
            "Can't reach status page",
            "kubectl fails",
            "Metrics unavailable",
            "Secret rotation fails"
        ]
    );
    assert_eq!(page.failures[3].solution.zh, "上报管理员处理");
    assert!(page.groups[1].wizard_link && page.groups[2].evidence_panel);
}

#[test]
fn every_mutating_command_has_a_preview_a_rollback_and_a_warning() {
    let book = book();
    let mut p = default_params();
    p.incident = Some(IncidentWindow {
        start: Utc.with_ymd_and_hms(2024, 1, 15, 6, 30, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2024, 1, 15, 8, 45, 30).unwrap(),
    });
    let mut mutating = 0;
    for (id, result) in book.all(&p) {
        let cmd = result.unwrap_or_else(|e| panic!("{id}: {e:?}"));
        assert_eq!(cmd.mutating, book.get(id.as_str()).unwrap().mutating);
        assert_eq!(cmd.mutating, cmd.dry_run.is_some(), "{id}");
        assert_eq!(cmd.mutating, cmd.rollback.is_some(), "{id}");
        assert_eq!(cmd.mutating, cmd.warning.is_some(), "{id}");
        mutating += usize::from(cmd.mutating);
        for line in [Some(&cmd.text), cmd.dry_run.as_ref(), cmd.rollback.as_ref()]
            .into_iter()
            .flatten()
        {
            let calls = line.matches("kubectl ").count();
            let scoped = line.matches("kubectl --context production -n default ").count();
            let kubeconfig_only = line.matches("kubectl config ").count();
            assert_eq!(calls, scoped + kubeconfig_only, "{id}: {line}");
        }
    }
    assert_eq!(mutating, 4);
}

#[test]
fn errors_use_the_runbooks_own_labels() {
    let book = book();
    let mut p = default_params();
    p.vendor_api_url = "ftp://api".into();
    p.namespace = "Prod; rm -rf /".into();
    let error = &book.generate("rate_limit_headers", &p).unwrap().unwrap_err()[0];
    assert_eq!(error.field, ParamField::VendorApiUrl);
    let m = error.message();
    assert!(
        m.en.starts_with("Instantly API URL: must be an http(s) URL"),
        "{}",
        m.en
    );
    assert!(m.zh.starts_with("Instantly API 地址:"), "{}", m.zh);
    assert_eq!(book.label(ParamField::VendorStatusPage).en, "Instantly status page");
    let errors = book.generate("restart_deployment", &p).unwrap().unwrap_err();
    assert_eq!(errors[0].message().en.split(':').next(), Some("Namespace"));
}

#[test]
fn every_command_the_tree_names_is_declared() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/instantly/tree.json");
    let tree: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut named = HashSet::new();
    for node in tree["nodes"].as_array().unwrap() {
        for action in node["actions"].as_array().into_iter().flatten() {
            if let Some(id) = action["command"].as_str() {
                named.insert(id.to_string());
            }
        }
    }
    assert!(named.len() >= 8, "{named:?}");
    let book = book();
    for id in &named {
        assert!(book.get(id).is_some(), "tree.json names {id}");
    }
}

#[test]
fn the_book_survives_the_builds_json_round_trip() {
    let book = book();
    let json = serde_json::to_string(&book).unwrap();
    let back: CommandBook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, book);
    let p = default_params();
    assert_eq!(back.all(&p), book.all(&p));
}

/// The shipped file with one edit, loaded: every problem's message.
fn broken(find: &str, replace: &str) -> Vec<String> {
    let text = source();
    assert!(text.contains(find), "{find}");
    let edited = text.replacen(find, replace, 1);
    match parse_commands(FILE, &edited) {
        Ok(_) => panic!("loaded with {replace}"),
        Err(errors) => errors.iter().map(|e| e.message().en).collect(),
    }
}

fn line_of(needle: &str) -> usize {
    let text = source();
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_mistake_names_the_file_the_line_and_the_command() {
    let line = line_of("\"--since={since}\"");
    assert_eq!(
        broken("\"--since={since}\"", "\"--selector=\\\"{since}\\\"\""),
        [format!("{FILE}:{line}: command \"recent_error_logs\": word \"--selector=\\\"{{since}}\\\"\" joins {{since}} to '\"': a placeholder is a whole word or joined only to letters, digits and _@%+=:,./-()[] (no quotes or shell syntax around a value)")]
    );
    let line = line_of("\"{vendor_api_url}\"");
    let found = broken("\"{vendor_api_url}\"", "\"{vendor_url}\"");
    assert!(
        found[0].starts_with(&format!(
            "{FILE}:{line}: command \"rate_limit_headers\": unknown placeholder {{vendor_url}}"
        )),
        "{found:?}"
    );
    let found = broken("\"step\": \"secret_last4\"", "\"step\": \"secret_show\"");
    assert!(found[0].contains("unknown step kind \"secret_show\""), "{found:?}");
    let found = broken(
        "\"dry_run\": [\n        {\"step\": \"secret_patch_preview\"}\n      ],",
        "",
    );
    assert!(
        found[0].contains("command \"rotate_secret\": a mutating command needs a dry_run"),
        "{found:?}"
    );
}
