use super::super::tests::{acme, EN, MANIFEST, ZH};
use super::*;
use crate::messages::test_templates::TEST_TEMPLATES_JSON;
use crate::tree::TEST_TREE_JSON;

fn library() -> Vec<String> {
    vec!["acme".into(), "acme-data".into()]
}

/// A commands file with one command, `recent_error_logs`.
const COMMANDS: &str = r#"{
  "commands": [
    {
      "id": "recent_error_logs",
      "kind": "read",
      "title": { "en": "Tail logs", "zh": "查看日志" },
      "purpose": { "en": "Logs.", "zh": "日志。" },
      "run": [{ "step": "kubectl", "args": ["logs", ["-l", "{label_selector}"], "--since={since}"] }]
    }
  ]
}
"#;

/// The findings as `file:line: level: message` lines.
fn findings(change: impl FnOnce(&mut RunbookSource)) -> Vec<String> {
    let mut source = acme();
    change(&mut source);
    check(&source, &library()).iter().map(ToString::to_string).collect()
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn a_good_package_has_no_findings() {
    assert_eq!(findings(|_| {}), Vec::<String>::new());
}

#[test]
fn a_link_to_a_runbook_outside_the_library_is_a_warning() {
    let found = check(&acme(), &["acme".to_string()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].level, Level::Warning);
    assert_eq!(
        (found[0].file.as_str(), found[0].line),
        ("manifest.json", line_of(MANIFEST, "\"links\""))
    );
    assert!(found[0].message.contains("\"acme-data\""), "{}", found[0].message);
}

#[test]
fn json_syntax_and_unknown_fields_name_the_line_and_column() {
    // An unknown field does not hide the manifest's other mistakes.
    let broken = MANIFEST
        .replacen("  \"source\"", "  \"sauce\": \"typo\",\n  \"source\"", 1)
        .replacen("2026-01-02", "soon", 1);
    assert_eq!(
        findings(|s| s.manifest = broken.clone()),
        [
            format!(
                "manifest.json:{}: error: reviewed date \"soon\" is not a date; write it as YYYY-MM-DD",
                line_of(&broken, "\"reviewed\"")
            ),
            format!(
                "manifest.json:{}: error: unknown field `sauce`; a manifest has {}",
                line_of(&broken, "\"sauce\""),
                manifest::FIELDS.join(", ")
            ),
        ]
    );
    // The list is the struct's: serde names the same fields.
    let serde = serde_json::from_str::<Manifest>(&broken).unwrap_err().to_string();
    let listed = manifest::FIELDS
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(serde.contains(&listed), "{serde}");
    let missing = MANIFEST
        .replacen("  \"source\": \"seed.txt\",\n", "", 1)
        .replacen("\"id\"", "\"idd\"", 1);
    let found = findings(|s| s.manifest = missing.clone());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("manifest.json:1: error: missing field `id`"),
        "{found:?}"
    );
    let tree = TEST_TREE_JSON.replacen("\"signal\": \"error_type\",", "\"signal\": \"error_type\"", 1);
    assert_eq!(
        findings(|s| s.tree = tree.clone()),
        [format!(
            "tree.json:{}: error: expected `,` or `}}` (column 7)",
            line_of(&tree, "\"signal\": \"error_type\"") + 1
        )]
    );
    // Inside a node serde_json reports the node's end; the check finds the field's own line.
    let typo = TEST_TREE_JSON.replacen("\"next_step\": { \"en\": \"Find", "\"next_stop\": { \"en\": \"Find", 1);
    let found = findings(|s| s.tree = typo.clone());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!(
            "tree.json:{}: error: unknown field `next_stop`",
            line_of(&typo, "next_stop")
        )),
        "{found:?}"
    );
}

