//! One generated command: what it is for, the copy-ready text, its dry run and rollback, or the
//! parameter errors and no command at all while any value is invalid.
//!
//! The block's structure only changes between "command" and "errors": a value that changes
//! (the incident window's end ticks every second) updates the text in place, so a selection,
//! a "Copied" notice or the manual-copy text area survives it.

use leptos::prelude::*;
use runbook_core::commands::{CommandId, GeneratedCommand, ParamError};
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text as ui;

use crate::components::bilingual::BothLangs;
use crate::components::copy_button::CopyButton;
use crate::components::field::MessageItems;
use crate::state::command_settings::use_command_settings;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

type Generated = Result<GeneratedCommand, Vec<ParamError>>;

#[component]
fn CodeWithCopy(label: Option<Bilingual>, #[prop(into)] text: Signal<String>, what: Bilingual) -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <div class="code-copy">
            {label.map(|l| view! { <h4>{move || l.get(prefs.ui_lang()).to_string()}</h4> })} <pre tabindex="0">
                <code>{move || text.get()}</code>
            </pre> <CopyButton text=text what=what />
        </div>
    }
}

/// One of the command's texts, following the memo; empty while the command is invalid.
fn part(result: Memo<Generated>, pick: fn(&GeneratedCommand) -> Option<&String>) -> Signal<String> {
    Signal::derive(move || result.with(|r| r.as_ref().ok().and_then(pick).cloned().unwrap_or_default()))
}

fn command_view(result: Memo<Generated>, cmd: GeneratedCommand) -> impl IntoView {
    let prefs = use_prefs();
    let title = cmd.title.clone();
    let what = cmd.title.clone();
    let variant = |suffix_en: &str, suffix_zh: &str| {
        Bilingual::new(
            format!("{} ({suffix_en})", what.en),
            format!("{}({suffix_zh})", what.zh),
        )
    };
    let dry_run_what = variant("dry run", "预览");
    let rollback_what = variant("rollback", "回滚");
    let purpose = cmd.purpose.clone();
    view! {
        <div class="command" class:command-mutating=cmd.mutating data-command=cmd.id.to_string()>
            <h3>{move || title.get(prefs.ui_lang()).to_string()}</h3>
            <p class="muted">{move || purpose.get(prefs.ui_lang()).to_string()}</p>
            {cmd.mutating.then(|| view! { <p class="tag-mutating">{prefs.tr(ui::MUTATING)}</p> })}
            {cmd
                .warning
                .clone()
                .map(|w| {
                    view! {
                        <p class="warning">
                            <BothLangs text=w />
                        </p>
                    }
                })}
            {cmd
                .dry_run
                .is_some()
                .then(|| {
                    view! {
                        <CodeWithCopy
                            label=Some(ui::DRY_RUN.into())
                            text=part(result, |c| c.dry_run.as_ref())
                            what=dry_run_what
                        />
                    }
                })}
            <CodeWithCopy label=None text=part(result, |c| Some(&c.text)) what=what.clone() />
            {cmd
                .rollback
                .is_some()
                .then(|| {
                    view! {
                        <CodeWithCopy
                            label=Some(ui::ROLLBACK.into())
                            text=part(result, |c| c.rollback.as_ref())
                            what=rollback_what
                        />
                    }
                })}
        </div>
    }
}

fn errors_view(result: Memo<Generated>, id: CommandId) -> impl IntoView {
    let prefs = use_prefs();
    let errors = move || result.with(|r| r.as_ref().err().cloned().unwrap_or_default());
    view! {
        <div class="command command-invalid" data-command=id.to_string() role="alert">
            <p>{prefs.tr(ui::NO_COMMAND_WHILE_INVALID)}</p>
            <ul>
                {move || {
                    let items = errors().into_iter().map(|e| e.message()).collect();
                    view! { <MessageItems items /> }
                }}
            </ul>
        </div>
    }
}

/// The runbook's command `id`; nothing when the runbook has no such command (the build checks
/// that every command the tree or the page names exists).
#[component]
pub fn CommandBox(id: CommandId) -> impl IntoView {
    let config = use_config();
    let settings = use_command_settings();
    let book = use_content().commands();
    if book.get(id.as_str()).is_none() {
        return ().into_any();
    }
    let generated = id.clone();
    let result = Memo::new(move |_| {
        book.generate(generated.as_str(), &settings.params())
            .unwrap_or_else(|| Err(Vec::new()))
    });
    let valid = Memo::new(move |_| result.with(Result::is_ok));
    (move || {
        if let Some(why) = config.missing() {
            return view! {
                <div class="command command-invalid" data-command=id.to_string() data-testid="command-no-config">
                    <BothLangs text=why />
                </div>
            }
            .into_any();
        }
        let is_valid = valid.get();
        match result.get_untracked() {
            Ok(cmd) if is_valid => command_view(result, cmd).into_any(),
            _ => errors_view(result, id.clone()).into_any(),
        }
    })
    .into_any()
}
