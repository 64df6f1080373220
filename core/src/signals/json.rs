//! Field access that reports the dotted path of whatever is missing or mistyped.

use serde_json::{Map, Value};

use super::fetch::ShapeError;
use crate::i18n::Text;

pub(super) const OBJECT: Text = Text::new("an object", "对象");
pub(super) const ARRAY: Text = Text::new("an array", "数组");
pub(super) const STRING: Text = Text::new("a string", "字符串");
pub(super) const NUMBER: Text = Text::new("a number", "数字");

pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub(super) fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// The whole document, when the problem is at the top level.
pub(super) const ROOT: &str = "(root)";

fn name(path: &str) -> &str {
    if path.is_empty() {
        ROOT
    } else {
        path
    }
}

pub(super) fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ShapeError> {
    v.as_object()
        .ok_or_else(|| ShapeError::wrong_type(name(path), OBJECT, v))
}

pub(super) fn array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, ShapeError> {
    v.as_array().ok_or_else(|| ShapeError::wrong_type(name(path), ARRAY, v))
}

pub(super) fn string<'a>(v: &'a Value, path: &str) -> Result<&'a str, ShapeError> {
    v.as_str().ok_or_else(|| ShapeError::wrong_type(name(path), STRING, v))
}

/// `obj.key`, where `obj` (at `path`) must be an object and `key` must be present.
pub(super) fn field<'a>(obj: &'a Value, path: &str, key: &str) -> Result<&'a Value, ShapeError> {
    object(obj, path)?
        .get(key)
        .ok_or_else(|| ShapeError::missing(join(path, key)))
}
