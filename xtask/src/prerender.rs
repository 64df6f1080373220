//! The runbook page as static HTML inside index.html: readable before the wasm loads and
//! without JavaScript. It is the markup the app renders on `/` at the moment it takes over
//! (src/app.rs, src/components/header.rs, src/pages/runbook.rs and the components they use):
//! side by side, chrome in English, no incident, no config.json loaded yet. The app renders
//! into the hidden `#app` above it and removes this copy when it shows itself (platform/
//! startup.rs), so the two must look the same: tests/e2e/prerender.spec.mjs compares them
//! element for element. The chrome's controls are inert here (the language radios disabled
//! and unnamed), and nothing carries a `data-testid`, so a test's locator never finds both.

use runbook_core::i18n::{Lang, LangMode};
use runbook_core::runbook::{self, Runbook, Section, SeverityLevel};
use runbook_core::ui_text as ui;

const MARKER: &str = "<!--prerender-->";
/// Stands for the build id in the page's footer until the build id, which hashes this page,
/// is known (crate::precache::stamp).
pub const BUILD_PLACEHOLDER: &str = "<!--build-id-->";
/// The mode the page is rendered in: both languages, as for a reader without JavaScript.
const MODE: LangMode = LangMode::Both;
/// The section whose body the severity cards replace (src/pages/runbook.rs SEVERITY_SECTION).
const SEVERITY_SECTION: &str = "severity-levels";

