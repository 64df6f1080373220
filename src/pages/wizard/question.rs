//! One question: the live suggestion with its evidence, the answers, and the override check.

use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::tree::{suggest, Node, Suggestion};
use runbook_core::ui_text::wizard as text;

use super::{focus_after_move, label_of, TreeWords, WizardCtx};
use crate::components::timeline::ModeText;
use crate::state::content::use_content;
use crate::state::prefs::use_prefs;

#[component]
pub(super) fn QuestionStep(ctx: WizardCtx, node: &'static Node) -> impl IntoView {
    let prefs = use_prefs();
    let node_id = node.id();
    let suggestion = Memo::new(move |_| ctx.obs.with(|o| suggest(node, o)));
    let suggested = move || suggestion.with(|s| s.as_ref().and_then(|s| s.answer));
    // An answer against the evidence waits here until the override is confirmed.
    let pending = RwSignal::new(None::<(usize, Suggestion)>);
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_after_move(ctx, heading);
    let choose = move |index: usize| {
        let current = suggestion.get_untracked();
        match current.as_ref().and_then(|s| s.answer.map(|a| (a, s))) {
            Some((a, s)) if a != index => pending.set(Some((index, s.clone()))),
            _ => ctx.answer(node_id, index, current.as_ref()),
        }
    };
    let confirm_override = move |_| {
        if let Some((index, s)) = pending.get_untracked() {
            pending.set(None);
            ctx.answer(node_id, index, Some(&s));
        }
    };

    view! {
        <section
            class="wz-card wz-question"
            data-testid="wizard-question"
            data-node=node_id
            aria-labelledby="wz-question-heading"
        >
            <h2 id="wz-question-heading" tabindex="-1" node_ref=heading>
                <TreeWords text=node.text() />
            </h2>
            <Show when=move || suggestion.with(Option::is_some)>
                <SuggestionBox node=node suggestion=suggestion on_confirm=Callback::new(choose) />
            </Show>
            {node
                .signal()
                .is_none()
                .then(|| {
                    view! {
                        <p class="muted" data-testid="wizard-no-signal">
                            {prefs.tr(text::NO_SIGNAL)}
                        </p>
                    }
                })}
            <fieldset class="wz-answers">
                <legend>{prefs.tr(text::ANSWERS)}</legend>
                {node
                    .answers()
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        view! {
                            <button
                                type="button"
                                class="wz-answer"
                                class:wz-suggested=move || suggested() == Some(i)
                                class:btn-secondary=move || suggested() != Some(i)
                                data-testid=format!("answer-{}", a.value)
                                data-suggested=move || (suggested() == Some(i)).to_string()
                                on:click=move |_| choose(i)
                            >
                                <TreeWords text=&a.label />
                                <Show when=move || {
                                    suggested() == Some(i)
                                }>" (" {prefs.tr(text::SUGGESTED_TAG)} ")"</Show>
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || {
                pending
                    .get()
                    .map(|(index, s)| {
                        let confirm_button = NodeRef::<leptos::html::Button>::new();
                        request_animation_frame(move || {
                            if let Some(b) = confirm_button.get_untracked() {
                                let _ = b.focus();
                            }
                        });
                        view! {
                            <div
                                class="wz-override"
                                role="group"
                                aria-labelledby="wz-override-warning"
                                data-testid="wizard-override-panel"
                            >
                                <p id="wz-override-warning">
                                    <strong>{prefs.tr(text::OVERRIDE_WARNING)}</strong>
                                </p>
                                <p>
                                    {prefs.tr(text::YOU_CHOSE)} " "
                                    {label_of(node, index).map(|l| view! { <TreeWords text=l /> })} " · "
                                    {prefs.tr(text::EVIDENCE_SAYS)} " "
                                    {s.answer.and_then(|a| label_of(node, a)).map(|l| view! { <TreeWords text=l /> })}
                                </p>
                                <div class="button-row">
                                    <button
                                        type="button"
                                        node_ref=confirm_button
                                        data-testid="wizard-override-confirm"
                                        on:click=confirm_override
                                    >
                                        {prefs.tr(text::RECORD_OVERRIDE)}
                                    </button>
                                    <button
                                        type="button"
                                        class="btn-secondary"
                                        data-testid="wizard-override-cancel"
                                        on:click=move |_| pending.set(None)
                                    >
                                        {prefs.tr(text::CANCEL)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// The suggested answer and its evidence, or "unknown" and why. Only the words follow each new
/// reading, so a focused button stays focused.
#[component]
fn SuggestionBox(
    node: &'static Node,
    suggestion: Memo<Option<Suggestion>>,
    on_confirm: Callback<usize>,
) -> impl IntoView {
    let prefs = use_prefs();
    let index = Memo::new(move |_| suggestion.with(|s| s.as_ref().and_then(|s| s.answer)));
    let evidence = Signal::derive(move || {
        suggestion
            .with(|s| s.as_ref().map(|s| s.evidence.clone()))
            .unwrap_or_else(|| Bilingual::new("", ""))
    });
    let state = move || {
        index
            .get()
            .and_then(|a| node.answers().get(a))
            .map_or("unknown", |a| a.value.as_str())
    };
    let body = move || match index.get() {
        Some(i) => view! {
            <p>
                <strong>{prefs.tr(text::SUGGESTED)}</strong>
                " "
                {label_of(node, i).map(|l| view! { <TreeWords text=l /> })}
            </p>
            <p class="wz-evidence" data-testid="wizard-evidence">
                <ModeText text=evidence />
            </p>
            <button type="button" data-testid="wizard-confirm" on:click=move |_| on_confirm.run(i)>
                {prefs.tr(text::CONFIRM)}
                ": "
                {label_of(node, i).map(|l| view! { <TreeWords text=l /> })}
            </button>
        }
        .into_any(),
        None => view! {
            <p>
                <strong>{prefs.tr(text::EVIDENCE_UNKNOWN)}</strong>
            </p>
            <p class="wz-evidence both-langs" data-testid="wizard-evidence">
                <span lang=Lang::En.tag()>{move || evidence.with(|e| e.en.clone())}</span>
                " "
                <span lang=Lang::Zh.tag()>{move || evidence.with(|e| e.zh.clone())}</span>
            </p>
        }
        .into_any(),
    };
    view! {
        <div class="wz-suggestion" data-testid="wizard-suggestion" data-suggested=state>
            {body}
            <p>
                <A href=use_content().path("/triage")>{prefs.tr(text::SEE_LIVE_SIGNALS)}</A>
            </p>
        </div>
    }
}
