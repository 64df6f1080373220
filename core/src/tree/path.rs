//! The answers given so far, walking the tree from the root, and their compact link form:
//! `api_errors:yes*,vendor_incident:no!yes,error_type:auth`, one `node:value` per step, where a
//! trailing `*` means the live suggestion was confirmed and `!other` means it was overridden
//! (the suggestion was `other`); a bare value was answered without a suggestion.

use serde::{Deserialize, Serialize};

use super::{Node, Tree};
use crate::i18n::Bilingual;

/// Query parameter the shell puts the path under.
pub const PATH_QUERY_KEY: &str = "a";

const MAX_REPORTED_PROBLEMS: usize = 5;

/// How an answer was chosen relative to the live evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerSource {
    /// The answer the evidence suggested.
    Confirmed,
    /// A different answer than the one suggested (index of the suggested answer).
    Overridden { suggested: usize },
    /// No suggestion was available.
    Manual,
}

impl AnswerSource {
    pub fn from_choice(chosen: usize, suggested: Option<usize>) -> AnswerSource {
        match suggested {
            None => AnswerSource::Manual,
            Some(s) if s == chosen => AnswerSource::Confirmed,
            Some(s) => AnswerSource::Overridden { suggested: s },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub node: String,
    pub answer: usize,
    pub source: AnswerSource,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Path {
    pub steps: Vec<Step>,
}

/// Where a walk ended: `node` is the current step, `followed` how many steps of the path led
/// there (fewer than the path's length when the tree no longer matches the later steps).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Walk<'t> {
    pub node: &'t Node,
    pub followed: usize,
}

/// Follows `path` from the root as far as it matches the tree. `None` only if the root is missing.
pub fn walk<'t>(tree: &'t Tree, path: &Path) -> Option<Walk<'t>> {
    let mut node = tree.root_node()?;
    let mut followed = 0;
    for step in &path.steps {
        let next = (step.node == node.id())
            .then(|| node.answers().get(step.answer))
            .flatten()
            .and_then(|a| tree.node(&a.next));
        match next {
            Some(n) => {
                node = n;
                followed += 1;
            }
            None => break,
        }
    }
    Some(Walk { node, followed })
}

impl Path {
    /// Answers `node_id` with answer `answer`. Answering an earlier question again replaces
    /// that answer and drops everything after it.
    pub fn choose(&mut self, tree: &Tree, node_id: &str, answer: usize, source: AnswerSource) -> Result<(), Bilingual> {
        let walked = walk(tree, self).ok_or_else(missing_root)?;
        self.steps.truncate(walked.followed);
        if let Some(pos) = self.steps.iter().position(|s| s.node == node_id) {
            self.steps.truncate(pos);
        } else if walked.node.id() != node_id {
            return Err(Bilingual::new(
                format!("\"{node_id}\" is not a question on the current path; answer the current question or change an earlier one."),
                format!("\"{node_id}\" 不在当前路径上;请回答当前问题或修改之前的答案。"),
            ));
        }
        let node = tree.node(node_id).ok_or_else(missing_root)?;
        if answer >= node.answers().len() {
            return Err(Bilingual::new(
                format!(
                    "\"{node_id}\" has no answer number {}; pick one of the offered answers.",
                    answer + 1
                ),
                format!("\"{node_id}\" 没有第 {} 个答案;请从给出的答案中选择。", answer + 1),
            ));
        }
        self.steps.push(Step {
            node: node_id.to_string(),
            answer,
            source,
        });
        Ok(())
    }

    /// Undoes the last answer.
    pub fn back(&mut self) -> Option<Step> {
        self.steps.pop()
    }

    pub fn restart(&mut self) {
        self.steps.clear();
    }

    /// The link form of the steps that still match the tree.
    pub fn to_query(&self, tree: &Tree) -> String {
        let followed = walk(tree, self).map_or(0, |w| w.followed);
        let mut parts = Vec::with_capacity(followed);
        for step in &self.steps[..followed] {
            let Some(node) = tree.node(&step.node) else { break };
            let value = |i: usize| node.answers().get(i).map_or("", |a| a.value.as_str());
            let part = match step.source {
                AnswerSource::Manual => format!("{}:{}", step.node, value(step.answer)),
                AnswerSource::Confirmed => format!("{}:{}*", step.node, value(step.answer)),
                AnswerSource::Overridden { suggested } => {
                    format!("{}:{}!{}", step.node, value(step.answer), value(suggested))
                }
            };
            parts.push(part);
        }
        parts.join(",")
    }

    /// Reads the link form. Parts that are malformed, unknown or do not follow from the
    /// previous answers are dropped and described in the returned problems.
    pub fn from_query(tree: &Tree, query: &str) -> (Path, Vec<Bilingual>) {
        let mut path = Path::default();
        let mut problems = Vec::new();
        let mut dropped = 0usize;
        for part in query.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_step(tree, &path, part) {
                Ok((step, note)) => {
                    path.steps.push(step);
                    problems.extend(note);
                }
                Err(problem) => {
                    dropped += 1;
                    if dropped <= MAX_REPORTED_PROBLEMS {
                        problems.push(problem);
                    }
                }
            }
        }
        if dropped > MAX_REPORTED_PROBLEMS {
            let more = dropped - MAX_REPORTED_PROBLEMS;
            problems.push(Bilingual::new(
                format!("{more} more parts of the link's answers were ignored."),
                format!("链接中另有 {more} 个答案被忽略。"),
            ));
        }
        (path, problems)
    }
}

fn missing_root() -> Bilingual {
    Bilingual::new(
        "The decision tree has no root question; the tree file needs fixing.",
        "决策树没有根问题;需要修正决策树文件。",
    )
}

fn shown(part: &str) -> String {
    part.chars().take(40).collect()
}

/// One `node:value[*|!suggested]` part, checked against where the path currently stands.
fn parse_step(tree: &Tree, path: &Path, part: &str) -> Result<(Step, Option<Bilingual>), Bilingual> {
    let ignored = |why_en: &str, why_zh: &str| {
        let p = shown(part);
        Bilingual::new(
            format!("Ignored \"{p}\" in the link's answers: {why_en}."),
            format!("已忽略链接答案中的 \"{p}\":{why_zh}。"),
        )
    };
    let (node_id, rest) = part
        .split_once(':')
        .ok_or_else(|| ignored("expected question:answer", "应为 问题:答案 的形式"))?;
    let current = walk(tree, path).ok_or_else(missing_root)?.node;
    if current.id() != node_id {
        return Err(if tree.node(node_id).is_some() {
            ignored("it does not follow from the answers before it", "它与前面的答案不衔接")
        } else {
            ignored("no such question", "没有这个问题")
        });
    }
    let (value, marker) = match rest.find(['*', '!']) {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let answer = current
        .answer_index(value)
        .ok_or_else(|| ignored("no such answer to this question", "该问题没有这个答案"))?;
    let mut note = None;
    let source = match marker {
        None => AnswerSource::Manual,
        Some("*") => AnswerSource::Confirmed,
        Some(m) => match m.strip_prefix('!').and_then(|s| current.answer_index(s)) {
            Some(suggested) => AnswerSource::from_choice(answer, Some(suggested)),
            None => {
                note = Some(ignored(
                    "the suggestion mark is not understood; the answer is kept as chosen by hand",
                    "无法识别建议标记;该答案按手动选择保留",
                ));
                AnswerSource::Manual
            }
        },
    };
    Ok((
        Step {
            node: node_id.to_string(),
            answer,
            source,
        },
        note,
    ))
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