#[test]
fn manifest_rules_point_at_their_key_or_item() {
    let manifest = MANIFEST
        .replacen("2026-01-02", "soon", 1)
        .replacen("\"AcmeSlow\"", "\"AcmeDown\"", 1)
        .replacen("\"level\": \"P2\"", "\"level\": \"P1\"", 1);
    let found = findings(|s| s.manifest = manifest.clone());
    let sev = manifest
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"level\""))
        .nth(1)
        .unwrap()
        .0;
    assert_eq!(
        found,
        [
            format!(
                "manifest.json:{}: error: alert \"AcmeDown\" is listed twice",
                line_of(&manifest, "\"alerts\"")
            ),
            format!(
                "manifest.json:{}: error: reviewed date \"soon\" is not a date; write it as YYYY-MM-DD",
                line_of(&manifest, "\"reviewed\"")
            ),
            // The item of the list: its opening brace is on the line before "level".
            format!("manifest.json:{sev}: error: severity P1 is defined more than once"),
        ]
    );
}

#[test]
fn sections_must_pair_across_languages() {
    let zh = ZH.replace("{#rate}", "{#rate-limit}");
    let found = findings(|s| s.zh = zh.clone());
    assert_eq!(
        found,
        [
            format!(
                "runbook.en.md:{}: error: sub-heading of {{#actions}} {{#rate}} is not in runbook.zh.md: both languages need the same ids",
                line_of(EN, "{#rate}")
            ),
            format!(
                "runbook.zh.md:{}: error: sub-heading of {{#actions}} {{#rate-limit}} is not in runbook.en.md: both languages need the same ids",
                line_of(&zh, "{#rate-limit}")
            ),
        ]
    );
    let swapped = ZH
        .replace("## 分诊 {#triage}", "## 分诊 {#tmp}")
        .replace("## 资源 {#resources}", "## 资源 {#triage}")
        .replace("{#tmp}", "{#resources}");
    let found = findings(|s| s.zh = swapped.clone());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!(
            "runbook.zh.md:{}: error: section {{#resources}} is where",
            line_of(&swapped, "{#resources}")
        )),
        "{found:?}"
    );
}

#[test]
fn document_problems_and_titles_name_their_line() {
    let found = findings(|s| s.en = EN.replace("## Actions {#actions}", "## Actions"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!(
            "runbook.en.md:{}: error: heading \"Actions\" has no id",
            line_of(EN, "## Actions")
        )),
        "{found:?}"
    );
    let found = findings(|s| s.zh = ZH.replacen("# 艾克米运行手册", "\n\n# 别的标题", 1));
    assert_eq!(
        found,
        ["runbook.zh.md:3: error: the title \"别的标题\" differs from the manifest's zh title \"艾克米运行手册\"; make them the same"]
    );
}

#[test]
fn untranslated_text_is_an_error_on_the_chinese_line() {
    let tree = TEST_TREE_JSON.replacen(
        "\"zh\": \"我方服务是否正常?\"",
        "\"zh\": \"Is our service healthy?\"",
        1,
    );
    let zh = ZH.replace("## 分诊 {#triage}", "## Triage {#triage}");
    let found = findings(|s| {
        s.tree = tree.clone();
        s.zh = zh.clone();
    });
    assert_eq!(
        found,
        [
            format!(
                "runbook.zh.md:{}: error: heading \"Triage\" is the same as in runbook.en.md (line {}): translate it",
                line_of(&zh, "## Triage"),
                line_of(EN, "## Triage")
            ),
            format!(
                "tree.json:{}: error: \"Is our service healthy?\" is the same in English and Chinese: translate it",
                line_of(&tree, "Is our service healthy?")
            ),
        ]
    );
    let blank = TEST_TEMPLATES_JSON.replacen("\"zh\": \"集成问题\"", "\"zh\": \" \"", 1);
    let found = findings(|s| s.messages = blank.clone());
    assert_eq!(
        found,
        [format!(
            "messages.json:{}: error: the Chinese text is empty",
            line_of(&blank, "\"other\"")
        )]
    );
}

