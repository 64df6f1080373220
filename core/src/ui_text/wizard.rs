//! UI strings of the wizard page.

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Decision tree", "决策树");
