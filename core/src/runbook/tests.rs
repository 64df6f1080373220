use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::document::parse_document;
use super::*;
use crate::markdown::test_support::assert_safe_html;
use crate::severity::ResponseTarget;

const SECTION_IDS: [&str; 14] = [
    "overview",
    "prerequisites",
    "severity-levels",
    "quick-triage",
    "decision-tree",
    "immediate-actions",
    "communication-templates",
    "post-incident",
    "instructions",
    "output",
    "error-handling",
    "examples",
    "resources",
    "next-steps",
];

fn instantly() -> Runbook {
    load(find("instantly").expect("instantly is in the catalog")).expect("instantly runbook loads")
}

fn source_with(en: &'static str, zh: &'static str) -> RunbookSource {
    RunbookSource {
        en,
        zh,
        ..*find("instantly").unwrap()
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn every_catalog_runbook_loads_and_its_id_is_its_folder() {
    assert!(!catalog().is_empty());
    for source in catalog() {
        let runbook = load(source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(runbook.id, source.folder);
    }
}

#[test]
fn instantly_metadata_comes_from_the_manifest() {
    let runbook = instantly();
    assert_eq!(
        runbook.title,
        Bilingual::new("Instantly Incident Runbook", "Instantly事件响应运行手册")
    );
    assert_eq!(runbook.reviewed, "2026-11-26");
    assert_eq!(runbook.source, "seed.txt");
    assert_eq!(runbook.en.title, runbook.title.en);
    assert_eq!(runbook.zh.title, runbook.title.zh);
    let levels: Vec<Severity> = runbook.severities.iter().map(|s| s.level).collect();
    assert_eq!(levels, Severity::ALL);
    let p1 = runbook.severity(Severity::P1).unwrap();
    assert_eq!(p1.response, Bilingual::new("< 15 min", "< 15分钟"));
    assert_eq!(p1.response_target, ResponseTarget::Minutes(15));
    assert_eq!(
        runbook.severity(Severity::P4).unwrap().response_target,
        ResponseTarget::NextBusinessDay
    );
}

#[test]
fn instantly_has_the_expected_sections_in_both_languages() {
    let runbook = instantly();
    for lang in Lang::ALL {
        let ids: Vec<&str> = runbook.document(lang).sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, SECTION_IDS, "{lang:?}");
        assert!(runbook
            .document(lang)
            .sections
            .iter()
            .all(|s| s.level == 2 && !s.title.is_empty()));
    }
    let sub_ids = |id: &str| -> Vec<String> {
        runbook
            .section(Lang::En, id)
            .unwrap()
            .subsections
            .iter()
            .map(|h| h.id.clone())
            .collect()
    };
    assert_eq!(
        sub_ids("immediate-actions"),
        ["auth-errors", "rate-limited", "vendor-errors"]
    );
    assert_eq!(
        sub_ids("communication-templates"),
        ["slack-template", "status-page-template"]
    );
    assert_eq!(sub_ids("post-incident"), ["evidence-collection", "postmortem-template"]);
    assert_eq!(sub_ids("instructions"), ["step-1", "step-2", "step-3", "step-4"]);
    assert_eq!(sub_ids("examples"), ["one-line-health-check"]);
    assert_eq!(runbook.section(Lang::Zh, "overview").unwrap().title, "概述");
    assert_eq!(
        runbook.section(Lang::En, "immediate-actions").unwrap().subsections[0].title,
        "401/403 - Authentication"
    );
    assert!(runbook.section(Lang::En, "no-such-section").is_none());
}

/// The source lost the Resources links; the section stays, empty, rather than invented.
#[test]
fn every_section_has_content_except_the_resources_the_source_lost() {
    let runbook = instantly();
    for pair in runbook.paired_sections() {
        for lang in Lang::ALL {
            let section = pair.get(lang);
            let expect_empty = pair.id == "resources";
            assert_eq!(section.is_empty(), expect_empty, "{lang:?} {}", pair.id);
            assert_eq!(section.html.trim().is_empty(), expect_empty, "{lang:?} {}", pair.id);
        }
    }
}

#[test]
fn paired_sections_line_up_by_id() {
    let runbook = instantly();
    let pairs: Vec<SectionPair> = runbook.paired_sections().collect();
    assert_eq!(pairs.len(), SECTION_IDS.len());
    for (pair, id) in pairs.iter().zip(SECTION_IDS) {
        assert_eq!((pair.id, pair.en.id.as_str(), pair.zh.id.as_str()), (id, id, id));
        assert_eq!(pair.get(Lang::Zh), runbook.section(Lang::Zh, id).unwrap());
    }
}

#[test]
fn section_html_is_safe_and_content_characters_stay_text() {
    let runbook = instantly();
    for lang in Lang::ALL {
        for section in &runbook.document(lang).sections {
            assert_safe_html(&section.html);
        }
    }
    let html = |id: &str| runbook.section(Lang::En, id).unwrap().html.clone();
    assert!(html("severity-levels").contains("<td>&lt; 15 min</td>"));
    assert!(html("immediate-actions").contains("2&gt;&amp;1 | grep -i rate"));
    assert!(html("immediate-actions").contains("<h3 id=\"en-auth-errors\">401/403 - Authentication</h3>"));
    let zh = &runbook.section(Lang::Zh, "immediate-actions").unwrap().html;
    assert!(
        zh.contains("<h3 id=\"zh-auth-errors\">"),
        "both languages can share a page without duplicate ids"
    );
    assert!(html("quick-triage").contains("<code class=\"language-bash\">"));
    assert!(html("decision-tree").contains("<code class=\"language-text\">"));
    assert!(html("post-incident").contains("<code class=\"language-markdown\">## Incident: Instantly [Error Type]"));
}

/// Rows of the first table in some Markdown, as cell texts.
fn table_rows(markdown: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_body = false;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::End(TagEnd::TableHead) => in_body = true,
            Event::Start(Tag::TableRow) if in_body => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) if in_body => rows.last_mut().unwrap().push(String::new()),
            Event::Text(text) | Event::Code(text) if in_body => {
                if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                    cell.push_str(&text);
                }
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    rows
}

#[test]
fn severity_manifest_matches_the_severity_table() {
    for source in catalog() {
        let runbook = load(source).unwrap();
        for lang in Lang::ALL {
            let section = runbook
                .section(lang, "severity-levels")
                .expect("severity-levels section");
            let from_table = table_rows(&section.markdown);
            let from_manifest: Vec<Vec<String>> = runbook
                .severities
                .iter()
                .map(|s| {
                    let texts = [
                        s.level.as_str(),
                        s.definition.get(lang),
                        s.response.get(lang),
                        s.examples.get(lang),
                    ];
                    texts.map(String::from).to_vec()
                })
                .collect();
            assert_eq!(from_table, from_manifest, "{} {lang:?}", runbook.id);
        }
    }
}

#[test]
fn the_table_reader_sees_a_changed_cell() {
    let rows = table_rows("| L | D |\n|---|---|\n| P1 | Complete outage |\n| P2 | `x` |\n");
    assert_eq!(rows, [["P1", "Complete outage"], ["P2", "x"]]);
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
fn loading_real_content_with_one_drifted_id_fails() {
    let source = find("instantly").unwrap();
    let renamed_sub = leak(source.zh.replace("{#rate-limited}", "{#rate-limit}"));
    let err = load(&source_with(source.en, renamed_sub)).unwrap_err();
    assert!(
        matches!(&err, ContentError::SubsectionsDiffer { section, .. } if section == "immediate-actions"),
        "{err}"
    );

    let renamed_section = leak(source.en.replace("{#output}", "{#outputs}"));
    let err = load(&source_with(renamed_section, source.zh)).unwrap_err();
    assert!(matches!(err, ContentError::SectionsDiffer { .. }), "{err}");
}

#[test]
fn malformed_documents_are_rejected_with_the_problem() {
    let cases = [
        ("Intro\n\n## A {#a}\n", DocumentProblem::MissingTitle),
        ("## A {#a}\n\nx\n", DocumentProblem::MissingTitle),
        (
            "stray\n\n# T\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "stray".into(),
            },
        ),
        (
            "# T\n\nlost text\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "lost text".into(),
            },
        ),
        (
            "# T\n\n### Early {#early}\n\n## A {#a}\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "### Early {#early}".into(),
            },
        ),
        ("# T\n\n## A\n\nx\n", DocumentProblem::MissingId { heading: "A".into() }),
        (
            "# T\n\n## A {#a}\n\n### Sub\n",
            DocumentProblem::MissingId { heading: "Sub".into() },
        ),
        (
            "# T\n\n## A {#A_b}\n",
            DocumentProblem::InvalidId {
                heading: "A".into(),
                id: "A_b".into(),
            },
        ),
        (
            "# T\n\n## A {#a}\n\n### B {#a}\n",
            DocumentProblem::DuplicateId { id: "a".into() },
        ),
        (
            "# T\n\n## A {#a}\n\n# Again\n",
            DocumentProblem::ExtraTitle { title: "Again".into() },
        ),
        (
            "# T\n\nonly text\n",
            DocumentProblem::TextOutsideSection {
                excerpt: "only text".into(),
            },
        ),
        ("# T\n", DocumentProblem::NoSections),
    ];
    for (markdown, problem) in cases {
        assert_eq!(parse_document(markdown, Lang::En), Err(problem), "{markdown:?}");
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
    let source = find("instantly").unwrap();
    let with_manifest = |manifest: String| RunbookSource {
        manifest: leak(manifest),
        ..*source
    };
    let broken = |from: &str, to: &str| {
        assert!(source.manifest.contains(from), "{from}");
        load(&with_manifest(source.manifest.replacen(from, to, 1))).unwrap_err()
    };
    assert!(matches!(
        broken("\"id\": \"instantly\"", "\"id\": \"other\""),
        ContentError::IdMismatch { .. }
    ));
    assert!(matches!(
        broken("2026-11-26", "26/11/2026"),
        ContentError::ReviewedDate { .. }
    ));
    assert!(matches!(
        broken("\"level\": \"P2\"", "\"level\": \"P1\""),
        ContentError::DuplicateSeverity {
            level: Severity::P1,
            ..
        }
    ));
    assert!(matches!(
        broken("{ \"minutes\": 15 }", "\"soon\""),
        ContentError::Manifest { .. }
    ));
    assert!(matches!(
        broken("\"source\"", "\"sauce\""),
        ContentError::Manifest { .. }
    ));
    let title = broken("\"Instantly Incident Runbook\"", "\"Instantly Runbook\"");
    assert!(matches!(title, ContentError::TitleMismatch { lang: Lang::En, .. }));
    let empty = format!(
        "{}\"severities\": []\n}}",
        &source.manifest[..source.manifest.find("\"severities\"").unwrap()]
    );
    assert!(matches!(
        load(&with_manifest(empty)),
        Err(ContentError::NoSeverities { .. })
    ));
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
fn rendered_catalog_round_trips_to_the_loaded_runbooks() {
    let rendered = render_catalog().unwrap();
    let books: Vec<Runbook> = serde_json::from_str(&rendered.runbooks).unwrap();
    let loaded: Vec<Runbook> = catalog().iter().map(|s| load(s).unwrap()).collect();
    assert_eq!(books, loaded);
    let trees: Vec<Tree> = serde_json::from_str(&rendered.trees).unwrap();
    let parsed: Vec<Tree> = catalog().iter().map(|s| tree(s).unwrap()).collect();
    assert_eq!(trees, parsed);
    assert!(!trees[0].nodes.is_empty());
}

#[test]
fn a_broken_decision_tree_stops_the_runbook_loading_with_the_file_named() {
    let source = find("instantly").unwrap();
    let dangling = source
        .tree
        .replacen("\"next\": \"vendor_incident\"", "\"next\": \"nowhere\"", 1);
    assert_ne!(dangling, source.tree, "the tree has the edge this test breaks");
    let broken = RunbookSource {
        tree: Box::leak(dangling.into_boxed_str()),
        ..*source
    };
    let err = load(&broken).unwrap_err().message();
    assert!(err.en.starts_with("content/instantly/tree.json: "), "{}", err.en);
    assert!(err.en.contains("nowhere"), "{}", err.en);
    let not_json = RunbookSource { tree: "{", ..*source };
    assert!(load(&not_json).unwrap_err().message().zh.contains("tree.json"));
}
