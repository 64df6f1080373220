//! Every page of the library as static HTML: readable before the wasm loads and without
//! JavaScript. `index.html` is the library page, `r/<id>/index.html` each runbook's page; each is
//! the markup the app renders at the moment it takes over (src/app.rs, src/components/header.rs,
//! src/pages/library.rs, src/pages/runbook.rs and the components they use): side by side, chrome
//! in English, no incident, no config.json loaded yet. The app renders into the hidden `#app`
//! above it and removes this copy when it shows itself (platform/startup.rs), so the two must look
//! the same: tests/e2e/prerender.spec.mjs compares them element for element. The chrome's
//! controls are inert here (the language radios disabled and unnamed), and nothing carries a
//! `data-testid`, so a test's locator never finds both.
//!
//! Each page also carries the library's index (runbook_core::library), and a runbook's page a
//! preload of that runbook's data file, which the app needs before it can take over.

use runbook_core::i18n::{Lang, LangMode};
use runbook_core::library::{Library, INDEX_ELEMENT_ID};
use runbook_core::runbook::{Runbook, Section, SeverityLevel};
use runbook_core::ui_text as ui;
use runbook_core::ui_text::library as text;

const MARKER: &str = "<!--prerender-->";
/// Stands for the build id in the page's footer until the build id, which hashes this page,
/// is known (crate::precache::stamp).
pub const BUILD_PLACEHOLDER: &str = "<!--build-id-->";
/// The mode the page is rendered in: both languages, as for a reader without JavaScript.
const MODE: LangMode = LangMode::Both;

