//! Exact text of every generated command for fixed parameters.

mod golden_params;
mod support;

use chrono::{TimeZone, Utc};
use runbook_core::commands::{CommandParams, GeneratedCommand, IncidentWindow, ParamOverrides};

fn window() -> IncidentWindow {
    IncidentWindow {
        start: Utc.with_ymd_and_hms(2024, 1, 15, 6, 30, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2024, 1, 15, 8, 45, 30).unwrap(),
    }
}

fn section(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        out.push_str(&format!("{name}:\n{v}\n"));
    }
}

fn render(cmd: &GeneratedCommand) -> String {
    let mut out = format!("=== {} (mutating: {}) ===\n", cmd.id.as_str(), cmd.mutating);
    out.push_str(&format!("title: {} / {}\n", cmd.title.en, cmd.title.zh));
    out.push_str(&format!(
        "purpose.en: {}\npurpose.zh: {}\n",
        cmd.purpose.en, cmd.purpose.zh
    ));
    if let Some(w) = &cmd.warning {
        out.push_str(&format!("warning.en: {}\nwarning.zh: {}\n", w.en, w.zh));
    }
    section(&mut out, "text", Some(&cmd.text));
    section(&mut out, "dry_run", cmd.dry_run.as_deref());
    section(&mut out, "rollback", cmd.rollback.as_deref());
    out
}

fn render_all(params: &CommandParams) -> String {
    golden_params::shipped_commands()
        .all(params)
        .into_iter()
        .map(|(id, result)| match result {
            Ok(cmd) => render(&cmd),
            Err(errors) => {
                let messages: Vec<String> = errors
                    .iter()
                    .map(|e| format!("{}\n{}\n", e.message().en, e.message().zh))
                    .collect();
                format!("=== {} (no command) ===\n{}", id.as_str(), messages.concat())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn golden_commands_from_default_config() {
    let params = CommandParams::new(
        &golden_params::shipped_config(),
        &ParamOverrides::default(),
        Some(window()),
    );
    support::assert_golden("commands_default.txt", &render_all(&params));
}

#[test]
fn golden_commands_with_overrides_and_no_incident() {
    let overrides = golden_params::golden_overrides();
    let params = CommandParams::new(&golden_params::shipped_config(), &overrides, None);
    let text = render_all(&params);
    support::assert_golden("commands_overrides.txt", &text);
    let export = golden_params::shipped_commands().generate("export_metrics", &params);
    assert!(export.unwrap().is_err());
}
