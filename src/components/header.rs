use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use runbook_core::ui_text as ui;

use crate::components::lang_switch::LangSwitch;
use crate::state::config::use_config;
use crate::state::content::Content;
use crate::state::library::use_library;
use crate::state::prefs::use_prefs;

#[component]
pub fn Header() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let library = use_library();
    let environment = move || match config.missing() {
        Some(_) => ui::NO_CONFIG_LOADED.get(prefs.ui_lang()).to_string(),
        None => config.with(|c| match c.environment.as_str() {
            "" => ui::ENVIRONMENT_NOT_SET.get(prefs.ui_lang()).to_string(),
            name => name.to_string(),
        }),
    };
    let pathname = use_location().pathname;
    // The runbook's title leads to the runbook; on the library page, the library's.
    let brand_href = move || library.current().map_or_else(|| "/".to_string(), |c| c.path(""));
    let brand = move || match library.current() {
        Some(content) => content.runbook().title.get(prefs.ui_lang()).to_string(),
        None => ui::library::TITLE.get(prefs.ui_lang()).to_string(),
    };
    view! {
        <header class="app-header">
            <div class="header-row">
                <A href=brand_href attr:class="brand">
                    <span class="brand-title">{brand}</span>
                </A>
                <span class="env-badge" data-testid="env-badge" title=prefs.tr(ui::ENVIRONMENT)>
                    {environment}
                </span>
                <LangSwitch />
            </div>
            {move || library.current().map(|content| view! { <RunbookNav content pathname /> })}
        </header>
    }
}

/// The runbook's pages, after a link back to the library.
#[component]
fn RunbookNav(content: Content, pathname: Memo<String>) -> impl IntoView {
    let prefs = use_prefs();
    let links = std::iter::once(("/".to_string(), ui::NAV_LIBRARY, false)).chain(
        ui::NAV_LINKS
            .into_iter()
            .map(move |(suffix, label)| (content.path(suffix), label, true)),
    );
    view! {
        <nav class="main-nav" aria-label=prefs.tr(ui::MAIN_NAV)>
            <ul>
                {links
                    .map(|(href, label, in_runbook)| {
                        let target = href.clone();
                        let current = move || {
                            let path = pathname.get();
                            let here = if !in_runbook {
                                false
                            } else if target == content.path("") {
                                path.trim_end_matches('/') == target || path.starts_with(&content.path("/section/"))
                            } else {
                                path.starts_with(&target)
                            };
                            here.then_some("page")
                        };
                        view! {
                            <li>
                                <a href=href aria-current=current>
                                    {prefs.tr(label)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
