//! Per-incident command settings: one labelled input per parameter, the config value as
//! placeholder, "reset to config" per field. The value typed is kept as typed, even when
//! invalid: the core's bilingual error shows under it and the commands using it show none.

use leptos::prelude::*;
use runbook_core::commands::{CommandBook, CommandParams, ParamError, ParamField, ParamOverrides, ParamType};
use runbook_core::i18n::Bilingual;
use runbook_core::ui_text::actions as text;

use crate::components::bilingual::BothLangs;
use crate::state::command_settings::use_command_settings;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

fn is_url(field: ParamField) -> bool {
    field.param_type().is_some_and(ParamType::is_url)
}

/// The first problem the runbook's commands report for each field.
fn errors_by_field(book: &CommandBook, params: &CommandParams) -> Vec<(ParamField, Bilingual)> {
    let mut found: Vec<(ParamField, Bilingual)> = Vec::new();
    for error in book.all(params).into_iter().filter_map(|(_, r)| r.err()).flatten() {
        let ParamError { field, .. } = error;
        if !found.iter().any(|(f, _)| *f == field) {
            found.push((field, error.message()));
        }
    }
    found
}

#[component]
fn OverrideField(field: ParamField, error: Signal<Option<Bilingual>>) -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let settings = use_command_settings();
    let name = field.as_str();
    let id = format!("override-{name}");
    let hint_id = format!("override-hint-{name}");
    let error_id = format!("override-error-{name}");
    let value = move || settings.typed(field);
    let changed = move || value().is_some();
    let default = move || {
        config.with(|c| {
            CommandParams::new(c, &ParamOverrides::default(), None)
                .value(field)
                .unwrap_or_default()
                .to_string()
        })
    };
    let hint_source = match field.config_key() {
        Some(key) => Bilingual::new(
            format!("{} ({key})", text::FROM_CONFIG.en),
            format!("{}({key})", text::FROM_CONFIG.zh),
        ),
        None => text::BUILT_IN_DEFAULT.into(),
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.with(Option::is_some) {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        }
    };
    let set = move |v: Option<String>| settings.set(field, v);
    // The runbook's own name for the field, or the generic one.
    let label = StoredValue::new(use_content().commands().label(field));
    let shown_label = move || label.with_value(|l| l.get(prefs.ui_lang()).to_string());
    let reset_label = move || {
        format!(
            "{}: {}",
            text::RESET_TO_CONFIG.get(prefs.ui_lang()),
            label.with_value(|l| l.get(prefs.ui_lang()).to_string())
        )
    };
    view! {
        <div class="field override-field" class:override-invalid=move || error.with(Option::is_some)>
            <label for=id
                .clone()>
                {shown_label}
                <Show when=changed>" " <span class="tag-changed">"(" {prefs.tr(text::CHANGED)} ")"</span></Show>
            </label>
            <div class="override-row">
                <input
                    id=id
                    name=name
                    type="text"
                    data-testid=format!("override-{name}")
                    inputmode=if is_url(field) { "url" } else { "text" }
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    placeholder=default
                    prop:value=move || value().unwrap_or_default()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        set((!typed.is_empty()).then_some(typed));
                    }
                />
                <Show when=changed>
                    <button
                        type="button"
                        class="btn-secondary"
                        data-testid=format!("override-reset-{name}")
                        aria-label=reset_label
                        on:click=move |_| set(None)
                    >
                        {prefs.tr(text::RESET_TO_CONFIG)}
                    </button>
                </Show>
            </div>
            <p class="hint muted" id=hint_id>
                {move || hint_source.get(prefs.ui_lang()).to_string()}
                ": "
                <code>{default}</code>
            </p>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=error_id.clone() data-testid=format!("override-error-{name}")>
                                <BothLangs text=e />
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub fn OverridesForm() -> impl IntoView {
    let prefs = use_prefs();
    let settings = use_command_settings();
    let book = use_content().commands();
    let errors = Memo::new(move |_| errors_by_field(book, &settings.params()));
    let any_changed = move || settings.any_changed();
    view! {
        <div class="overrides" data-testid="overrides-form">
            <p class="muted">{prefs.tr(text::OVERRIDES_INTRO)}</p>
            <div class="overrides-grid">
                {ParamField::OVERRIDABLE
                    .iter()
                    .map(|&field| {
                        let error = Signal::derive(move || {
                            errors.with(|es| es.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone()))
                        });
                        view! { <OverrideField field=field error=error /> }
                    })
                    .collect_view()}
            </div>
            <Show when=any_changed>
                <button
                    type="button"
                    class="btn-secondary"
                    data-testid="override-reset-all"
                    on:click=move |_| settings.clear()
                >
                    {prefs.tr(text::RESET_ALL)}
                </button>
            </Show>
        </div>
    }
}
