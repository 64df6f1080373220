//! The runbook as static HTML inside index.html: readable before the wasm loads and without JS.
//! Both languages side by side, with the same classes the app uses, so the swap is seamless.

use runbook_core::i18n::Lang;
use runbook_core::runbook::{self, Runbook};

const MARKER: &str = "<!--prerender-->";

pub fn inject(html: &str) -> Result<String, String> {
    if !html.contains(MARKER) {
        return Err(format!("index.html has no {MARKER} marker"));
    }
    let source = &runbook::catalog()[0];
    let book = runbook::load(source).map_err(|e| e.to_string())?;
    Ok(html.replacen(MARKER, &render(&book), 1))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn render(book: &Runbook) -> String {
    let mut out = String::from("<main id=\"prerender\" class=\"prerender\"><div class=\"runbook both\">");
    for lang in Lang::ALL {
        out += &format!("<h1 lang=\"{}\">{}</h1>", lang.tag(), escape(book.title.get(lang)));
    }
    for pair in book.paired_sections() {
        out += &format!(
            "<section class=\"section-pair both\" data-section=\"{}\">",
            escape(pair.id)
        );
        for lang in Lang::ALL {
            let section = pair.get(lang);
            out += &format!(
                "<div class=\"md\" lang=\"{}\"><h2>{}</h2>{}</div>",
                lang.tag(),
                escape(&section.title),
                section.html
            );
        }
        out += "</section>";
    }
    out + "</div></main>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_in_both_languages_replaces_the_marker() {
        let html = inject("<body><div id=\"app\"></div><!--prerender--></body>").unwrap();
        assert!(!html.contains(MARKER));
        let book = runbook::load(&runbook::catalog()[0]).unwrap();
        for pair in book.paired_sections() {
            assert!(html.contains(&format!("data-section=\"{}\"", pair.id)));
            assert!(html.contains(&escape(&pair.en.title)) && html.contains(&escape(&pair.zh.title)));
        }
    }

    #[test]
    fn missing_marker_is_an_error() {
        assert!(inject("<body></body>").is_err());
    }
}
