//! Languages and bilingual text. A `Text` can only be built with both languages,
//! so a missing translation is a compile error rather than a blank in the UI.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// BCP 47 tag for `<html lang>` and `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// What the reader chose to see: one language, or both side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangMode {
    En,
    Zh,
    Both,
}

impl LangMode {
    pub const ALL: [LangMode; 3] = [LangMode::En, LangMode::Zh, LangMode::Both];

    /// The languages shown, in display order.
    pub fn langs(self) -> &'static [Lang] {
        match self {
            LangMode::En => &[Lang::En],
            LangMode::Zh => &[Lang::Zh],
            LangMode::Both => &Lang::ALL,
        }
    }

    /// The language used for UI chrome (labels, buttons).
    pub fn primary(self) -> Lang {
        match self {
            LangMode::Zh => Lang::Zh,
            LangMode::En | LangMode::Both => Lang::En,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LangMode::En => "en",
            LangMode::Zh => "zh",
            LangMode::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<LangMode> {
        match s {
            "en" => Some(LangMode::En),
            "zh" => Some(LangMode::Zh),
            "both" => Some(LangMode::Both),
            _ => None,
        }
    }

    /// First default from the browser's preferred languages (`navigator.languages`).
    pub fn from_browser_languages<'a>(langs: impl IntoIterator<Item = &'a str>) -> LangMode {
        for l in langs {
            let l = l.to_ascii_lowercase();
            if l.starts_with("zh") {
                return LangMode::Zh;
            }
            if l.starts_with("en") {
                return LangMode::En;
            }
        }
        LangMode::En
    }
}

/// A fixed bilingual string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// A bilingual string built at run time (messages with values filled in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub en: String,
    pub zh: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Bilingual {
        Bilingual {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// Both languages in one line, English first: for logs and "both" mode.
    pub fn joined(&self) -> String {
        format!("{} / {}", self.en, self.zh)
    }

    /// "Label: message" in each language, with that language's colon (see [`colon`]).
    pub fn labelled(label: &Bilingual, message: &Bilingual) -> Bilingual {
        Bilingual::new(
            format!("{}{}{}", label.en, colon(Lang::En), message.en),
            format!("{}{}{}", label.zh, colon(Lang::Zh), message.zh),
        )
    }
}

/// The colon between a label and what follows: ": " in English; in Chinese the app's one
/// convention, a colon with no space.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => ":",
    }
}

impl From<Text> for Bilingual {
    fn from(t: Text) -> Bilingual {
        Bilingual::new(t.en, t.zh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_pick_first_supported() {
        assert_eq!(LangMode::from_browser_languages(["fr-FR", "zh-TW", "en"]), LangMode::Zh);
        assert_eq!(LangMode::from_browser_languages(["en-GB", "zh-CN"]), LangMode::En);
        assert_eq!(LangMode::from_browser_languages(["de"]), LangMode::En);
        assert_eq!(LangMode::from_browser_languages([]), LangMode::En);
    }

    #[test]
    fn mode_round_trips_through_its_string() {
        for m in LangMode::ALL {
            assert_eq!(LangMode::parse(m.as_str()), Some(m));
        }
        assert_eq!(LangMode::parse("fr"), None);
    }
}
