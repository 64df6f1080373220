//! Loading a runbook package, on a small synthetic package (`acme`). The shipped runbooks are
//! tested in core/tests/runbook_content.rs.

use super::document::{parse_document, parse_document_at};
use super::*;
use crate::markdown::test_support::assert_safe_html;
use crate::messages::test_templates::TEST_TEMPLATES_JSON;
use crate::severity::ResponseTarget;
use crate::tree::TEST_TREE_JSON;

pub(super) const MANIFEST: &str = r#"{
  "id": "acme",
  "title": { "en": "Acme Runbook", "zh": "艾克米运行手册" },
  "vendor": { "en": "Acme", "zh": "艾克米" },
  "health_service": "acme",
  "owners": ["Mail team"],
  "alerts": ["AcmeDown", "AcmeSlow"],
  "links": ["acme-data"],
  "reviewed": "2026-01-02",
  "source": "seed.txt",
  "severities": [
    {
      "level": "P1",
      "definition": { "en": "Down", "zh": "中断" },
      "response": { "en": "< 15 min", "zh": "< 15分钟" },
      "response_target": { "minutes": 15 },
      "examples": { "en": "API gone", "zh": "API 无法访问" }
    },
    {
      "level": "P2",
      "definition": { "en": "Slow", "zh": "降级" },
      "response": { "en": "Next business day", "zh": "下个工作日" },
      "response_target": "next_business_day",
      "examples": { "en": "Latency", "zh": "延迟" }
    }
  ]
}
"#;

pub(super) const EN: &str = "# Acme Runbook

## Triage {#triage}

Check `curl -s x 2>&1 | grep -i rate` first.

## Severity Levels {#severity-levels}

| Level | Definition | Response | Examples |
|---|---|---|---|
| P1 | Down | < 15 min | API gone |

## Actions {#actions}

### 401/403 {#auth}

Rotate the key.

### 429 {#rate}

Slow down.

### 5xx {#vendor}

Wait.

## Resources {#resources}
";

pub(super) const ZH: &str = "# 艾克米运行手册

## 分诊 {#triage}

先运行 `curl -s x 2>&1 | grep -i rate`。

## 严重级别 {#severity-levels}

| 级别 | 定义 | 响应 | 示例 |
|---|---|---|---|
| P1 | 中断 | < 15分钟 | API 无法访问 |

## 处理 {#actions}

### 401/403 认证 {#auth}

轮换密钥。

### 429 限流 {#rate}

降低速率。

### 5xx 供应商 {#vendor}

等待。

## 资源 {#resources}
";

/// The synthetic package `acme`: everything valid.
pub(super) fn acme() -> RunbookSource {
    package("acme", |file| {
        Ok::<_, String>(
            match file {
                MANIFEST_FILE => MANIFEST,
                EN_FILE => EN,
                ZH_FILE => ZH,
                TREE_FILE => TEST_TREE_JSON,
                MESSAGES_FILE => TEST_TEMPLATES_JSON,
                other => return Err(format!("no {other}")),
            }
            .to_string(),
        )
    })
    .expect("the test package has every file")
}

fn with(change: impl FnOnce(&mut RunbookSource)) -> RunbookSource {
    let mut source = acme();
    change(&mut source);
    source
}

#[test]
fn a_package_is_read_file_by_file_and_a_missing_file_is_the_readers_error() {
    let mut asked = Vec::new();
    let source = package("x", |file| {
        asked.push(file.to_string());
        Ok::<_, ()>(format!("text of {file}"))
    })
    .unwrap();
    // commands.json is optional: asked for last, and its absence is no error.
    assert_eq!(
        asked,
        [
            MANIFEST_FILE,
            EN_FILE,
            ZH_FILE,
            TREE_FILE,
            MESSAGES_FILE,
            check::COMMANDS_FILE
        ]
    );
    assert_eq!(source.folder, "x");
    assert_eq!(source.files()[3], (TREE_FILE, "text of tree.json"));
    let missing = package("x", |file| {
        if file == TREE_FILE {
            Err(file.to_string())
        } else {
            Ok(String::new())
        }
    });
    assert_eq!(missing, Err("tree.json".to_string()));
}

#[test]
fn discovery_lists_runbook_folders_by_id() {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        discover(names(&["zeta", ".git", "alpha-2", ".DS_Store"])),
        Ok(names(&["alpha-2", "zeta"]))
    );
    let bad = discover(names(&["good", "Bad Name"])).unwrap_err();
    assert!(bad.contains("content/Bad Name"), "{bad}");
    assert!(discover(names(&[".hidden"])).unwrap_err().contains("no runbook"));
}

