//! Where the tree ends: the outcome, its immediate actions with their commands, the runbook
//! section, the next step, and the suggested severity (start an incident, or apply it).

use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::i18n::{Bilingual, Lang};
use runbook_core::runbook::Runbook;
use runbook_core::severity::Severity;
use runbook_core::tree::{suggest_severity, Node};
use runbook_core::ui_text::wizard as text;

use super::{focus_after_move, TreeWords, WizardCtx};
use crate::components::command_box::CommandBox;
use crate::components::timeline::ModeText;
use crate::pages::incident::StartIncidentForm;
use crate::state::content::use_content;
use crate::state::incident::use_incidents;
use crate::state::prefs::use_prefs;

/// The runbook section holding `id` (a section or one of its sub-sections), and the
/// sub-section's heading when `id` is one.
fn runbook_target(runbook: &Runbook, lang: Lang, id: &str) -> Option<(String, String, Option<String>)> {
    runbook.document(lang).sections.iter().find_map(|s| {
        if s.id == id {
            return Some((s.id.clone(), s.title.clone(), None));
        }
        let sub = s.subsections.iter().find(|h| h.id == id)?;
        Some((s.id.clone(), s.title.clone(), Some(sub.title.clone())))
    })
}

#[component]
pub(super) fn OutcomeStep(ctx: WizardCtx, node: &'static Node) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = ctx.incidents;
    let runbook = use_content().runbook();
    let Node::Outcome {
        text: headline,
        summary,
        actions,
        runbook_section,
        next_step,
        ..
    } = node
    else {
        return ().into_any();
    };
    let severity = Memo::new(move |_| ctx.obs.with(|o| suggest_severity(o, Some(node))));
    let section_link = move || {
        runbook_target(runbook, prefs.ui_lang(), runbook_section).map(|(id, title, sub)| {
            let shown = sub.map_or_else(|| title.clone(), |sub| format!("{title} › {sub}"));
            view! {
                <A href=use_content().section_path(&id) attr:data-testid="wizard-runbook-link">
                    {shown}
                </A>
            }
        })
    };
    let started = Callback::new(move |()| ctx.record(&ctx.path.get_untracked()));
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_after_move(ctx, heading);
    view! {
        <section
            class="wz-card wz-outcome"
            data-testid="wizard-outcome"
            data-node=node.id()
            aria-labelledby="wz-outcome-heading"
        >
            <p class="wz-kicker">{prefs.tr(text::OUTCOME)}</p>
            <h2 id="wz-outcome-heading" tabindex="-1" node_ref=heading>
                <TreeWords text=headline />
            </h2>
            <p data-testid="wizard-summary">
                <TreeWords text=summary />
            </p>
            <h3>{prefs.tr(text::ACTIONS)}</h3>
            <ol class="wz-actions">
                {actions
                    .iter()
                    .map(|action| {
                        view! {
                            <li data-testid="wizard-action">
                                <p>
                                    <TreeWords text=&action.text />
                                </p>
                                {action.command.clone().map(|id| view! { <CommandBox id=id /> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p>{prefs.tr(text::RUNBOOK_SECTION)} " " {section_link}</p>
            <h3>{prefs.tr(text::NEXT_STEP)}</h3>
            <p data-testid="wizard-next-step">
                <TreeWords text=next_step />
            </p>
            <div
                class="wz-severity"
                data-testid="wizard-severity"
                data-severity=move || severity.with(|s| s.0.as_str())
            >
                <h3>{prefs.tr(text::SUGGESTED_SEVERITY)} ": " {move || severity.with(|s| s.0.as_str())}</h3>
                <p>
                    <ModeText text=Signal::derive(move || severity.with(|s| s.1.clone())) />
                </p>
            </div>
            <Show
                when=move || incidents.has_active()
                fallback=move || view! { <StartIncidentForm suggestion=severity on_started=started /> }
            >
                <OpenIncidentSeverity severity=severity />
            </Show>
        </section>
    }
    .into_any()
}

/// With an incident open: its severity next to the suggestion, and a way to apply it.
#[component]
fn OpenIncidentSeverity(severity: Memo<(Severity, Bilingual)>) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let current = move || incidents.read_active(|i| (i.id.clone(), i.severity()));
    let apply = move |_| {
        let (level, why) = severity.get_untracked();
        incidents.change_active(|i, now| i.set_severity(level, Some(&why), now));
    };
    view! {
        {move || {
            current()
                .map(|(id, level)| {
                    let suggested = severity.with(|s| s.0);
                    view! {
                        <p data-testid="wizard-incident">
                            {prefs.tr(text::INCIDENT_OPEN)} " " <A href=use_content().path("/incident")>{id}</A> " · "
                            {level.as_str()}
                        </p>
                        {if suggested == level {
                            view! { <p class="muted">{prefs.tr(text::SEVERITY_MATCHES)}</p> }.into_any()
                        } else {
                            view! {
                                <button type="button" data-testid="wizard-apply-severity" on:click=apply>
                                    {prefs.tr(text::SET_SEVERITY_TO)}
                                    " "
                                    {suggested.as_str()}
                                </button>
                            }
                                .into_any()
                        }}
                    }
                })
        }}
    }
}
