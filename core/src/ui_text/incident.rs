//! UI strings of the incident page.

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Incident", "事件");
