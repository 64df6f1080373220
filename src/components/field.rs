//! The form pieces every page repeats: a one-line or multi-line text input bound to a signal,
//! and the line that shows an error in both languages.

use leptos::prelude::*;
use runbook_core::i18n::Bilingual;

use crate::components::bilingual::BothLangs;

/// A one-line text input bound to `value`; `id` is also its `data-testid` (pair it with a
/// `<label for=id>`). `on_edit` runs on every keystroke, after `value` is updated.
#[component]
pub fn TextInput(
    id: &'static str,
    value: RwSignal<String>,
    /// Shown while empty.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// The id of the hint that describes the input.
    #[prop(optional)]
    described_by: Option<&'static str>,
    #[prop(optional)] on_edit: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <input
            id=id
            data-testid=id
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=described_by
            placeholder=move || placeholder.get()
            prop:value=move || value.get()
            on:input=move |ev| {
                value.set(event_target_value(&ev));
                if let Some(edited) = on_edit {
                    edited.run(());
                }
            }
        />
    }
}

/// A multi-line text input bound to `value`; `id` is also its `data-testid`.
#[component]
pub fn TextArea(
    id: &'static str,
    value: RwSignal<String>,
    rows: u8,
    #[prop(optional)] described_by: Option<&'static str>,
    /// Marks the input invalid (`aria-invalid`) while it is `true`.
    #[prop(optional, into)]
    invalid: Signal<bool>,
    #[prop(optional)] on_edit: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            data-testid=id
            rows=rows
            aria-describedby=described_by
            aria-invalid=move || invalid.get().then_some("true")
            prop:value=move || value.get()
            on:input=move |ev| {
                value.set(event_target_value(&ev));
                if let Some(edited) = on_edit {
                    edited.run(());
                }
            }
        ></textarea>
    }
}

/// `error` in both languages, announced when it appears; nothing while it is `None`.
#[component]
pub fn ErrorLine(
    #[prop(into)] error: Signal<Option<Bilingual>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    move || {
        error.get().map(|text| {
            view! {
                <p class="field-error" role="alert" data-testid=testid>
                    <BothLangs text />
                </p>
            }
        })
    }
}

/// A `<select>` of `options`, showing `current`; `value_of` names an option in the markup,
/// `text_of` words it. `on_change` gets the option chosen.
#[component]
pub fn EnumSelect<T, W>(
    id: &'static str,
    options: &'static [T],
    #[prop(into)] current: Signal<Option<T>>,
    value_of: fn(T) -> String,
    text_of: W,
    on_change: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    W: Fn(T) -> String + Copy + Send + Sync + 'static,
{
    let chosen = move |value: String| options.iter().copied().find(|&o| value_of(o) == value);
    view! {
        <select
            id=id
            data-testid=id
            prop:value=move || current.get().map(value_of)
            on:change=move |ev| {
                if let Some(option) = chosen(event_target_value(&ev)) {
                    on_change.run(option);
                }
            }
        >
            {options
                .iter()
                .copied()
                .map(|o| {
                    view! {
                        <option value=value_of(o) selected=move || current.get() == Some(o)>
                            {move || text_of(o)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// `items` as list items, each in both languages (`item_testid` on each); put it in a `<ul>`.
#[component]
pub fn MessageItems(items: Vec<Bilingual>, #[prop(optional)] item_testid: Option<&'static str>) -> impl IntoView {
    items
        .into_iter()
        .map(|text| {
            view! {
                <li data-testid=item_testid>
                    <BothLangs text />
                </li>
            }
        })
        .collect_view()
}
