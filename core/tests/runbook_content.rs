//! The runbooks under `content/` as the build reads them: every package loads and passes the
//! authoring check, and the Instantly runbook has the structure the app and its pages rely on.

#[path = "support/content.rs"]
mod content;

/// The renderer's own rules for what may appear as markup (its unit tests use them too).
#[path = "../src/markdown/test_support.rs"]
mod markup;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::runbook::{self, check, Runbook, SectionPair};
use runbook_core::severity::{ResponseTarget, Severity};
use runbook_core::tree::{validate, ErrorType, Node, Tree};

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
    content::load("instantly")
}

fn instantly_tree() -> Tree {
    runbook::tree(&content::source("instantly")).unwrap()
}

#[test]
fn every_folder_is_a_runbook_whose_id_is_its_folder() {
    let ids = content::library_ids();
    assert!(ids.contains(&"instantly".to_string()), "{ids:?}");
    for source in content::library() {
        let runbook = runbook::load(&source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(runbook.id, source.folder);
    }
}

/// What the build runs: no package may have an error. Warnings are allowed (Instantly links to
/// `instantly-data-handling`, which is not in this library).
#[test]
fn every_runbook_passes_the_authoring_check() {
    let ids = content::library_ids();
    for source in content::library() {
        let findings = check::check(&source, &ids);
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| f.to_string())
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{}", source.folder);
    }
}

#[test]
fn instantly_points_at_a_runbook_this_library_does_not_have() {
    let ids = content::library_ids();
    let source = content::source("instantly");
    let warnings: Vec<String> = check::check(&source, &ids)
        .into_iter()
        .filter(|f| !f.is_error())
        .map(|f| f.to_string())
        .collect();
    let line = source.manifest.lines().position(|l| l.contains("\"links\"")).unwrap() + 1;
    assert_eq!(
        warnings,
        [format!(
            "manifest.json:{line}: warning: links to runbook \"instantly-data-handling\", which is not in this library; the app says so where it shows the link"
        )]
    );
    let with_it = [ids, vec!["instantly-data-handling".to_string()]].concat();
    assert!(check::check(&source, &with_it).is_empty());
}

/// Each runbook's data file (xtask/src/library.rs) is the loaded runbook as JSON; the app reads
/// it back with `library::parse_runbook`, and its tree with `RenderedTree::tree`.
#[test]
fn rendered_library_round_trips_to_the_loaded_runbooks() {
    for source in content::library() {
        let book = runbook::load(&source).unwrap();
        let json = serde_json::to_string(&book).unwrap();
        let back = runbook_core::library::parse_runbook(&json, &book.id).unwrap();
        assert_eq!(back, book);
        assert_eq!(back.tree.tree().unwrap(), runbook::tree(&source).unwrap());
        let other = runbook_core::library::parse_runbook(&json, "another-id").unwrap_err();
        assert!(other.en.contains("holds runbook"), "{other:?}");
    }
}