#[test]
fn the_vendors_name_may_read_the_same_in_both_languages() {
    let manifest = MANIFEST.replacen("\"zh\": \"艾克米\"", "\"zh\": \"Acme\"", 1);
    assert_eq!(findings(|s| s.manifest = manifest.clone()), Vec::<String>::new());
}

#[test]
fn tree_rules_and_unknown_commands_name_the_node_or_the_step() {
    let step = |command: &str| {
        TEST_TREE_JSON.replacen(
            "{ \"text\": { \"en\": \"Rotate the key\"",
            &format!("{{ \"command\": \"{command}\", \"text\": {{ \"en\": \"Rotate the key\""),
            1,
        )
    };
    let unknown = step("rotate_keyz");
    assert_eq!(
        findings(|s| s.tree = unknown.clone()),
        [format!(
            "tree.json:{}: error: the step names command \"rotate_keyz\", which this runbook does not have (it has no commands.json)",
            line_of(&unknown, "rotate_keyz")
        )]
    );
    let found = findings(|s| {
        s.tree = unknown.clone();
        s.commands = Some(COMMANDS.into());
    });
    assert_eq!(
        found,
        [format!(
            "tree.json:{}: error: the step names command \"rotate_keyz\", which this runbook does not have (it has: recent_error_logs)",
            line_of(&unknown, "rotate_keyz")
        )]
    );
    let known = findings(|s| {
        s.tree = step("recent_error_logs");
        s.commands = Some(COMMANDS.into());
    });
    assert_eq!(
        known,
        Vec::<String>::new(),
        "command ids come from the package's commands.json"
    );
    let cycle = TEST_TREE_JSON.replacen("\"next\": \"monitor\"", "\"next\": \"api_errors\"", 1);
    let found = findings(|s| s.tree = cycle.clone());
    let edge = line_of(&cycle, "\"next\": \"api_errors\"");
    let monitor = line_of(&cycle, "\"id\": \"monitor\"");
    assert_eq!(
        found,
        [
            format!("tree.json:{edge}: error: Answer \"yes\" of \"service_healthy\" leads back to \"api_errors\", making a loop."),
            format!("tree.json:{monitor}: error: Node \"monitor\" cannot be reached from the root; link it or remove it."),
        ]
    );
    let section = TEST_TREE_JSON.replacen("\"runbook_section\": \"rate\"", "\"runbook_section\": \"rates\"", 1);
    assert_eq!(
        findings(|s| s.tree = section.clone()),
        [format!(
            "tree.json:{}: error: runbook_section \"rates\" is not a heading id in runbook.en.md",
            line_of(&section, "\"rates\"")
        )]
    );
}

#[test]
fn template_fields_name_their_line() {
    let messages = TEST_TEMPLATES_JSON.replacen("Last updated: {last_updated}", "Last updated: {updated}", 1);
    assert_eq!(
        findings(|s| s.messages = messages.clone()),
        [format!(
            "messages.json:{}: error: status_page (en): unknown field {{updated}}; this message knows vendor, severity, impact, last_updated",
            line_of(&messages, "{updated}")
        )]
    );
}

#[test]
fn commands_file_problems_are_reported_with_their_line() {
    let unsafe_template = COMMANDS.replacen("\"--since={since}\"", "\"--since='{since}'\"", 1);
    let found = check(
        &RunbookSource {
            commands: Some(unsafe_template.clone()),
            ..acme()
        },
        &library(),
    );
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|f| f.file == COMMANDS_FILE && f.is_error()),
        "{found:?}"
    );
    assert_eq!(
        found[0].line,
        line_of(&unsafe_template, "--since='{since}'"),
        "{found:?}"
    );
    assert!(
        found[0].message.starts_with("command \"recent_error_logs\": "),
        "{found:?}"
    );
    assert_eq!(command_ids(&unsafe_template), ["recent_error_logs"]);
    assert_eq!(command_ids("not json"), Vec::<String>::new());
}