#[test]
fn metadata_comes_from_the_manifest() {
    let runbook = load(&acme()).unwrap();
    assert_eq!(runbook.id, "acme");
    assert_eq!(runbook.title, Bilingual::new("Acme Runbook", "艾克米运行手册"));
    assert_eq!(runbook.vendor, Bilingual::new("Acme", "艾克米"));
    assert_eq!(runbook.health_service, "acme");
    assert_eq!(runbook.owners, ["Mail team"]);
    assert_eq!(runbook.alerts, ["AcmeDown", "AcmeSlow"]);
    assert!(runbook.answers_alert("AcmeSlow") && !runbook.answers_alert("acmeslow"));
    assert_eq!(runbook.links, ["acme-data"]);
    assert_eq!(
        (runbook.reviewed.as_str(), runbook.source.as_str()),
        ("2026-01-02", "seed.txt")
    );
    assert_eq!(runbook.en.title, runbook.title.en);
    assert_eq!(runbook.zh.title, runbook.title.zh);
    let p1 = runbook.severity(Severity::P1).unwrap();
    assert_eq!(p1.response, Bilingual::new("< 15 min", "< 15分钟"));
    assert_eq!(p1.response_target, ResponseTarget::Minutes(15));
    assert_eq!(
        runbook.severity(Severity::P2).unwrap().response_target,
        ResponseTarget::NextBusinessDay
    );
    assert_eq!(runbook.severity(Severity::P3), None);
    let messages = runbook.message_source();
    assert_eq!(messages.vendor, &runbook.vendor);
    assert_eq!(messages.templates.error_types.rate_limited.en, "429 - Rate Limited");
}

#[test]
fn sections_pair_by_id_and_their_html_is_safe() {
    let runbook = load(&acme()).unwrap();
    let ids: Vec<&str> = runbook.paired_sections().map(|p| p.id).collect();
    assert_eq!(ids, ["triage", "severity-levels", "actions", "resources"]);
    for pair in runbook.paired_sections() {
        assert_eq!((pair.en.id.as_str(), pair.zh.id.as_str()), (pair.id, pair.id));
        assert_eq!(pair.get(Lang::Zh), runbook.section(Lang::Zh, pair.id).unwrap());
        assert_eq!(pair.en.is_empty(), pair.id == "resources");
        for lang in Lang::ALL {
            assert_safe_html(&pair.get(lang).html);
        }
    }
    let subs: Vec<&str> = runbook
        .section(Lang::En, "actions")
        .unwrap()
        .subsections
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(subs, ["auth", "rate", "vendor"]);
    let html = &runbook.section(Lang::En, "actions").unwrap().html;
    assert!(html.contains("<h3 id=\"en-auth\">401/403</h3>"), "{html}");
    let zh = &runbook.section(Lang::Zh, "actions").unwrap().html;
    assert!(
        zh.contains("<h3 id=\"zh-auth\">"),
        "both languages can share a page without duplicate ids"
    );
    let triage = &runbook.section(Lang::En, "triage").unwrap().html;
    assert!(triage.contains("2&gt;&amp;1 | grep -i rate"), "{triage}");
    assert!(runbook
        .section(Lang::En, "severity-levels")
        .unwrap()
        .html
        .contains("<td>&lt; 15 min</td>"));
    assert!(runbook.section(Lang::En, "no-such-section").is_none());
}

#[test]
fn structure_check_rejects_drifted_sections() {
    let en = parse_document("# T\n\n## A {#a}\n\nx\n\n## B {#b}\n\ny\n", Lang::En).unwrap();
    let same = parse_document("# T\n\n## 甲 {#a}\n\n文\n\n## 乙 {#b}\n\n字\n", Lang::Zh).unwrap();
    assert_eq!(check_same_structure("t", &en, &same), Ok(()));

    let reordered = parse_document("# T\n\n## 乙 {#b}\n\n字\n\n## 甲 {#a}\n\n文\n", Lang::Zh).unwrap();
    let missing = parse_document("# T\n\n## 甲 {#a}\n\n文\n", Lang::Zh).unwrap();
    for zh in [reordered, missing] {
        assert!(matches!(
            check_same_structure("t", &en, &zh),
            Err(ContentError::SectionsDiffer { .. })
        ));
    }
}

