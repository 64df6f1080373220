use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use runbook_core::ui_text as ui;

use crate::components::lang_switch::LangSwitch;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

#[component]
pub fn Header() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let content = use_content();
    let environment = move || match config.missing() {
        Some(_) => ui::NO_CONFIG_LOADED.get(prefs.ui_lang()).to_string(),
        None => config.with(|c| match c.environment.as_str() {
            "" => ui::ENVIRONMENT_NOT_SET.get(prefs.ui_lang()).to_string(),
            name => name.to_string(),
        }),
    };
    let pathname = use_location().pathname;
    let links = ui::NAV_LINKS;
    view! {
        <header class="app-header">
            <div class="header-row">
                <A href="/" attr:class="brand">
                    <span class="brand-title">{move || content.runbook().title.get(prefs.ui_lang()).to_string()}</span>
                </A>
                <span class="env-badge" data-testid="env-badge" title=prefs.tr(ui::ENVIRONMENT)>
                    {environment}
                </span>
                <LangSwitch />
            </div>
            <nav class="main-nav" aria-label=prefs.tr(ui::MAIN_NAV)>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, label)| {
                            let current = move || {
                                let path = pathname.get();
                                let here = if href == "/" {
                                    path == "/" || path.starts_with("/runbook")
                                } else {
                                    path.starts_with(href)
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
        </header>
    }
}
