//! The whole runbook in English, Chinese or both side by side, paired by section.

use leptos::prelude::*;
use runbook_core::i18n::{Lang, LangMode};
use runbook_core::runbook::Section;
use runbook_core::ui_text as ui;

use crate::components::bilingual::ModeTitle;
use crate::components::page_footer::PageFooter;
use crate::components::related::RelatedRunbooks;
use crate::components::severity_table::SeverityLevels;
use crate::components::toc::TableOfContents;
use crate::platform::scroll;
use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

/// The runbook, scrolled to `section` when the path names one.
#[component]
pub fn RunbookPage(#[prop(into)] section: Signal<Option<String>>) -> impl IntoView {
    let prefs = use_prefs();
    let content = use_content();
    let requested = move || section.get();
    let unknown_section = move || requested().is_some_and(|id| content.runbook().section(Lang::En, &id).is_none());
    Effect::new(move || {
        if let Some(id) = requested() {
            scroll::reveal(format!("section-{id}"));
        }
    });

    view! {
        <div class="runbook" class:both=move || prefs.mode() == LangMode::Both>
            <h1 class="runbook-title">
                <ModeTitle title=&content.runbook().title />
            </h1>
            <Show when=unknown_section>
                <p class="banner banner-warn" role="status">
                    {prefs.tr(ui::SECTION_NOT_FOUND)}
                </p>
            </Show>
            <TableOfContents />
            {move || {
                let mode = prefs.mode();
                content
                    .runbook()
                    .paired_sections()
                    .map(|pair| view! { <SectionPair en=pair.en zh=pair.zh mode=mode /> })
                    .collect_view()
            }}
            <RelatedRunbooks />
            <PageFooter reviewed=content.runbook().reviewed.as_str() />
        </div>
    }
}

#[component]
fn SectionPair(en: &'static Section, zh: &'static Section, mode: LangMode) -> impl IntoView {
    let severity_section = use_content().runbook().severity_section.as_deref();
    let id = en.id.clone();
    let columns = mode
        .langs()
        .iter()
        .map(|&lang| {
            let section = if lang == Lang::En { en } else { zh };
            let body = if severity_section == Some(section.id.as_str()) {
                view! { <SeverityLevels lang=lang /> }.into_any()
            } else if section.is_empty() {
                view! { <p class="muted">{ui::SECTION_EMPTY.get(lang)}</p> }.into_any()
            } else {
                view! { <div inner_html=section.html.clone()></div> }.into_any()
            };
            view! {
                <div class="md" lang=lang.tag()>
                    <h2>{section.title.clone()}</h2>
                    {body}
                </div>
            }
        })
        .collect_view();
    view! {
        <section id=format!("section-{id}") data-section=id class="section-pair" class:both=mode == LangMode::Both>
            {columns}
        </section>
    }
}