#[test]
fn instantly_metadata_comes_from_the_manifest() {
    let runbook = instantly();
    assert_eq!(
        runbook.title,
        Bilingual::new("Instantly Incident Runbook", "Instantly事件响应运行手册")
    );
    assert_eq!(runbook.vendor, Bilingual::new("Instantly", "Instantly"));
    assert_eq!(runbook.health_service, "instantly");
    assert_eq!(runbook.links, ["instantly-data-handling"]);
    assert!(!runbook.owners.is_empty());
    assert_eq!(runbook.reviewed, "2026-11-26");
    assert_eq!(runbook.source, "seed.txt");
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

/// The manifest lists exactly the alerts of deploy/alerts.yml, whose links open this runbook.
#[test]
fn instantly_answers_the_alerts_of_its_alert_rules() {
    let rules = std::fs::read_to_string(content::content_dir().join("../deploy/alerts.yml")).unwrap();
    let in_rules: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- alert: "))
        .map(str::trim)
        .collect();
    assert_eq!(instantly().alerts, in_rules);
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
fn section_html_keeps_content_characters_as_text() {
    let runbook = instantly();
    for lang in Lang::ALL {
        for section in &runbook.document(lang).sections {
            markup::assert_safe_html(&section.html);
        }
    }
    let html = |id: &str| runbook.section(Lang::En, id).unwrap().html.clone();
    assert!(html("severity-levels").contains("<td>&lt; 15 min</td>"));
    assert!(html("immediate-actions").contains("2&gt;&amp;1 | grep -i rate"));
    assert!(html("immediate-actions").contains("<h3 id=\"en-auth-errors\">401/403 - Authentication</h3>"));
    let zh = &runbook.section(Lang::Zh, "immediate-actions").unwrap().html;
    assert!(zh.contains("<h3 id=\"zh-auth-errors\">"));
    assert!(html("quick-triage").contains("<code class=\"language-bash\">"));
    assert!(html("decision-tree").contains("<code class=\"language-text\">"));
    assert!(html("post-incident").contains("<code class=\"language-markdown\">## Incident: Instantly [Error Type]"));
}

/// Rows of the first table in some Markdown, as cell texts.
fn table_rows(markdown: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_body = false;
    for event in Parser::new_ext(markdown, runbook_core::markdown::options()) {
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
fn the_table_reader_sees_a_changed_cell() {
    let rows = table_rows("| L | D |\n|---|---|\n| P1 | Complete outage |\n| P2 | `x` |\n");
    assert_eq!(rows, [["P1", "Complete outage"], ["P2", "x"]]);
}

#[test]
fn severity_manifest_matches_the_severity_table() {
    for source in content::library() {
        let runbook = runbook::load(&source).unwrap();
        for lang in Lang::ALL {
            let section = runbook
                .section(lang, "severity-levels")
                .expect("severity-levels section");
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
            assert_eq!(table_rows(&section.markdown), from_manifest, "{} {lang:?}", runbook.id);
        }
    }
}

#[test]
fn shipped_tree_parses_and_validates() {
    let tree = instantly_tree();
    assert_eq!(validate(&tree), vec![]);
    assert_eq!(
        tree.root_node().map(|n| n.text().en.as_str()),
        Some("Instantly API returning errors?")
    );
}

#[test]
fn shipped_tree_covers_every_error_type_outcome() {
    let tree = instantly_tree();
    for (ty, section) in [
        (ErrorType::Auth, "auth-errors"),
        (ErrorType::RateLimited, "rate-limited"),
        (ErrorType::Vendor, "vendor-errors"),
        (ErrorType::Other, "immediate-actions"),
    ] {
        let outcome = tree
            .nodes
            .iter()
            .find(|n| n.error_type() == Some(ty))
            .expect("outcome for type");
        let Node::Outcome { runbook_section, .. } = outcome else {
            unreachable!()
        };
        assert_eq!(runbook_section, section);
    }
}

#[test]
fn outcome_links_point_at_runbook_headings() {
    let tree = instantly_tree();
    let runbook = instantly();
    for lang in Lang::ALL {
        let doc = runbook.document(lang);
        let ids: Vec<&str> = doc
            .sections
            .iter()
            .flat_map(|s| std::iter::once(s.id.as_str()).chain(s.subsections.iter().map(|h| h.id.as_str())))
            .collect();
        for node in &tree.nodes {
            if let Node::Outcome { runbook_section, .. } = node {
                assert!(
                    ids.contains(&runbook_section.as_str()),
                    "{lang:?}: {runbook_section} of {}",
                    node.id()
                );
            }
        }
    }
}

/// The runbook's error-type headings are the outcomes' headlines in the tree: keep them equal.
#[test]
fn error_type_labels_match_the_runbook_headings_in_the_tree() {
    let (runbook, tree) = (instantly(), instantly_tree());
    for node in &tree.nodes {
        match node.error_type() {
            Some(ErrorType::Other) | None => {}
            Some(kind) => assert_eq!(&node.text().bilingual(), runbook.messages.error_type_label(kind)),
        }
    }
}
