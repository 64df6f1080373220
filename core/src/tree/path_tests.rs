use super::*;

fn tree() -> Tree {
    crate::tree::test_tree()
}

fn answer(tree: &Tree, path: &mut Path, node: &str, value: &str, source: AnswerSource) {
    let i = tree.node(node).unwrap().answer_index(value).unwrap();
    path.choose(tree, node, i, source).unwrap();
}

#[test]
fn walks_to_each_outcome() {
    let t = tree();
    let cases = [
        ("api_errors:yes,vendor_incident:yes", "wait_for_vendor"),
        ("api_errors:yes,vendor_incident:no,error_type:auth", "auth_errors"),
        (
            "api_errors:yes,vendor_incident:no,error_type:rate_limited",
            "rate_limited",
        ),
        ("api_errors:yes,vendor_incident:no,error_type:vendor", "vendor_errors"),
        ("api_errors:yes,vendor_incident:no,error_type:other", "other_errors"),
        ("api_errors:no,service_healthy:yes", "monitor"),
        ("api_errors:no,service_healthy:no", "infrastructure"),
    ];
    for (q, outcome) in cases {
        let (path, problems) = Path::from_query(&t, q);
        assert!(problems.is_empty(), "{q}: {problems:?}");
        let w = walk(&t, &path).unwrap();
        assert_eq!(w.node.id(), outcome, "{q}");
        assert!(w.node.is_outcome());
        assert_eq!(path.to_query(&t), q);
    }
}

#[test]
fn empty_path_is_at_the_root() {
    let t = tree();
    let w = walk(&t, &Path::default()).unwrap();
    assert_eq!((w.node.id(), w.followed), ("api_errors", 0));
}

#[test]
fn changing_an_earlier_answer_drops_later_ones() {
    let t = tree();
    let mut p = Path::default();
    answer(&t, &mut p, "api_errors", "yes", AnswerSource::Manual);
    answer(&t, &mut p, "vendor_incident", "no", AnswerSource::Manual);
    answer(&t, &mut p, "error_type", "auth", AnswerSource::Confirmed);
    answer(
        &t,
        &mut p,
        "api_errors",
        "no",
        AnswerSource::Overridden { suggested: 0 },
    );
    assert_eq!(p.steps.len(), 1);
    assert_eq!(walk(&t, &p).unwrap().node.id(), "service_healthy");
    assert_eq!(p.to_query(&t), "api_errors:no!yes");
}

#[test]
fn answering_off_path_or_out_of_range_is_refused() {
    let t = tree();
    let mut p = Path::default();
    let e = p.choose(&t, "error_type", 0, AnswerSource::Manual).unwrap_err();
    assert!(e.en.contains("error_type") && e.zh.contains("error_type"));
    assert!(p.choose(&t, "api_errors", 2, AnswerSource::Manual).is_err());
    assert!(p.steps.is_empty());
}

#[test]
fn back_and_restart() {
    let t = tree();
    let mut p = Path::default();
    answer(&t, &mut p, "api_errors", "yes", AnswerSource::Manual);
    answer(&t, &mut p, "vendor_incident", "yes", AnswerSource::Manual);
    assert_eq!(p.back().map(|s| s.node), Some("vendor_incident".to_string()));
    assert_eq!(walk(&t, &p).unwrap().node.id(), "vendor_incident");
    p.restart();
    assert_eq!(walk(&t, &p).unwrap().node.id(), "api_errors");
    assert_eq!(p.back(), None);
}

#[test]
fn sources_round_trip_through_the_query() {
    let t = tree();
    let q = "api_errors:yes*,vendor_incident:no!yes,error_type:rate_limited";
    let (p, problems) = Path::from_query(&t, q);
    assert!(problems.is_empty());
    assert_eq!(p.steps[0].source, AnswerSource::Confirmed);
    assert_eq!(p.steps[1].source, AnswerSource::Overridden { suggested: 0 });
    assert_eq!(p.steps[2].source, AnswerSource::Manual);
    assert_eq!(p.to_query(&t), q);
}

#[test]
fn bad_parts_are_dropped_with_a_report() {
    let t = tree();
    let (p, problems) = Path::from_query(
        &t,
        "api_errors:yes,,garbage, nosuch:yes,error_type:auth,vendor_incident:maybe,vendor_incident:no",
    );
    assert_eq!(p.to_query(&t), "api_errors:yes,vendor_incident:no");
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems.iter().all(|b| !b.en.is_empty() && !b.zh.is_empty()));
    assert!(problems[2].en.contains("does not follow"));
}

#[test]
fn unknown_suggestion_mark_keeps_the_answer() {
    let t = tree();
    let (p, problems) = Path::from_query(&t, "api_errors:yes!perhaps");
    assert_eq!(p.steps.len(), 1);
    assert_eq!(p.steps[0].source, AnswerSource::Manual);
    assert_eq!(problems.len(), 1);
}

#[test]
fn many_bad_parts_are_summarised() {
    let t = tree();
    let q = vec!["x:y"; 20].join(",");
    let (p, problems) = Path::from_query(&t, &q);
    assert!(p.steps.is_empty());
    assert_eq!(problems.len(), MAX_REPORTED_PROBLEMS + 1);
    assert!(problems.last().unwrap().en.contains("15 more"));
}

#[test]
fn stale_steps_are_not_followed_or_linked() {
    let t = tree();
    let p = Path {
        steps: vec![
            Step {
                node: "api_errors".into(),
                answer: 0,
                source: AnswerSource::Manual,
            },
            Step {
                node: "service_healthy".into(),
                answer: 0,
                source: AnswerSource::Manual,
            },
        ],
    };
    let w = walk(&t, &p).unwrap();
    assert_eq!((w.node.id(), w.followed), ("vendor_incident", 1));
    assert_eq!(p.to_query(&t), "api_errors:yes");
}

proptest::proptest! {
    #[test]
    fn from_query_never_panics_and_round_trips(q in "\\PC{0,80}") {
        let t = tree();
        let (p, _) = Path::from_query(&t, &q);
        let again = Path::from_query(&t, &p.to_query(&t));
        proptest::prop_assert_eq!(again.0, p);
        proptest::prop_assert!(again.1.is_empty());
    }
}

fn part() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let node = prop_oneof![
        Just("api_errors"),
        Just("vendor_incident"),
        Just("service_healthy"),
        Just("error_type"),
        Just("monitor"),
        Just("x")
    ];
    let value = prop_oneof![
        Just("yes"),
        Just("no"),
        Just("auth"),
        Just("other"),
        Just("zz"),
        Just("")
    ];
    let mark = prop_oneof![Just(""), Just("*"), Just("!yes"), Just("!no"), Just("!q"), Just("*!")];
    (node, value, mark).prop_map(|(n, v, m)| format!("{n}:{v}{m}"))
}

proptest::proptest! {
    #[test]
    fn plausible_links_walk_only_real_edges(parts in proptest::collection::vec(part(), 0..6)) {
        let t = tree();
        let (p, problems) = Path::from_query(&t, &parts.join(","));
        let w = walk(&t, &p).unwrap();
        proptest::prop_assert_eq!(w.followed, p.steps.len(), "every kept step is followed");
        proptest::prop_assert!(p.steps.len() + problems.len() >= parts.len().min(MAX_REPORTED_PROBLEMS));
        for step in &p.steps {
            if let AnswerSource::Overridden { suggested } = step.source {
                proptest::prop_assert_ne!(suggested, step.answer);
            }
        }
    }
}
