//! A page's last line: the runbook's review date (on a runbook's page) and the build. One text,
//! as the pre-rendered copy writes it (xtask/src/prerender.rs), so that the app taking over
//! moves no glyph.

use leptos::prelude::*;
use runbook_core::ui_text as ui;

use crate::platform::network;
use crate::state::prefs::use_prefs;

#[component]
pub fn PageFooter(
    /// The runbook's review date, on a runbook's page.
    #[prop(optional)]
    reviewed: Option<&'static str>,
) -> impl IntoView {
    let prefs = use_prefs();
    let build = network::build_id().unwrap_or_else(|| "dev".into());
    let line = move || {
        let build = format!("{}: {build}", prefs.tr(ui::BUILD)());
        match reviewed {
            Some(date) => format!("{}: {date} · {build}", prefs.tr(ui::REVIEWED)()),
            None => build,
        }
    };
    view! { <footer class="page-footer">{line}</footer> }
}
