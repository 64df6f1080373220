use super::super::{Answer, Signal, Source};
use super::*;

fn text(s: &str) -> TreeText {
    TreeText {
        en: s.into(),
        zh: format!("{s}(中)"),
        source: Source::App,
    }
}

fn question(id: &str, nexts: &[(&str, &str)]) -> Node {
    Node::Question {
        id: id.into(),
        text: text(id),
        signal: None,
        answers: nexts
            .iter()
            .map(|(value, next)| Answer {
                value: (*value).into(),
                label: text(value),
                next: (*next).into(),
            })
            .collect(),
    }
}

fn outcome(id: &str) -> Node {
    Node::Outcome {
        id: id.into(),
        text: text(id),
        summary: text("summary"),
        actions: vec![super::super::Action {
            text: text("do"),
            command: None,
        }],
        runbook_section: "quick-triage".into(),
        typical_severity: None,
        next_step: text("next"),
        error_type: None,
    }
}

fn good() -> Tree {
    Tree {
        root: "q".into(),
        nodes: vec![question("q", &[("yes", "a"), ("no", "b")]), outcome("a"), outcome("b")],
    }
}

fn rules(tree: &Tree) -> Vec<TreeRule> {
    validate(tree).into_iter().map(|e| e.rule).collect()
}

#[test]
fn good_tree_passes() {
    assert_eq!(rules(&good()), vec![]);
}

#[test]
fn missing_root() {
    let mut t = good();
    t.root = "nope".into();
    let r = rules(&t);
    assert!(r.contains(&TreeRule::MissingRoot), "{r:?}");
}

#[test]
fn duplicate_and_bad_ids() {
    let mut t = good();
    t.nodes.push(outcome("a"));
    assert!(rules(&t).contains(&TreeRule::DuplicateId));
    let mut t = good();
    t.nodes[0] = question("q", &[("Yes!", "a"), ("no", "b")]);
    assert_eq!(rules(&t), vec![TreeRule::BadId]);
}

#[test]
fn dangling_next() {
    let mut t = good();
    t.nodes[0] = question("q", &[("yes", "a"), ("no", "ghost")]);
    let r = rules(&t);
    assert!(r.contains(&TreeRule::DanglingNext), "{r:?}");
    assert!(r.contains(&TreeRule::Unreachable), "b is now unreachable: {r:?}");
}

#[test]
fn unreachable_node() {
    let mut t = good();
    t.nodes.push(outcome("orphan"));
    assert_eq!(rules(&t), vec![TreeRule::Unreachable]);
}

#[test]
fn cycle() {
    let mut t = good();
    t.nodes = vec![
        question("q", &[("yes", "a"), ("no", "q2")]),
        question("q2", &[("yes", "q"), ("no", "a")]),
        outcome("a"),
    ];
    assert_eq!(rules(&t), vec![TreeRule::Cycle]);
    t.nodes[1] = question("q2", &[("yes", "q2"), ("no", "a")]);
    assert_eq!(rules(&t), vec![TreeRule::Cycle], "self loop");
}

#[test]
fn cycle_away_from_root_is_found_too() {
    let mut t = good();
    t.nodes.push(question("x", &[("yes", "y"), ("no", "a")]));
    t.nodes.push(question("y", &[("yes", "x"), ("no", "a")]));
    let r = rules(&t);
    assert!(r.contains(&TreeRule::Cycle), "{r:?}");
}

#[test]
fn question_leaf_and_single_answer() {
    let mut t = good();
    t.nodes[2] = question("b", &[]);
    assert_eq!(rules(&t), vec![TreeRule::LeafNotOutcome]);
    t.nodes[2] = question("b", &[("only", "a")]);
    assert_eq!(rules(&t), vec![TreeRule::TooFewAnswers]);
}

#[test]
fn duplicate_answer_value() {
    let mut t = good();
    t.nodes[0] = question("q", &[("yes", "a"), ("yes", "b")]);
    assert_eq!(rules(&t), vec![TreeRule::DuplicateAnswer]);
}

#[test]
fn signal_needs_its_answer_values() {
    let mut t = good();
    t.nodes[0] = question("q", &[("yes", "a"), ("nope", "b")]);
    if let Node::Question { signal, .. } = &mut t.nodes[0] {
        *signal = Some(Signal::ApiErrors);
    }
    assert_eq!(rules(&t), vec![TreeRule::SignalAnswers]);
    if let Node::Question { signal, .. } = &mut t.nodes[0] {
        *signal = None;
    }
    assert_eq!(rules(&t), vec![], "without a signal any values are fine");
}

#[test]
fn outcome_needs_action_next_step_and_section() {
    let mut t = good();
    if let Node::Outcome { actions, .. } = &mut t.nodes[1] {
        actions.clear();
    }
    assert_eq!(rules(&t), vec![TreeRule::OutcomeWithoutAction]);
    let mut t = good();
    if let Node::Outcome { next_step, .. } = &mut t.nodes[1] {
        next_step.zh = " ".into();
    }
    assert_eq!(rules(&t), vec![TreeRule::MissingNextStep]);
    let mut t = good();
    if let Node::Outcome { runbook_section, .. } = &mut t.nodes[1] {
        runbook_section.clear();
    }
    assert_eq!(rules(&t), vec![TreeRule::MissingRunbookSection]);
}

#[test]
fn every_text_needs_both_languages() {
    let mut t = good();
    if let Node::Question { answers, .. } = &mut t.nodes[0] {
        answers[1].label.en.clear();
    }
    assert_eq!(rules(&t), vec![TreeRule::MissingText]);
    let mut t = good();
    if let Node::Outcome { actions, .. } = &mut t.nodes[2] {
        actions[0].text.zh.clear();
    }
    assert_eq!(rules(&t), vec![TreeRule::MissingText]);
    let mut t = good();
    if let Node::Outcome { summary, .. } = &mut t.nodes[2] {
        summary.en.clear();
    }
    assert_eq!(rules(&t), vec![TreeRule::MissingText]);
}

#[test]
fn messages_are_bilingual_and_name_the_node() {
    let mut t = good();
    t.nodes.push(outcome("orphan"));
    for e in validate(&t) {
        assert!(e.message.en.contains("orphan") && e.message.zh.contains("orphan"));
    }
}
