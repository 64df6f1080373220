use super::*;

fn entry(id: &str, alerts: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        title: Bilingual::new(format!("{id} runbook"), format!("{id} 手册")),
        vendor: Bilingual::new("Acme", "Acme"),
        owners: vec!["sre".into()],
        alerts: alerts.iter().map(|a| a.to_string()).collect(),
        links: vec![],
        reviewed: "2026-01-01".into(),
        data: format!("/runbooks/{id}-0123.json"),
    }
}

fn library() -> Library {
    Library {
        runbooks: vec![
            entry("acme", &["AcmeDown", "Shared"]),
            entry("beta", &["BetaSlow", "Shared"]),
        ],
    }
}

#[test]
fn the_index_round_trips_and_cannot_close_its_script_element() {
    let mut lib = library();
    lib.runbooks[0].title.en = "</script><script>alert(1)</script>".into();
    let json = lib.to_script_json();
    assert!(!json.contains("</"), "{json}");
    assert_eq!(Library::parse(&json).unwrap(), lib);
}

#[test]
fn an_unreadable_or_empty_index_is_a_bilingual_message() {
    let bad = Library::parse("{\"runbooks\": 3}").unwrap_err();
    assert!(bad.en.contains("library index is not readable"), "{}", bad.en);
    assert!(bad.zh.contains("索引无法读取"), "{}", bad.zh);
    let empty = Library::parse("{\"runbooks\": []}").unwrap_err();
    assert!(empty.en.contains("empty"), "{}", empty.en);
}

#[test]
fn the_old_paths_open_the_default_runbook_with_their_query() {
    let lib = library();
    let cases = [
        ("/triage", "", "/r/acme/triage"),
        ("/wizard", "a=x:yes", "/r/acme/wizard?a=x:yes"),
        ("/actions", "", "/r/acme/actions"),
        ("/comms/", "", "/r/acme/comms"),
        ("/incident", "", "/r/acme/incident"),
        ("/runbook/severity-levels", "", "/r/acme/section/severity-levels"),
    ];
    for (path, query, expected) in cases {
        assert_eq!(lib.legacy_redirect(path, query).as_deref(), Some(expected), "{path}");
    }
    for path in [
        "/",
        "",
        "/r/acme/triage",
        "/runbook/",
        "/runbook/a/b",
        "/nope",
        "/section/x",
    ] {
        assert_eq!(lib.legacy_redirect(path, ""), None, "{path}");
    }
}

#[test]
fn an_alert_link_opens_the_runbook_that_answers_the_alert() {
    let lib = library();
    assert_eq!(
        lib.legacy_redirect("/incident/new", "alert=BetaSlow&severity=P2")
            .as_deref(),
        Some("/r/beta/incident/new?alert=BetaSlow&severity=P2")
    );
    // Shared by both: the first in library order. Unknown or missing: the default runbook.
    for query in ["alert=Shared", "alert=Nobody", "severity=P1", "alert=Beta%53low%ZZ"] {
        let target = lib.legacy_redirect("/incident/new", query).unwrap();
        assert!(target.starts_with("/r/acme/incident/new?"), "{query}: {target}");
    }
    assert_eq!(
        lib.legacy_redirect("/incident/new", "alert=Beta%53low").as_deref(),
        Some("/r/beta/incident/new?alert=Beta%53low")
    );
}

#[test]
fn percent_decoding_handles_plus_broken_escapes_and_non_utf8() {
    assert_eq!(percent_decode("a+b%20c"), "a b c");
    assert_eq!(percent_decode("%E5%AF%86%"), "密%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    assert_eq!(percent_decode("%FF"), "\u{FFFD}");
}

#[test]
fn pages_have_paths_under_their_runbook() {
    assert_eq!(page_path("acme", &Page::Read), "/r/acme");
    assert_eq!(page_path("acme", &Page::Section("a-b".into())), "/r/acme/section/a-b");
    assert_eq!(page_path("acme", &Page::NewIncident), "/r/acme/incident/new");
    assert_eq!(runbook_in_path("/r/acme/wizard"), Some("acme"));
    assert_eq!(runbook_in_path("/r/acme"), Some("acme"));
    assert_eq!(runbook_in_path("/r/"), None);
    assert_eq!(runbook_in_path("/triage"), None);
}

#[test]
fn a_data_file_must_hold_the_runbook_the_index_names() {
    let err = parse_runbook("not json", "acme").unwrap_err();
    assert!(err.en.contains("“acme”") && err.zh.contains("“acme”"), "{err:?}");
}