/// The site's pages: (path in the site folder, HTML), the library page first.
pub fn pages(template: &str, library: &Library, books: &[Runbook]) -> Result<Vec<(String, String)>, String> {
    match template.matches(MARKER).count() {
        1 => {}
        0 => return Err(format!("index.html has no {MARKER} marker for the pre-rendered page")),
        n => return Err(format!("index.html has {n} {MARKER} markers, expected one")),
    }
    if template.matches("</head>").count() != 1 {
        return Err("index.html has no </head> (or several): nowhere to put the library index".into());
    }
    let index = format!(
        "<script type=\"application/json\" id=\"{INDEX_ELEMENT_ID}\">{}</script>\n",
        library.to_script_json()
    );
    let page = |head: String, body: String| {
        template
            .replacen("</head>", &format!("{head}{index}</head>"), 1)
            .replacen(MARKER, &body, 1)
    };
    let mut out = vec![(
        "index.html".to_string(),
        page(String::new(), render(&header(None), &library_page(library))),
    )];
    for book in books {
        let entry = library
            .get(&book.id)
            .ok_or_else(|| format!("runbook {} is not in the library index", book.id))?;
        let preload = format!(
            "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>\n",
            escape(&entry.data)
        );
        out.push((
            format!("r/{}/index.html", book.id),
            page(preload, render(&header(Some(book)), &runbook_page(library, book))),
        ));
    }
    Ok(out)
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
fn render(header: &str, page: &str) -> String {
    format!(
        "<div id=\"prerender\" class=\"prerender\"><a class=\"skip-link\" href=\"#main\">{}</a>\
         <div class=\"top-chrome\">{header}</div><main id=\"main\" tabindex=\"-1\">{page}</main></div>",
        tr(ui::SKIP_TO_CONTENT),
    )
}

/// src/components/header.rs on a runbook's page (its nav) or the library page (no nav), before
/// config.json has loaded (the router's `<A>` marks the brand link to the current page).
fn header(book: Option<&Runbook>) -> String {
    let (brand, brand_href) = match book {
        Some(book) => (escape(book.title.get(ui_lang())), format!("/r/{}", book.id)),
        None => (tr(text::TITLE), "/".to_string()),
    };
    let nav = match book {
        None => String::new(),
        Some(book) => {
            let links: String = std::iter::once(("/".to_string(), ui::NAV_LIBRARY, false))
                .chain(
                    ui::NAV_LINKS
                        .iter()
                        .map(|(suffix, label)| (format!("/r/{}{suffix}", book.id), *label, suffix.is_empty())),
                )
                .map(|(href, label, current)| {
                    let current = if current { " aria-current=\"page\"" } else { "" };
                    format!("<li><a href=\"{}\"{current}>{}</a></li>", escape(&href), tr(label))
                })
                .collect();
            format!(
                "<nav class=\"main-nav\" aria-label=\"{}\"><ul>{links}</ul></nav>",
                tr(ui::MAIN_NAV)
            )
        }
    };
    format!(
        "<header class=\"app-header\"><div class=\"header-row\">\
         <a href=\"{}\" class=\"brand\" aria-current=\"page\"><span class=\"brand-title\">{brand}</span></a>\
         <span class=\"env-badge\" title=\"{}\">{}</span>{}</div>{nav}</header>",
        escape(&brand_href),
        tr(ui::ENVIRONMENT),
        tr(ui::NO_CONFIG_LOADED),
        lang_switch(),
    )
}

/// The title in each language of the mode (src/components/bilingual_title.rs).
fn titles(title: &runbook_core::i18n::Bilingual) -> String {
    MODE.langs()
        .iter()
        .map(|&lang| format!("<span lang=\"{}\">{}</span>", lang.tag(), escape(title.get(lang))))
        .collect()
}

/// src/pages/library.rs LibraryPage.
fn library_page(library: &Library) -> String {
    let items: String = library
        .runbooks
        .iter()
        .map(|entry| {
            let alerts = if entry.alerts.is_empty() {
                tr(text::NO_ALERTS)
            } else {
                entry
                    .alerts
                    .iter()
                    .map(|a| format!("<code>{}</code>", escape(a)))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let facts = [
                (text::VENDOR, escape(entry.vendor.get(ui_lang()))),
                (text::OWNERS, escape(&entry.owners.join(", "))),
                (text::REVIEWED, escape(&entry.reviewed)),
                (text::ALERTS, alerts),
            ]
            .iter()
            .map(|(term, value)| format!("<dt>{}</dt><dd>{value}</dd>", tr(*term)))
            .collect::<String>();
            format!(
                "<li class=\"library-item\"><h2 class=\"library-item-title\"><a href=\"/r/{}\">{}</a></h2>\
                 <dl class=\"library-facts\">{facts}</dl></li>",
                escape(&entry.id),
                titles(&entry.title)
            )
        })
        .collect();
    format!(
        "<div class=\"library\"><h1 class=\"library-title\">{}</h1><ul class=\"library-list\">{items}</ul>\
         <footer class=\"page-footer\">{}: {BUILD_PLACEHOLDER}</footer></div>",
        tr(text::TITLE),
        tr(ui::BUILD),
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

/// src/pages/runbook.rs RunbookPage (no unknown-section banner: the page is `/r/<id>`).
fn runbook_page(library: &Library, book: &Runbook) -> String {
    let title = titles(&book.title);
    let sections: String = book
        .paired_sections()
        .map(|pair| section_pair(book, pair.en, pair.zh))
        .collect();
    format!(
        "<div class=\"runbook both\"><h1 class=\"runbook-title\">{title}</h1>{}{sections}{}\
         <footer class=\"page-footer\">{}: {} · {}: {BUILD_PLACEHOLDER}</footer></div>",
        table_of_contents(book),
        related(library, book),
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
                "<li><a href=\"/r/{}/section/{}\">{}</a></li>",
                escape(&book.id),
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

/// src/components/related.rs: the runbooks this one links to, a link each when in the library.
fn related(library: &Library, book: &Runbook) -> String {
    if book.links.is_empty() {
        return String::new();
    }
    let items: String = book
        .links
        .iter()
        .map(|id| match library.get(id) {
            Some(entry) => format!(
                "<li><a href=\"/r/{}\">{}</a></li>",
                escape(id),
                escape(entry.title.get(ui_lang()))
            ),
            None => format!(
                "<li><code>{}</code> <span class=\"muted\">({})</span></li>",
                escape(id),
                tr(text::NOT_IN_LIBRARY)
            ),
        })
        .collect();
    format!(
        "<nav class=\"related\" aria-label=\"{0}\"><h2 class=\"related-title\">{0}</h2><ul>{items}</ul></nav>",
        tr(text::RELATED)
    )
}

/// src/pages/runbook.rs SectionPair.
fn section_pair(book: &Runbook, en: &Section, zh: &Section) -> String {
    let columns: String = MODE
        .langs()
        .iter()
        .map(|&lang| {
            let section = if lang == Lang::En { en } else { zh };
            let body = if book.severity_section.as_deref() == Some(section.id.as_str()) {
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

    const TEMPLATE: &str = "<head></head><body><div id=\"app\" hidden></div><!--prerender--></body>";

    fn library() -> (Library, Vec<Runbook>) {
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("prerender-test-{}-{call}", std::process::id()));
        let out = crate::library::write(&dir, &crate::content::library().unwrap()).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        out
    }

    fn book() -> Runbook {
        library().1.remove(0)
    }

    /// The first runbook's page.
    fn page() -> String {
        let (library, books) = library();
        pages(TEMPLATE, &library, &books).unwrap().remove(1).1
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
        let severity = book
            .severity_section
            .clone()
            .expect("the first runbook has severity cards");
        let start = html.find(&format!("id=\"section-{severity}\"")).unwrap();
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
        let (library, books) = library();
        assert!(pages("<head></head><body></body>", &library, &books)
            .unwrap_err()
            .contains("no <!--prerender--> marker"));
        assert!(pages("<head></head><!--prerender--><!--prerender-->", &library, &books)
            .unwrap_err()
            .contains("2 <!--prerender--> markers"));
    }

    #[test]
    fn the_library_page_lists_every_runbook_and_each_page_carries_the_index() {
        let (mut library, books) = library();
        library.runbooks[0].owners = vec!["<b>team</b>".into()];
        let all = pages(TEMPLATE, &library, &books).unwrap();
        assert_eq!(all[0].0, "index.html");
        assert_eq!(all.len(), books.len() + 1);
        for entry in &library.runbooks {
            assert!(all[0].1.contains(&format!("<a href=\"/r/{}\">", entry.id)));
        }
        let body = &all[0].1[all[0].1.find("<body>").unwrap()..];
        assert!(
            body.contains("&lt;b&gt;team&lt;/b&gt;") && !body.contains("<b>team"),
            "{body}"
        );
        assert!(
            !all[0].1.contains("preload"),
            "the library page needs no runbook's data"
        );
        for (path, html) in &all {
            assert_eq!(html.matches("id=\"runbook-library\"").count(), 1, "{path}");
        }
    }

    #[test]
    fn a_link_to_a_runbook_outside_the_library_says_so_and_one_inside_is_a_link() {
        let (library, mut books) = library();
        let book = &mut books[0];
        book.links = vec!["not-here".into(), library.runbooks[0].id.clone()];
        let html = related(&library, book);
        assert!(
            html.contains("<code>not-here</code> <span class=\"muted\">(not in this library)</span>"),
            "{html}"
        );
        assert!(
            html.contains(&format!("<a href=\"/r/{}\">", library.runbooks[0].id)),
            "{html}"
        );
        book.links.clear();
        assert_eq!(related(&library, book), "");
    }
}
