//! UI strings of the comms page.

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Communication", "沟通");