#[test]
fn structure_check_rejects_drifted_sub_headings() {
    let en = parse_document("# T\n\n## A {#a}\n\n### One {#one}\n\n### Two {#two}\n", Lang::En).unwrap();
    let zh = parse_document("# T\n\n## 甲 {#a}\n\n### 一 {#one}\n\n### 二 {#second}\n", Lang::Zh).unwrap();
    let err = check_same_structure("t", &en, &zh).unwrap_err();
    assert_eq!(
        err,
        ContentError::SubsectionsDiffer {
            runbook: "t".into(),
            section: "a".into(),
            en: vec!["one".into(), "two".into()],
            zh: vec!["one".into(), "second".into()],
        }
    );
}

#[test]
fn loading_a_package_with_one_drifted_id_fails() {
    let err = load(&with(|s| s.zh = ZH.replace("{#rate}", "{#rate-limit}"))).unwrap_err();
    assert!(
        matches!(&err, ContentError::SubsectionsDiffer { section, .. } if section == "actions"),
        "{err}"
    );
    let err = load(&with(|s| s.en = EN.replace("{#resources}", "{#links}"))).unwrap_err();
    assert!(matches!(err, ContentError::SectionsDiffer { .. }), "{err}");
}

#[test]
fn malformed_documents_are_rejected_with_the_problem_and_its_line() {
    let cases = [
        ("Intro\n\n## A {#a}\n", DocumentProblem::MissingTitle, 3),
        ("## A {#a}\n\nx\n", DocumentProblem::MissingTitle, 1),
        (
            "stray\n\n# T\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "stray".into(),
            },
            1,
        ),
        (
            "# T\n\nlost text\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "lost text".into(),
            },
            3,
        ),
        (
            "# T\n\n### Early {#early}\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "### Early {#early}".into(),
            },
            3,
        ),
        (
            "# T\n\n## A\n\nx\n",
            DocumentProblem::MissingId { heading: "A".into() },
            3,
        ),
        (
            "# T\n\n## A {#a}\n\n### Sub\n",
            DocumentProblem::MissingId { heading: "Sub".into() },
            5,
        ),
        (
            "# T\n\n## A {#A_b}\n",
            DocumentProblem::InvalidId {
                heading: "A".into(),
                id: "A_b".into(),
            },
            3,
        ),
        (
            "# T\n\n## A {#a}\n\n### B {#a}\n",
            DocumentProblem::DuplicateId { id: "a".into() },
            5,
        ),
        (
            "# T\n\n## A {#a}\n\n# Again\n",
            DocumentProblem::ExtraTitle { title: "Again".into() },
            5,
        ),
        (
            "# T\n\nonly text\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "only text".into(),
            },
            3,
        ),
        ("# T\n", DocumentProblem::NoSections, 1),
    ];
    for (markdown, problem, line) in cases {
        assert_eq!(parse_document(markdown, Lang::En), Err(problem.clone()), "{markdown:?}");
        assert_eq!(
            parse_document_at(markdown, Lang::En),
            Err((problem, line)),
            "{markdown:?}"
        );
    }
}

#[test]
fn headings_inside_code_blocks_do_not_split_sections() {
    let doc = parse_document("# T\n\n## A {#a}\n\n```markdown\n## Not a section\n```\n", Lang::En).unwrap();
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].markdown, "```markdown\n## Not a section\n```");
}

#[test]
fn bad_manifests_are_rejected_with_the_reason() {
    let broken = |from: &str, to: &str| {
        assert!(MANIFEST.contains(from), "{from}");
        load(&with(|s| s.manifest = MANIFEST.replacen(from, to, 1))).unwrap_err()
    };
    assert!(matches!(
        broken("\"id\": \"acme\"", "\"id\": \"other\""),
        ContentError::IdMismatch { .. }
    ));
    assert!(matches!(
        broken("2026-01-02", "02/01/2026"),
        ContentError::ReviewedDate { .. }
    ));
    assert!(matches!(
        broken("\"level\": \"P2\"", "\"level\": \"P1\""),
        ContentError::DuplicateSeverity {
            level: Severity::P1,
            ..
        }
    ));
    for (from, to) in [
        ("{ \"minutes\": 15 }", "\"soon\""),
        ("\"source\"", "\"sauce\""),
        (
            "\"vendor\": { \"en\": \"Acme\", \"zh\": \"艾克米\" }",
            "\"vendor\": \"Acme\"",
        ),
        ("\"owners\": [\"Mail team\"]", "\"owners\": []"),
        ("\"AcmeSlow\"", "\"AcmeDown\""),
        ("\"AcmeSlow\"", "\"Acme Slow\""),
        ("\"acme-data\"", "\"Acme Data\""),
        ("\"acme-data\"", "\"acme\""),
        ("\"health_service\": \"acme\"", "\"health_service\": \" \""),
    ] {
        assert!(matches!(broken(from, to), ContentError::Manifest { .. }), "{to}");
    }
    let title = broken("\"Acme Runbook\"", "\"Acme Book\"");
    assert!(matches!(title, ContentError::TitleMismatch { lang: Lang::En, .. }));
    let empty = format!(
        "{}\"severities\": []\n}}",
        &MANIFEST[..MANIFEST.find("\"severities\"").unwrap()]
    );
    assert!(matches!(
        load(&with(|s| s.manifest = empty)),
        Err(ContentError::NoSeverities { .. })
    ));
    let no_links = MANIFEST.replace("  \"links\": [\"acme-data\"],\n", "");
    assert_eq!(
        load(&with(|s| s.manifest = no_links)).unwrap().links,
        Vec::<String>::new()
    );
}

