//! A small synthetic decision tree for unit tests: the four live-signal questions and an
//! outcome for each way through, for a made-up vendor. Tests of the shipped runbooks live in
//! core/tests/.

use super::Tree;

pub(crate) const TEST_TREE_JSON: &str = include_str!("test_tree.json");

pub(crate) fn test_tree() -> Tree {
    Tree::parse(TEST_TREE_JSON).expect("the test tree parses")
}
