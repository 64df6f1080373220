//! Making user text safe to drop into a template: no control characters, no line breaks where
//! a template expects one line, and no Markdown syntax inside the postmortem.

/// Bidirectional overrides, isolates and marks: they can visually reorder the rest of a message.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// One line of plain text: every run of whitespace (line breaks included) becomes one space,
/// control and bidi characters are dropped, and the ends are trimmed.
pub(crate) fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Slack's words that notify everyone in a channel when written after an '@'.
const MASS_MENTIONS: [&str; 3] = ["here", "channel", "everyone"];

/// Whether `text` starts with a mass-mention word (`here`, `Channel!`, not `heretic`).
fn mentions_everyone(text: &str) -> bool {
    MASS_MENTIONS.iter().any(|m| {
        text.get(..m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m))
            && !text[m.len()..].chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// One line for a Slack message: an '@' in front of a mass-mention word (`@here`, `@Channel`)
/// and the '!' of Slack's `<!here>` syntax are dropped, so pasting it notifies no one. Whether
/// anything was dropped comes back too.
pub(super) fn no_mass_mention(text: &str) -> (String, bool) {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len());
    let mut defused = false;
    let mut rest = line.as_str();
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '@' && mentions_everyone(after) {
            defused = true;
            while out.ends_with('@') {
                out.pop();
            }
        } else if c == '!' && out.ends_with('<') {
            defused = true;
        } else {
            out.push(c);
        }
        rest = after;
    }
    (out, defused)
}

/// Text that is present after cleaning, or `None` for missing/blank input.
pub(super) fn present(text: Option<&str>) -> Option<String> {
    text.map(one_line).filter(|t| !t.is_empty())
}

/// ASCII punctuation that starts Markdown syntax anywhere in a line (emphasis, code, links,
/// HTML, entities, tables, math, footnotes, heading attributes and closing `#`s).
const MARKDOWN_INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '^', '$', '#', '{', '}',
];

/// Characters that start a block (list, quote, rule, setext underline, definition) at line start.
const MARKDOWN_BLOCK_START: &[char] = &['-', '+', '=', ':', '>'];

/// One line of literal text for Markdown: inline syntax characters are backslash-escaped, and
/// so is a first character or the end of a leading number that would start a block.
pub(super) fn markdown_text(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let starts_block =
            (i == 0 && MARKDOWN_BLOCK_START.contains(&c)) || (i == digits && i > 0 && matches!(c, '.' | ')'));
        if starts_block || MARKDOWN_INLINE.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_breaks_and_drops_controls() {
        assert_eq!(one_line("  a\r\n\tb\u{2028}c  "), "a b c");
        assert_eq!(one_line("x\u{0}\u{7}\u{1b}[31my"), "x[31my");
        assert_eq!(one_line("abc\u{202E}fed"), "abcfed");
        assert_eq!(one_line("a\u{200E}b\u{200F}c\u{061C}d\u{2069}"), "abcd");
        assert_eq!(one_line("👩\u{200D}💻 ok"), "👩\u{200D}💻 ok");
    }

    #[test]
    fn mass_mentions_are_defused() {
        assert_eq!(no_mass_mention("alice"), ("alice".into(), false));
        assert_eq!(no_mass_mention("a@b.com @heretic"), ("a@b.com @heretic".into(), false));
        for (raw, clean) in [
            ("@here", "here"),
            ("@@Channel", "Channel"),
            ("x @EVERYONE!", "x EVERYONE!"),
            ("<!here>", "<here>"),
            ("<!channel|channel>", "<channel|channel>"),
        ] {
            let (out, defused) = no_mass_mention(raw);
            assert!(defused, "{raw}");
            let (again, _) = no_mass_mention(&out);
            assert_eq!(out, clean, "{raw}");
            assert!(
                !again.contains("@here") && !again.to_lowercase().contains("@channel"),
                "{raw}"
            );
        }
    }

    #[test]
    fn present_treats_blank_as_missing() {
        assert_eq!(present(None), None);
        assert_eq!(present(Some(" \n\t")), None);
        assert_eq!(present(Some(" x ")), Some("x".into()));
    }

    #[test]
    fn markdown_escapes_inline_and_block_starts() {
        assert_eq!(markdown_text("# Heading"), "\\# Heading");
        assert_eq!(markdown_text("- item"), "\\- item");
        assert_eq!(markdown_text("12. item"), "12\\. item");
        assert_eq!(markdown_text("<b>x</b> & *y*"), "\\<b\\>x\\</b\\> \\& \\*y\\*");
        assert_eq!(markdown_text("a.b-c (d)"), "a.b-c (d)");
        assert_eq!(markdown_text("line\n## two"), "line \\#\\# two");
    }
}
