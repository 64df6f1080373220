//! One generated command: what it is for, the copy-ready text, its dry run and rollback, or the
//! parameter errors and no command at all while any value is invalid.

use leptos::prelude::*;
use runbook_core::commands::{generate, CommandId, GeneratedCommand};
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::components::copy_button::CopyButton;
use crate::state::use_app;

#[component]
fn CodeWithCopy(label: Option<Bilingual>, text: String, what: Bilingual) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="code-copy">
            {label.map(|l| view! { <h4>{move || l.get(app.ui_lang()).to_string()}</h4> })}
            <pre><code>{text.clone()}</code></pre>
            <CopyButton text=Signal::stored(text) what=what/>
        </div>
    }
}

fn command_view(cmd: GeneratedCommand) -> impl IntoView {
    let app = use_app();
    let title = cmd.title.clone();
    let what = cmd.title.clone();
    let variant = |suffix_en: &str, suffix_zh: &str| {
        Bilingual::new(format!("{} ({suffix_en})", what.en), format!("{}({suffix_zh})", what.zh))
    };
    let dry_run_what = variant("dry run", "预览");
    let rollback_what = variant("rollback", "回滚");
    view! {
        <div class="command" data-command=cmd.id.as_str()>
            <h3>{move || title.get(app.ui_lang()).to_string()}</h3>
            <p class="muted">{move || cmd.purpose.get(app.ui_lang()).to_string()}</p>
            {cmd.mutating.then(|| view! { <p class="tag-mutating">{app.tr(ui::MUTATING)}</p> })}
            {cmd.warning.clone().map(|w| view! { <p class="warning"><BothLangs text=w/></p> })}
            {cmd.dry_run.clone().map(|d| view! {
                <CodeWithCopy label=Some(ui::DRY_RUN.into()) text=d what=dry_run_what/>
            })}
            <CodeWithCopy label=None text=cmd.text.clone() what=what.clone()/>
            {cmd.rollback.clone().map(|r| view! {
                <CodeWithCopy label=Some(ui::ROLLBACK.into()) text=r what=rollback_what/>
            })}
        </div>
    }
}

#[component]
pub fn CommandBox(id: CommandId) -> impl IntoView {
    let app = use_app();
    move || match generate(id, &app.command_params()) {
        Ok(cmd) => command_view(cmd).into_any(),
        Err(errors) => view! {
            <div class="command command-invalid" data-command=id.as_str() role="alert">
                <p>{app.tr(ui::NO_COMMAND_WHILE_INVALID)}</p>
                <ul>{errors.into_iter().map(|e| view! { <li><BothLangs text=e.message()/></li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    }
}
