//! The runbook's decision tree, one question at a time. Live evidence suggests each answer; the
//! person confirms it or overrides it. The answers live in the URL (`?a=`) and, while an incident
//! is open, in its timeline. The walk ends in an outcome with its immediate actions.

mod outcome;
mod question;

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use runbook_core::i18n::Bilingual;
use runbook_core::tree::{
    walk, AnswerSource, Node, Observations, Path, Source, Suggestion, Tree, TreeText, PATH_QUERY_KEY,
};
use runbook_core::ui_text::wizard as text;

use crate::components::bilingual::BothLangs;
use crate::components::copy_button::CopyButton;
use crate::components::field::MessageItems;
use crate::state::content::{use_content, Content};
use crate::state::incident::{use_incidents, IncidentStore};
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;
use outcome::OutcomeStep;
use question::QuestionStep;

fn wizard_href(content: Content, query: &str) -> String {
    content.path(&format!("/wizard?{PATH_QUERY_KEY}={query}"))
}

/// A link can claim an answer "confirmed the evidence" (`*`), but nobody here saw that evidence:
/// the incident records an answer neither given in this tab nor already in it as given by hand.
fn trust_only_known_answers(path: &mut Path, recorded: Option<&Path>, answered_here: impl Fn(&str) -> bool) {
    for (i, step) in path.steps.iter_mut().enumerate() {
        let known = recorded
            .and_then(|r| r.steps.get(i))
            .filter(|r| r.node == step.node && r.answer == step.answer);
        match known {
            Some(r) => step.source = r.source,
            None if answered_here(&step.node) => {}
            None => step.source = AnswerSource::Manual,
        }
    }
}

#[component]
pub fn WizardPage() -> impl IntoView {
    let content = use_content();
    use_live().ensure_started();
    // Checked at build time: build.rs loads and validates the runbook with its tree.
    view! { <Wizard tree=content.tree() /> }
}

/// What the page does with an answer or a move; shared by the steps.
#[derive(Clone, Copy)]
struct WizardCtx {
    incidents: IncidentStore,
    tree: &'static Tree,
    path: Memo<Path>,
    obs: Memo<Observations>,
    /// The evidence shown when each question was answered in this tab, for the timeline.
    evidence_seen: StoredValue<HashMap<String, Bilingual>>,
    /// The questions answered in this tab; any other answer came in a link.
    answered_here: StoredValue<HashSet<String>>,
    record_error: RwSignal<Option<Bilingual>>,
    /// Set once the person moves, so the new step takes the focus (not on first load).
    moved: RwSignal<bool>,
    go: Callback<Path>,
}

impl WizardCtx {
    fn answer(self, node_id: &str, index: usize, suggestion: Option<&Suggestion>) {
        let source = AnswerSource::from_choice(index, suggestion.and_then(|s| s.answer));
        let mut next = self.path.get_untracked();
        if let Err(why) = next.choose(self.tree, node_id, index, source) {
            self.record_error.set(Some(why));
            return;
        }
        self.answered_here.update_value(|h| {
            h.insert(node_id.to_string());
        });
        if let Some(s) = suggestion {
            self.evidence_seen.update_value(|seen| {
                seen.insert(node_id.to_string(), s.evidence.clone());
            });
        }
        self.record(&next);
        self.go.run(next);
    }

    /// Writes into the open incident, if any, the answers of `path` it does not have yet.
    fn record(self, path: &Path) {
        let known = self.incidents.read_active_untracked(|i| i.path().clone());
        let mut path = path.clone();
        trust_only_known_answers(&mut path, known.as_ref(), |node| {
            self.answered_here.with_value(|h| h.contains(node))
        });
        let seen = self.evidence_seen;
        let recorded = self
            .incidents
            .record_wizard_answers(self.tree, &path, |node| seen.with_value(|m| m.get(node).cloned()));
        self.record_error.set(match recorded {
            Some(Err(why)) => Some(Bilingual::new(
                format!("{} {}", text::NOT_RECORDED.en, why.en),
                format!("{}{}", text::NOT_RECORDED.zh, why.zh),
            )),
            _ => None,
        });
    }
}

