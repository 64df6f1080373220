//! The rules a decision tree must follow before the wizard can walk it.

use std::collections::{HashMap, HashSet};

use super::{Node, Tree, TreeText};
use crate::i18n::Bilingual;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeRule {
    MissingRoot,
    DuplicateId,
    /// Node ids and answer values appear in links: `[a-z0-9_]+`.
    BadId,
    DanglingNext,
    Unreachable,
    Cycle,
    /// A question without answers would be a dead end.
    LeafNotOutcome,
    TooFewAnswers,
    DuplicateAnswer,
    /// A question driven by a signal must offer exactly the values the signal can suggest.
    SignalAnswers,
    OutcomeWithoutAction,
    MissingNextStep,
    MissingRunbookSection,
    MissingText,
}

/// Where in tree.json a rule is broken, so that the authoring check can name the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreePlace {
    /// The `root` field.
    Root,
    /// The node with this id (the first, for a duplicate id: the place is the later one).
    Node { id: String, nth: usize },
    /// Answer `index` of the question with this id.
    Answer { node: String, index: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeError {
    pub rule: TreeRule,
    pub place: TreePlace,
    pub message: Bilingual,
}

fn err(rule: TreeRule, place: TreePlace, en: String, zh: String) -> TreeError {
    TreeError {
        rule,
        place,
        message: Bilingual::new(en, zh),
    }
}

fn at_node(id: &str) -> TreePlace {
    TreePlace::Node {
        id: id.to_string(),
        nth: 0,
    }
}

fn at_answer(node: &str, index: usize) -> TreePlace {
    TreePlace::Answer {
        node: node.to_string(),
        index,
    }
}

fn is_link_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn blank(t: &TreeText) -> bool {
    t.en.trim().is_empty() || t.zh.trim().is_empty()
}

/// Every rule broken by `tree`; empty when the tree can be used.
pub fn validate(tree: &Tree) -> Vec<TreeError> {
    let mut errors = Vec::new();
    let mut ids: HashMap<&str, &Node> = HashMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for node in &tree.nodes {
        let id = node.id();
        let nth = seen.entry(id).or_insert(0);
        let place = TreePlace::Node {
            id: id.to_string(),
            nth: *nth,
        };
        *nth += 1;
        if ids.insert(id, node).is_some() {
            errors.push(err(
                TreeRule::DuplicateId,
                place.clone(),
                format!("Node id \"{id}\" is used more than once; give each node its own id."),
                format!("节点 id \"{id}\" 重复出现;请为每个节点使用唯一 id。"),
            ));
        }
        if !is_link_id(id) {
            errors.push(err(
                TreeRule::BadId,
                place.clone(),
                format!("Node id \"{id}\" must use only a-z, 0-9 and '_' (it appears in links)."),
                format!("节点 id \"{id}\" 只能包含 a-z、0-9 和 '_'(它会出现在链接中)。"),
            ));
        }
        check_node(node, place, &mut errors);
    }
    if !ids.contains_key(tree.root.as_str()) {
        errors.push(err(
            TreeRule::MissingRoot,
            TreePlace::Root,
            format!(
                "The root \"{}\" is not a node of the tree; set root to an existing node id.",
                tree.root
            ),
            format!("根节点 \"{}\" 不存在;请把 root 设为已有的节点 id。", tree.root),
        ));
    }
    for node in &tree.nodes {
        for (index, answer) in node.answers().iter().enumerate() {
            if !ids.contains_key(answer.next.as_str()) {
                errors.push(err(
                    TreeRule::DanglingNext,
                    at_answer(node.id(), index),
                    format!(
                        "Answer \"{}\" of \"{}\" leads to \"{}\", which does not exist.",
                        answer.value,
                        node.id(),
                        answer.next
                    ),
                    format!(
                        "\"{}\" 的答案 \"{}\" 指向不存在的节点 \"{}\"。",
                        node.id(),
                        answer.value,
                        answer.next
                    ),
                ));
            }
        }
    }
    check_reachable(tree, &ids, &mut errors);
    check_cycles(tree, &ids, &mut errors);
    errors
}

fn check_node(node: &Node, place: TreePlace, errors: &mut Vec<TreeError>) {
    let id = node.id();
    let mut texts = vec![node.text()];
    match node {
        Node::Question { answers, signal, .. } => {
            if answers.is_empty() {
                errors.push(err(
                    TreeRule::LeafNotOutcome,
                    place.clone(),
                    format!("Question \"{id}\" has no answers; a dead end must be an outcome."),
                    format!("问题 \"{id}\" 没有答案;末端节点必须是结论。"),
                ));
            } else if answers.len() < 2 {
                errors.push(err(
                    TreeRule::TooFewAnswers,
                    place.clone(),
                    format!("Question \"{id}\" has only one answer; give it at least two."),
                    format!("问题 \"{id}\" 只有一个答案;至少需要两个。"),
                ));
            }
            let mut values = HashSet::new();
            for (index, answer) in answers.iter().enumerate() {
                texts.push(&answer.label);
                if !values.insert(answer.value.as_str()) {
                    errors.push(err(
                        TreeRule::DuplicateAnswer,
                        at_answer(id, index),
                        format!("Question \"{id}\" has two answers with value \"{}\".", answer.value),
                        format!("问题 \"{id}\" 有两个值为 \"{}\" 的答案。", answer.value),
                    ));
                }
                if !is_link_id(&answer.value) {
                    errors.push(err(
                        TreeRule::BadId,
                        at_answer(id, index),
                        format!(
                            "Answer value \"{}\" of \"{id}\" must use only a-z, 0-9 and '_'.",
                            answer.value
                        ),
                        format!("\"{id}\" 的答案值 \"{}\" 只能包含 a-z、0-9 和 '_'。", answer.value),
                    ));
                }
            }
            if let Some(signal) = signal {
                let expected: HashSet<&str> = signal.answer_values().iter().copied().collect();
                if values != expected {
                    let list = signal.answer_values().join(", ");
                    errors.push(err(
                        TreeRule::SignalAnswers,
                        place.clone(),
                        format!("Question \"{id}\" uses a live signal, so its answer values must be exactly: {list}."),
                        format!("问题 \"{id}\" 使用实时信号,其答案值必须恰好是:{list}。"),
                    ));
                }
            }
        }
        Node::Outcome {
            summary,
            actions,
            runbook_section,
            next_step,
            ..
        } => {
            texts.push(summary);
            texts.extend(actions.iter().map(|a| &a.text));
            if actions.is_empty() {
                errors.push(err(
                    TreeRule::OutcomeWithoutAction,
                    place.clone(),
                    format!("Outcome \"{id}\" has no actions; add at least one thing to do."),
                    format!("结论 \"{id}\" 没有处理动作;至少添加一项。"),
                ));
            }
            if blank(next_step) {
                errors.push(err(
                    TreeRule::MissingNextStep,
                    place.clone(),
                    format!("Outcome \"{id}\" needs a next step in both languages."),
                    format!("结论 \"{id}\" 需要中英文的后续步骤。"),
                ));
            }
            if runbook_section.trim().is_empty() {
                errors.push(err(
                    TreeRule::MissingRunbookSection,
                    place.clone(),
                    format!("Outcome \"{id}\" must link to a runbook section id."),
                    format!("结论 \"{id}\" 必须链接到运行手册的章节 id。"),
                ));
            }
        }
    }
    if texts.into_iter().any(blank) {
        errors.push(err(
            TreeRule::MissingText,
            place.clone(),
            format!("Node \"{id}\" has a text missing in English or Chinese; fill in both."),
            format!("节点 \"{id}\" 有文字缺少英文或中文;请补全两种语言。"),
        ));
    }
}

fn check_reachable(tree: &Tree, ids: &HashMap<&str, &Node>, errors: &mut Vec<TreeError>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = ids.get(tree.root.as_str()).map(|n| n.id()).into_iter().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(node) = ids.get(id) {
            stack.extend(
                node.answers()
                    .iter()
                    .map(|a| a.next.as_str())
                    .filter(|n| ids.contains_key(n)),
            );
        }
    }
    for node in &tree.nodes {
        if !seen.contains(node.id()) {
            errors.push(err(
                TreeRule::Unreachable,
                at_node(node.id()),
                format!(
                    "Node \"{}\" cannot be reached from the root; link it or remove it.",
                    node.id()
                ),
                format!("从根节点无法到达节点 \"{}\";请链接它或删除它。", node.id()),
            ));
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    Open,
    Done,
}

/// Depth-first search from every node; each edge back into the open stack closes a cycle.
fn check_cycles(tree: &Tree, ids: &HashMap<&str, &Node>, errors: &mut Vec<TreeError>) {
    let mut state: HashMap<&str, Visit> = HashMap::new();
    for start in &tree.nodes {
        if state.contains_key(start.id()) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start.id(), 0)];
        state.insert(start.id(), Visit::Open);
        while let Some((id, next_answer)) = stack.pop() {
            let answers = ids.get(id).map(|n| n.answers()).unwrap_or(&[]);
            let Some(answer) = answers.get(next_answer) else {
                state.insert(id, Visit::Done);
                continue;
            };
            stack.push((id, next_answer + 1));
            let to = answer.next.as_str();
            match state.get(to) {
                Some(Visit::Open) => errors.push(err(
                    TreeRule::Cycle,
                    at_answer(id, next_answer),
                    format!(
                        "Answer \"{}\" of \"{id}\" leads back to \"{to}\", making a loop.",
                        answer.value
                    ),
                    format!("\"{id}\" 的答案 \"{}\" 又回到了 \"{to}\",形成循环。", answer.value),
                )),
                Some(Visit::Done) => {}
                None if ids.contains_key(to) => {
                    state.insert(to, Visit::Open);
                    stack.push((to, 0));
                }
                None => {}
            }
        }
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
