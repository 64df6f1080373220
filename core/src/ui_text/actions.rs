//! UI strings of the actions page.

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Commands", "命令");