#[component]
fn Wizard(tree: &'static Tree) -> impl IntoView {
    let prefs = use_prefs();
    let incidents = use_incidents();
    let live = use_live();
    let query = use_query_map();
    let navigate = use_navigate();
    let content = use_content();
    let raw = Memo::new(move |_| query.with(|q| q.get(PATH_QUERY_KEY)));
    let parsed = Memo::new(move |_| Path::from_query(tree, raw.get().as_deref().unwrap_or("")));
    let answered_here = StoredValue::new(HashSet::<String>::new());
    let path = Memo::new(move |_| parsed.with(|(p, _)| p.clone()));
    let problems = move || parsed.with(|(_, problems)| problems.clone());
    let moved = RwSignal::new(false);
    let go = {
        let navigate = navigate.clone();
        Callback::new(move |next: Path| {
            moved.set(true);
            navigate(
                &wizard_href(content, &next.to_query(tree)),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        })
    };
    let ctx = WizardCtx {
        incidents,
        tree,
        path,
        obs: Memo::new(move |_| live.observations()),
        evidence_seen: StoredValue::new(HashMap::new()),
        answered_here,
        record_error: RwSignal::new(None),
        moved,
        go,
    };

    // Opening /wizard with no answers in the link continues where the open incident stands.
    if raw.get_untracked().is_none() {
        let resume = incidents
            .read_active_untracked(|i| (!i.path().steps.is_empty()).then(|| i.path().to_query(tree)))
            .flatten();
        if let Some(query) = resume {
            request_animation_frame(move || {
                navigate(
                    &wizard_href(content, &query),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            });
        }
    }

    let current = Memo::new(move |_| path.with(|p| walk(tree, p).map(|w| w.node.id().to_string())));
    let has_active = Memo::new(move |_| incidents.has_active());
    let link = Signal::derive(move || {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}", wizard_href(content, &path.with(|p| p.to_query(tree))))
    });
    let back = move |_| {
        let mut p = path.get_untracked();
        p.back();
        go.run(p);
    };
    let restart = move |_| {
        incidents.restart_wizard();
        go.run(Path::default());
    };

    view! {
        <div class="page wizard">
            <h1>{prefs.tr(text::TITLE)}</h1>
            <p class="muted">{prefs.tr(text::INTRO)}</p>
            {move || {
                let problems = problems();
                (!problems.is_empty())
                    .then(|| {
                        view! {
                            <div class="banner banner-warn" role="status" data-testid="wizard-link-problems">
                                <p>
                                    <strong>{prefs.tr(text::LINK_PROBLEMS)}</strong>
                                </p>
                                <ul>
                                    <MessageItems items=problems item_testid="wizard-link-problem" />
                                </ul>
                            </div>
                        }
                    })
            }}
            <p class="wz-recording" data-testid="wizard-recording" data-recording=move || has_active.get().to_string()>
                {move || prefs.tr(if has_active.get() { text::RECORDING_ON } else { text::RECORDING_OFF })()}
            </p>
            <AnsweredSteps ctx=ctx />
            {move || {
                ctx.record_error
                    .get()
                    .map(|why| {
                        view! {
                            <p class="field-error" role="alert" data-testid="wizard-error">
                                <BothLangs text=why />
                            </p>
                        }
                    })
            }}
            {move || {
                current
                    .get()
                    .and_then(|id| tree.node(&id))
                    .map(|node| match node {
                        Node::Question { .. } => view! { <QuestionStep ctx=ctx node=node /> }.into_any(),
                        Node::Outcome { .. } => view! { <OutcomeStep ctx=ctx node=node /> }.into_any(),
                    })
            }}
            <div class="button-row wz-nav">
                <button
                    type="button"
                    class="btn-secondary"
                    data-testid="wizard-back"
                    disabled=move || path.with(|p| p.steps.is_empty())
                    on:click=back
                >
                    {prefs.tr(text::BACK)}
                </button>
                <button type="button" class="btn-secondary" data-testid="wizard-restart" on:click=restart>
                    {prefs.tr(text::RESTART)}
                </button>
            </div>
            <div class="wz-link" data-testid="wizard-link">
                <p>{prefs.tr(text::SHARE_LINK)}</p>
                <p>
                    <code data-testid="wizard-link-url">{move || link.get()}</code>
                </p>
                <CopyButton text=link what=text::LINK_WHAT.into() />
            </div>
            <p class="muted wz-legend">
                <span class="app-wording">{prefs.tr(text::APP_MARK)}</span>
                " "
                {prefs.tr(text::APP_WORDING)}
            </p>
        </div>
    }
}

/// A text of the tree in the chosen language(s), marked when the wording is the app's own.
#[component]
fn TreeWords(text: &'static TreeText) -> impl IntoView {
    let prefs = use_prefs();
    let words = move || {
        prefs
            .mode()
            .langs()
            .iter()
            .map(|&lang| {
                view! {
                    <span class="mode-text" lang=lang.tag()>
                        {text.get(lang)}
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        {words}
        {(text.source == Source::App)
            .then(|| {
                view! {
                    " "
                    <span class="app-wording" title=prefs.tr(text::APP_WORDING)>
                        {prefs.tr(text::APP_MARK)}
                    </span>
                }
            })}
    }
}

/// After an answer or a move (not on first load) the new step's heading takes the focus.
fn focus_after_move(ctx: WizardCtx, heading: NodeRef<leptos::html::H2>) {
    if ctx.moved.get_untracked() {
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    }
}

fn label_of(node: &'static Node, index: usize) -> Option<&'static TreeText> {
    node.answers().get(index).map(|a| &a.label)
}

#[component]
fn AnsweredSteps(ctx: WizardCtx) -> impl IntoView {
    let prefs = use_prefs();
    let steps = move || {
        ctx.path.with(|p| {
            p.steps
                .iter()
                .enumerate()
                .filter_map(|(i, step)| {
                    ctx.tree
                        .node(&step.node)
                        .map(|node| (i, node, step.answer, step.source))
                })
                .collect::<Vec<_>>()
        })
    };
    let change = move |i: usize| {
        let mut p = ctx.path.get_untracked();
        p.steps.truncate(i);
        ctx.go.run(p);
    };
    view! {
        <Show when=move || ctx.path.with(|p| !p.steps.is_empty())>
            <section class="wz-answered" aria-labelledby="wz-answered-heading">
                <h2 id="wz-answered-heading">{prefs.tr(text::ANSWERED)}</h2>
                <ol>
                    {move || {
                        steps()
                            .into_iter()
                            .map(|(i, node, answer, source)| {
                                let (source_id, source_words) = match source {
                                    AnswerSource::Confirmed => {
                                        ("confirmed", view! { {prefs.tr(text::STEP_CONFIRMED)} }.into_any())
                                    }
                                    AnswerSource::Overridden { suggested } => {
                                        (
                                            "overridden",
                                            view! {
                                                {prefs.tr(text::STEP_OVERRIDDEN)}
                                                " "
                                                {label_of(node, suggested).map(|l| view! { <TreeWords text=l /> })}
                                            }
                                                .into_any(),
                                        )
                                    }
                                    AnswerSource::Manual => {
                                        ("manual", view! { {prefs.tr(text::STEP_MANUAL)} }.into_any())
                                    }
                                };
                                view! {
                                    <li
                                        class="wz-step"
                                        data-testid="wizard-step"
                                        data-node=node.id().to_string()
                                        data-source=source_id
                                    >
                                        <span class="wz-step-q">
                                            <TreeWords text=node.text() />
                                        </span>
                                        " → "
                                        <strong>
                                            {label_of(node, answer).map(|l| view! { <TreeWords text=l /> })}
                                        </strong>
                                        " "
                                        <span class="wz-source">"(" {source_words} ")"</span>
                                        " "
                                        <button
                                            type="button"
                                            class="btn-secondary"
                                            data-testid=format!("wizard-change-{}", node.id())
                                            aria-label=move || {
                                                format!(
                                                    "{}: {}",
                                                    text::CHANGE.get(prefs.ui_lang()),
                                                    node.text().get(prefs.ui_lang()),
                                                )
                                            }
                                            on:click=move |_| change(i)
                                        >
                                            {prefs.tr(text::CHANGE)}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </section>
        </Show>
    }
}
