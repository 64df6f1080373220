//! Number and text formatting shared by the signal messages.

/// Untrusted text made safe to show in one line: control characters turned into spaces,
/// bidirectional overrides and isolates dropped, whitespace collapsed, cut to at most
/// `max_chars` characters (an ellipsis marks the cut).
pub(super) fn excerpt(text: &str, max_chars: usize) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let one_line = crate::messages::sanitize::one_line(&spaced);
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A measured value with as many decimals as it needs: 0.72, 0.1, 0.0042, 12.3, 1250.
pub(super) fn number(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    let a = v.abs();
    let decimals = if a == 0.0 || a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        ((-a.log10()).floor() as usize + 2).min(6)
    };
    trim_zeros(format!("{v:.decimals$}"))
}

/// A duration in milliseconds as seconds: "5", "2.5", "0.8".
pub(super) fn seconds_from_ms(ms: u32) -> String {
    trim_zeros(format!("{:.1}", f64::from(ms) / 1000.0))
}

fn trim_zeros(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    let trimmed = s.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".into()
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_one_line_and_bounded() {
        assert_eq!(excerpt("  <html>\n\t<body>\r\n x\u{0}y ", 80), "<html> <body> x y");
        let long = "é".repeat(100);
        let cut = excerpt(&long, 80);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(&"a".repeat(80), 80), "a".repeat(80));
        assert_eq!(excerpt("", 80), "");
    }

    #[test]
    fn excerpt_drops_bidi_overrides_and_isolates() {
        assert_eq!(
            excerpt("cannot\u{202E}txt.exe \u{2066}x\u{2069}\u{200F}\u{061C} y", 80),
            "cannottxt.exe x y"
        );
        assert_eq!(excerpt("\u{202E}\u{202D}", 80), "");
    }

    #[test]
    fn numbers_keep_significant_digits() {
        assert_eq!(number(0.72), "0.72");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(0.0042), "0.0042");
        assert_eq!(number(12.34), "12.3");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(1249.6), "1250");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::NEG_INFINITY), "-Inf");
        assert_eq!(seconds_from_ms(5000), "5");
        assert_eq!(seconds_from_ms(2500), "2.5");
        assert_eq!(seconds_from_ms(800), "0.8");
    }
}