#[test]
fn error_messages_name_the_file_in_both_languages() {
    let errors = [
        ContentError::Manifest {
            runbook: "r".into(),
            reason: "expected value".into(),
        },
        ContentError::ReviewedDate {
            runbook: "r".into(),
            value: "x".into(),
        },
        ContentError::DuplicateSeverity {
            runbook: "r".into(),
            level: Severity::P3,
        },
        ContentError::Document {
            runbook: "r".into(),
            lang: Lang::Zh,
            problem: DocumentProblem::NoSections,
        },
        ContentError::Messages {
            runbook: "r".into(),
            reason: "x".into(),
        },
    ];
    for err in errors {
        let message = err.message();
        assert!(
            message.en.contains("content/r/") && message.zh.contains("content/r/"),
            "{err}"
        );
        assert_ne!(message.en, message.zh);
    }
    let doc = ContentError::Document {
        runbook: "r".into(),
        lang: Lang::Zh,
        problem: DocumentProblem::NoSections,
    };
    assert!(doc.to_string().starts_with("content/r/runbook.zh.md: "));
}

#[test]
fn a_loaded_runbook_carries_its_checked_tree_and_round_trips() {
    let book = load(&acme()).unwrap();
    assert_eq!(book.tree.tree().unwrap(), tree(&acme()).unwrap());
    let back: Runbook = serde_json::from_str(&serde_json::to_string(&book).unwrap()).unwrap();
    assert_eq!(back, book);
    assert!(load(&with(|s| s.tree = "{".into())).is_err());
}

#[test]
fn a_severity_section_must_be_a_section_of_the_documents() {
    let with_section = |id: &str| {
        with(|s| {
            s.manifest = MANIFEST.replacen(
                "\"severities\"",
                &format!("\"severity_section\": \"{id}\", \"severities\""),
                1,
            )
        })
    };
    let first = load(&acme()).unwrap().en.sections[0].id.clone();
    assert_eq!(load(&with_section(&first)).unwrap().severity_section, Some(first));
    let err = load(&with_section("no-such-section")).unwrap_err().to_string();
    assert!(
        err.contains("severity_section") && err.contains("no-such-section"),
        "{err}"
    );
}

#[test]
fn a_broken_decision_tree_stops_the_runbook_loading_with_the_file_named() {
    let dangling = TEST_TREE_JSON.replacen("\"next\": \"vendor_incident\"", "\"next\": \"nowhere\"", 1);
    assert_ne!(dangling, TEST_TREE_JSON, "the tree has the edge this test breaks");
    let err = load(&with(|s| s.tree = dangling)).unwrap_err().message();
    assert!(err.en.starts_with("content/acme/tree.json: "), "{}", err.en);
    assert!(err.en.contains("nowhere"), "{}", err.en);
    let not_json = with(|s| s.tree = "{".into());
    assert!(load(&not_json).unwrap_err().message().zh.contains("tree.json"));
}

#[test]
fn broken_message_templates_stop_the_runbook_loading() {
    let unknown = TEST_TEMPLATES_JSON.replacen("{last_updated}", "{updated}", 1);
    let err = load(&with(|s| s.messages = unknown)).unwrap_err();
    assert!(
        matches!(&err, ContentError::Messages { runbook, .. } if runbook == "acme"),
        "{err}"
    );
    assert!(err.to_string().contains("{updated}"), "{err}");
    let typo = TEST_TEMPLATES_JSON.replacen("\"placeholders\"", "\"placeholder\"", 1);
    assert!(err_of(typo).contains("content/acme/messages.json"));
}

fn err_of(messages: String) -> String {
    load(&with(|s| s.messages = messages)).unwrap_err().to_string()
}