pub fn inject(html: &str) -> Result<String, String> {
    match html.matches(MARKER).count() {
        1 => {}
        0 => {
            return Err(format!(
                "index.html has no {MARKER} marker for the pre-rendered runbook"
            ))
        }
        n => return Err(format!("index.html has {n} {MARKER} markers, expected one")),
    }
    let source = crate::content::first_runbook()?;
    let book = runbook::load(&source).map_err(|e| format!("runbook {}: {e}", source.folder))?;
    Ok(html.replacen(MARKER, &render(&book), 1))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chrome's language (AppState::ui_lang).
fn ui_lang() -> Lang {
    MODE.primary()
}

fn tr(text: runbook_core::i18n::Text) -> String {
    escape(text.get(ui_lang()))
}

/// The children of `#app` (src/app.rs): skip link, header (no incident bar, no banner), page.
fn render(book: &Runbook) -> String {
    format!(
        "<div id=\"prerender\" class=\"prerender\"><a class=\"skip-link\" href=\"#main\">{}</a>\
         <div class=\"top-chrome\">{}</div><main id=\"main\" tabindex=\"-1\">{}</main></div>",
        tr(ui::SKIP_TO_CONTENT),
        header(book),
        runbook_page(book)
    )
}

/// src/components/header.rs on `/`, before config.json has loaded (the router's `<A>` marks the
/// brand link to the current page).
fn header(book: &Runbook) -> String {
    let links = ui::NAV_LINKS;
    let nav: String = links
        .iter()
        .map(|(href, label)| {
            let current = if *href == "/" { " aria-current=\"page\"" } else { "" };
            format!("<li><a href=\"{href}\"{current}>{}</a></li>", tr(*label))
        })
        .collect();
    format!(
        "<header class=\"app-header\"><div class=\"header-row\">\
         <a href=\"/\" class=\"brand\" aria-current=\"page\"><span class=\"brand-title\">{}</span></a>\
         <span class=\"env-badge\" title=\"{}\">{}</span>{}</div>\
         <nav class=\"main-nav\" aria-label=\"{}\"><ul>{nav}</ul></nav></header>",
        escape(book.title.get(ui_lang())),
        tr(ui::ENVIRONMENT),
        tr(ui::NO_CONFIG_LOADED),
        lang_switch(),
        tr(ui::MAIN_NAV),
    )
}

/// src/components/lang_switch.rs, inert: without the app a choice could not be applied.
fn lang_switch() -> String {
    let options: String = LangMode::ALL
        .iter()
        .map(|&mode| {
            let label = match mode {
                LangMode::En => ui::LANG_EN,
                LangMode::Zh => ui::LANG_ZH,
                LangMode::Both => ui::LANG_BOTH,
            };
            let (class, checked) = if mode == MODE {
                ("lang-option selected", " checked")
            } else {
                ("lang-option", "")
            };
            format!(
                "<label class=\"{class}\"><input type=\"radio\" value=\"{}\" disabled{checked}><span>{}</span></label>",
                mode.as_str(),
                tr(label)
            )
        })
        .collect();
    format!(
        "<fieldset class=\"lang-switch\"><legend class=\"visually-hidden\">{}</legend>{options}</fieldset>",
        tr(ui::LANGUAGE)
    )
}

/// src/pages/runbook.rs RunbookPage (no unknown-section banner: the page is `/`).
fn runbook_page(book: &Runbook) -> String {
    let title: String = MODE
        .langs()
        .iter()
        .map(|&lang| format!("<span lang=\"{}\">{}</span>", lang.tag(), escape(book.title.get(lang))))
        .collect();
    let sections: String = book
        .paired_sections()
        .map(|pair| section_pair(book, pair.en, pair.zh))
        .collect();
    format!(
        "<div class=\"runbook both\"><h1 class=\"runbook-title\">{title}</h1>{}{sections}\
         <footer class=\"page-footer\">{}: {} · {}: {BUILD_PLACEHOLDER}</footer></div>",
        table_of_contents(book),
        tr(ui::REVIEWED),
        escape(&book.reviewed),
        tr(ui::BUILD),
    )
}

/// src/components/toc.rs.
fn table_of_contents(book: &Runbook) -> String {
    let items: String = book
        .document(ui_lang())
        .sections
        .iter()
        .map(|s| {
            format!(
                "<li><a href=\"/runbook/{}\">{}</a></li>",
                escape(&s.id),
                escape(&s.title)
            )
        })
        .collect();
    format!(
        "<nav class=\"toc\" aria-label=\"{0}\"><details open><summary>{0}</summary><ol>{items}</ol></details></nav>",
        tr(ui::CONTENTS)
    )
}

/// src/pages/runbook.rs SectionPair.
fn section_pair(book: &Runbook, en: &Section, zh: &Section) -> String {
    let columns: String = MODE
        .langs()
        .iter()
        .map(|&lang| {
            let section = if lang == Lang::En { en } else { zh };
            let body = if section.id == SEVERITY_SECTION {
                severity_levels(&book.severities, lang)
            } else if section.is_empty() {
                format!("<p class=\"muted\">{}</p>", escape(ui::SECTION_EMPTY.get(lang)))
            } else {
                format!("<div>{}</div>", section.html)
            };
            format!(
                "<div class=\"md\" lang=\"{}\"><h2>{}</h2>{body}</div>",
                lang.tag(),
                escape(&section.title)
            )
        })
        .collect();
    let id = escape(&en.id);
    format!("<section id=\"section-{id}\" data-section=\"{id}\" class=\"section-pair both\">{columns}</section>")
}

/// src/components/severity_table.rs.
fn severity_levels(levels: &[SeverityLevel], lang: Lang) -> String {
    let cards: String = levels
        .iter()
        .map(|s| {
            let level = s.level.as_str();
            let rows: String = [
                (ui::SEVERITY_DEFINITION, &s.definition),
                (ui::SEVERITY_RESPONSE, &s.response),
                (ui::SEVERITY_EXAMPLES, &s.examples),
            ]
            .iter()
            .map(|(term, value)| {
                format!(
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(term.get(lang)),
                    escape(value.get(lang))
                )
            })
            .collect();
            format!(
                "<li class=\"severity-card sev-{}\"><h3>{level}</h3><dl>{rows}</dl></li>",
                level.to_ascii_lowercase()
            )
        })
        .collect();
    format!("<ul class=\"severity-grid\">{cards}</ul>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Runbook {
        runbook::load(&crate::content::first_runbook().unwrap()).unwrap()
    }

    fn page() -> String {
        inject("<body><div id=\"app\" hidden></div><!--prerender--></body>").unwrap()
    }

    #[test]
    fn every_section_in_both_languages_in_order_with_the_app_ids() {
        let html = page();
        assert!(!html.contains(MARKER));
        let mut at = 0;
        for pair in book().paired_sections() {
            let tag = format!(
                "<section id=\"section-{0}\" data-section=\"{0}\" class=\"section-pair both\">",
                pair.id
            );
            let found = html[at..]
                .find(&tag)
                .unwrap_or_else(|| panic!("section {} missing or out of order", pair.id));
            at += found + tag.len();
            let en = format!("<div class=\"md\" lang=\"en\"><h2>{}</h2>", escape(&pair.en.title));
            let zh = format!("<div class=\"md\" lang=\"zh-CN\"><h2>{}</h2>", escape(&pair.zh.title));
            let (en_at, zh_at) = (html[at..].find(&en).unwrap(), html[at..].find(&zh).unwrap());
            assert!(en_at < zh_at, "section {}: English column first", pair.id);
        }
    }

    #[test]
    fn the_severity_section_is_the_cards_in_each_language_not_the_markdown_table() {
        let html = page();
        let book = book();
        let start = html.find(&format!("id=\"section-{SEVERITY_SECTION}\"")).unwrap();
        let end = start + html[start..].find("</section>").unwrap();
        let section = &html[start..end];
        assert!(!section.contains("<table"), "{section}");
        assert_eq!(section.matches("<ul class=\"severity-grid\">").count(), 2);
        for level in &book.severities {
            let card = format!(
                "<li class=\"severity-card sev-{}\"><h3>{}</h3>",
                level.level.as_str().to_ascii_lowercase(),
                level.level.as_str()
            );
            assert_eq!(section.matches(&card).count(), 2, "{card}");
            for lang in Lang::ALL {
                assert!(section.contains(&format!("<dd>{}</dd>", escape(level.definition.get(lang)))));
            }
        }
    }

    #[test]
    fn the_chrome_is_inert_and_leaves_the_app_its_test_ids_and_control_names() {
        let html = page();
        assert!(!html.contains("data-testid"));
        assert!(!html.contains("name=\"lang\""));
        assert_eq!(html.matches("<input type=\"radio\"").count(), 3);
        assert_eq!(html.matches(" disabled").count(), 3);
        assert!(html.contains("<input type=\"radio\" value=\"both\" disabled checked>"));
        assert_eq!(html.matches(BUILD_PLACEHOLDER).count(), 1);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn a_missing_or_repeated_marker_is_an_error() {
        assert!(inject("<body></body>")
            .unwrap_err()
            .contains("no <!--prerender--> marker"));
        assert!(inject("<!--prerender--><!--prerender-->")
            .unwrap_err()
            .contains("2 <!--prerender--> markers"));
    }
}
