//! The runbook's commands, generated for this deployment and incident, grouped as the runbook
//! groups them, with the cluster they target always in view; and the evidence the browser can
//! collect by itself (metrics over the incident's span, the incident bundle).

use chrono::{Local, Offset, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use runbook_core::commands::page::{Group, LinkTarget, Note};
use runbook_core::commands::{CommandId, ParamField};
use runbook_core::config::DeployConfig;
use runbook_core::i18n::{Bilingual, Text};
use runbook_core::incident::{evidence_file_name, Bundle, Evidence, Incident, MetricsEvidence, MetricsRange};
use runbook_core::messages::error_type_of;
use runbook_core::signals::fetch::classify;
use runbook_core::signals::prometheus::parse_range;
use runbook_core::ui_text::{self as ui, actions as text};
use serde_json::Value;

use crate::api::{http, triage};
use crate::components::bilingual::BothLangs;
use crate::components::command_box::CommandBox;
use crate::components::copy_button::{Download, DownloadButton};
use crate::components::field::MessageItems;
use crate::components::overrides_form::OverridesForm;
use crate::platform::clock::{local_date_time, local_time};
use crate::state::command_settings::use_command_settings;
use crate::state::config::use_config;
use crate::state::content::use_content;
use crate::state::incident::use_incidents;
use crate::state::live::use_live;
use crate::state::prefs::use_prefs;

/// A range query over a long incident takes Prometheus longer than a triage poll.
const EVIDENCE_TIMEOUT_MS: u32 = 20_000;

fn commands(ids: &[CommandId]) -> impl IntoView {
    ids.iter()
        .cloned()
        .map(|id| view! { <CommandBox id=id /> })
        .collect_view()
}

/// Runbook text in the UI language.
fn said(text: &'static Bilingual) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let prefs = use_prefs();
    move || text.get(prefs.ui_lang())
}

/// Where a note's link goes inside the runbook (the part of the path after `/r/<id>`).
fn page_path(to: LinkTarget) -> Option<&'static str> {
    match to {
        LinkTarget::Runbook => Some(""),
        LinkTarget::Triage => Some("/triage"),
        LinkTarget::Wizard => Some("/wizard"),
        LinkTarget::Comms => Some("/comms"),
        LinkTarget::Incident => Some("/incident"),
        LinkTarget::VendorDashboard => None,
    }
}

/// One of the runbook's notes under a group, with its link: to a page of the app, or to
/// config.json's vendor dashboard (left out while config sets none).
#[component]
fn GroupNote(note: &'static Note) -> impl IntoView {
    let config = use_config();
    let text = said(&note.text);
    let Some(link) = &note.link else {
        return view! { <p class="note">{text}</p> }.into_any();
    };
    let label = said(&link.text);
    let target = match page_path(link.to) {
        Some(path) => view! { <A href=use_content().path(path)>{label}</A> }.into_any(),
        None => {
            let dashboard = move || config.with(|c| c.endpoints.vendor_dashboard.clone());
            view! {
                <Show when=move || !dashboard().is_empty()>
                    <a href=dashboard target="_blank" rel="noopener noreferrer">
                        {label}
                    </a>
                </Show>
            }
            .into_any()
        }
    };
    view! { <p class="note">{text} " " {target}</p> }.into_any()
}

/// Where a target value comes from, when not from config.json.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    Config,
    ChangedForIncident,
    FromAlert,
}

#[component]
fn TargetItem(
    label: Text,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] origin: Signal<Origin>,
    /// Back to config.json's value.
    reset: Callback<()>,
) -> impl IntoView {
    let prefs = use_prefs();
    let tag = move || match origin.get() {
        Origin::Config => None,
        Origin::ChangedForIncident => Some(text::CHANGED_FOR_INCIDENT),
        Origin::FromAlert => Some(text::FROM_THE_ALERT),
    };
    view! {
        <div class="target-item">
            <dt>{prefs.tr(label)}</dt>
            <dd>
                <code data-testid=testid>{move || value.get()}</code>
                {move || {
                    tag()
                        .map(|t| {
                            view! {
                                " "
                                <span class="tag-changed" data-testid=format!("{testid}-origin")>
                                    "("
                                    {prefs.tr(t)}
                                    ")"
                                </span>
                                " "
                                <button
                                    type="button"
                                    class="btn-secondary"
                                    data-testid=format!("{testid}-use-config")
                                    on:click=move |_| reset.run(())
                                >
                                    {prefs.tr(text::USE_CONFIG_VALUE)}
                                </button>
                            }
                        })
                }}
            </dd>
        </div>
    }
}

/// The cluster and namespace every kubectl line uses, impossible to miss; and a warning when
/// the incident's alert came from another namespace. Nothing but the reason while no
/// config.json has loaded: defaults name no real cluster.
#[component]
fn TargetBanner() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    view! {
        <section class="target-banner" data-testid="command-target" aria-labelledby="target-title">
            <h2 id="target-title">{prefs.tr(text::TARGET)}</h2>
            {move || match config.missing() {
                Some(why) => {
                    view! {
                        <p class="banner banner-warn" role="status" data-testid="target-no-config">
                            <BothLangs text=why />
                        </p>
                    }
                        .into_any()
                }
                None => view! { <Targets /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Targets() -> impl IntoView {
    let prefs = use_prefs();
    let settings = use_command_settings();
    let incidents = use_incidents();
    let namespace = Memo::new(move |_| settings.params().namespace);
    let alert = move || {
        incidents
            .read_active(|i| i.context.alert_name.is_some().then(|| i.context.namespace.clone()))
            .flatten()
            .flatten()
    };
    // Only the namespace can come from an alert link.
    let origin = move |field: ParamField| {
        Signal::derive(move || {
            let overrides = settings.current();
            match overrides.get(field) {
                None => Origin::Config,
                Some(value) if field == ParamField::Namespace && alert().as_deref() == Some(value) => Origin::FromAlert,
                Some(_) => Origin::ChangedForIncident,
            }
        })
    };
    let reset = move |field: ParamField| Callback::new(move |()| settings.set(field, None));
    let alert_namespace = move || {
        let alert = incidents.read_active(|i| i.context.namespace.clone()).flatten()?;
        let used = namespace.get();
        (alert != used).then(|| (alert.clone(), text::alert_namespace_differs(&alert, &used)))
    };
    let refusals = Memo::new(move |_| settings.params().target_refusals());
    let items = [
        (ParamField::KubeContext, text::KUBE_CONTEXT, "target-context"),
        (ParamField::Namespace, text::NAMESPACE, "target-namespace"),
        (ParamField::Deployment, text::DEPLOYMENT, "target-deployment"),
    ];
    view! {
        <dl>
            {items
                .into_iter()
                .map(|(field, label, testid)| {
                    let value = Memo::new(move |_| settings.params().value(field).unwrap_or_default().to_string());
                    view! { <TargetItem label testid value origin=origin(field) reset=reset(field) /> }
                })
                .collect_view()}
        </dl>
        {move || {
            (!refusals.with(Vec::is_empty))
                .then(|| {
                    let items = refusals.get().into_iter().map(|e| e.message()).collect();
                    view! {
                        <ul class="banner banner-warn" role="alert" data-testid="target-refused">
                            <MessageItems items />
                        </ul>
                    }
                })
        }}
        {move || {
            alert_namespace()
                .map(|(alert, warning)| {
                    view! {
                        <div class="banner banner-warn" role="alert" data-testid="alert-namespace-differs">
                            <BothLangs text=warning />
                            <button
                                type="button"
                                class="btn-secondary"
                                data-testid="use-alert-namespace"
                                on:click=move |_| settings.set(ParamField::Namespace, Some(alert.clone()))
                            >
                                {prefs.tr(text::USE_ALERT_NAMESPACE)}
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// A group of the runbook's commands page (`commands.json` `page.groups`), or one of its
/// sections; marked when the incident's wizard answers led to its error type.
#[component]
fn CommandGroup(group: &'static Group, #[prop(default = false)] section: bool) -> AnyView {
    let prefs = use_prefs();
    let content = use_content();
    let incidents = use_incidents();
    let kind = group.error_type;
    let matches = move || {
        kind.is_some()
            && incidents
                .read_active(|i| error_type_of(content.tree(), i.path()))
                .flatten()
                == kind
    };
    let title = said(&group.title);
    let heading = if section {
        view! { <h3>{title}</h3> }.into_any()
    } else {
        view! { <h2>{title}</h2> }.into_any()
    };
    view! {
        <section
            class="command-group"
            class:error-type=kind.is_some()
            class:wizard-match=matches
            data-group=group.id.as_str()
        >
            {heading}
            {group
                .wizard_link
                .then(|| {
                    view! {
                        <p>
                            <A href=use_content().path("/wizard")>{prefs.tr(text::OPEN_WIZARD)}</A>
                        </p>
                    }
                })}
            {kind
                .is_some()
                .then(|| {
                    view! {
                        <Show when=matches>
                            <p class="tag-wizard" data-testid="wizard-match">
                                {prefs.tr(text::WIZARD_RESULT)}
                            </p>
                        </Show>
                    }
                })}
            {commands(&group.commands)}
            {group.notes.iter().map(|note| view! { <GroupNote note /> }).collect_view()}
            {group.sections.iter().map(|s| view! { <CommandGroup group=s section=true /> }).collect_view()}
            {group.evidence_panel.then(|| view! { <EvidencePanel /> })}
        </section>
    }
    .into_any()
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let prefs = use_prefs();
    let live = use_live();
    live.ensure_started();
    let page = use_content().commands().page();
    view! {
        <div class="page actions">
            <h1>{prefs.tr(text::TITLE)}</h1>
            <p class="muted">{prefs.tr(text::INTRO)}</p>
            <TargetBanner />
            <details class="card overrides-card" open=true>
                <summary>
                    <h2>{prefs.tr(text::OVERRIDES_TITLE)}</h2>
                </summary>
                <OverridesForm />
            </details>
            {page.groups.iter().map(|group| view! { <CommandGroup group /> }).collect_view()}
            {(!page.failures.is_empty()).then(|| view! { <FailuresTable /> })}
        </div>
    }
}

/// The runbook's "Error Handling" table (`commands.json` `page.failures`).
#[component]
fn FailuresTable() -> impl IntoView {
    let prefs = use_prefs();
    let header = [text::FAILURE_ISSUE, text::FAILURE_CAUSE, text::FAILURE_SOLUTION];
    let rows = &use_content().commands().page().failures;
    view! {
        <section class="command-group" data-group="failures">
            <h2>{prefs.tr(text::FAILURES_TITLE)}</h2>
            <table class="failures">
                <thead>
                    <tr>{header.map(|h| view! { <th scope="col">{prefs.tr(h)}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <th scope="row">{said(&row.issue)}</th>
                                    <td>{said(&row.cause)}</td>
                                    <td>{said(&row.solution)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The incident's metrics from the primary Prometheus, or the backup when the primary cannot
/// answer; the answer is kept whole once it reads as a range result.
async fn fetch_metrics(cfg: DeployConfig, range: MetricsRange) -> Result<MetricsEvidence, Vec<Bilingual>> {
    let timeout = cfg.refresh.timeout_ms.max(EVIDENCE_TIMEOUT_MS);
    let fetched = triage::with_backup(&cfg, |base| {
        let url = range.url(&base);
        async move {
            classify(http::get(&url, timeout).await, |v: &Value| {
                parse_range(v).map(|_| v.clone())
            })
        }
    })
    .await;
    match fetched.result {
        Ok((response, source)) => Ok(MetricsEvidence {
            range,
            fetched_at: Utc::now(),
            source,
            response,
        }),
        Err(failure) => {
            let primary = fetched.primary_failure.map(|p| {
                let p = p.message();
                Bilingual::new(
                    format!("{} {}", ui::PRIMARY_FAILED.en, p.en),
                    format!("{} {}", ui::PRIMARY_FAILED.zh, p.zh),
                )
            });
            Err(primary.into_iter().chain([failure.message()]).collect())
        }
    }
}

fn file_label(label: Text, file: &str) -> Bilingual {
    Bilingual::new(format!("{} ({file})", label.en), format!("{}({file})", label.zh))
}

#[component]
fn EvidencePanel() -> impl IntoView {
    let prefs = use_prefs();
    let config = use_config();
    let settings = use_command_settings();
    let content = use_content();
    let live = use_live();
    let incidents = use_incidents();
    let active = move || incidents.active();
    // Metrics belong to the incident they were fetched for; a failed fetch keeps the last good ones.
    let metrics = RwSignal::new(None::<(String, MetricsEvidence)>);
    let current_metrics = move || {
        let id = incidents.active_id()?;
        metrics.with(|m| m.as_ref().filter(|(for_id, _)| *for_id == id).map(|(_, e)| e.clone()))
    };
    let fetch = Action::new_local(move |incident: &Incident| {
        let id = incident.id.clone();
        let cfg = config.get_untracked();
        let range = MetricsRange::for_incident(incident, &cfg.prometheus, Utc::now());
        async move {
            let evidence = fetch_metrics(cfg, range).await?;
            metrics.set(Some((id, evidence)));
            Ok::<(), Vec<Bilingual>>(())
        }
    });
    let loading = fetch.pending();
    let failures = move || match (loading.get(), fetch.value().get()) {
        (false, Some(Err(messages))) => messages,
        _ => Vec::new(),
    };
    let on_fetch = move |_| {
        if let Some(incident) = incidents.read_active_untracked(Incident::clone) {
            fetch.dispatch_local(incident);
        }
    };
    let summary = move || {
        current_metrics().map(|m| {
            let series = parse_range(&m.response).map_or(0, |a| a.series.len());
            let line = text::metrics_fetched(series, m.range.points(), m.range.step_secs, &local_time(m.fetched_at));
            line.get(prefs.ui_lang()).to_string()
        })
    };
    let make_metrics = move || {
        let (incident, m) = (incidents.active()?, current_metrics()?);
        let file_name = evidence_file_name(Some(incident.started_at), "metrics.json");
        let what = file_label(text::METRICS_FILE, &file_name);
        Some(Download {
            contents: m.to_json(),
            file_name,
            mime: "application/json",
            what,
        })
    };
    let bundle = move |incident: &Incident| {
        let evidence = Evidence {
            environment: config.get_untracked().environment,
            command_params: settings.params(),
            live: live.snapshot_untracked(),
            metrics: current_metrics(),
        };
        Some(Bundle::new(incident, content.tree(), evidence, Utc::now()).with_vendor(&content.runbook().vendor))
    };
    let make_bundle = move |suffix: &str, mime: &'static str, render: &dyn Fn(&Bundle) -> String| {
        let incident = incidents.active()?;
        let b: Bundle = bundle(&incident)?;
        let file_name = evidence_file_name(Some(incident.started_at), suffix);
        let what = file_label(text::BUNDLE_FILE, &file_name);
        Some(Download {
            contents: render(&b),
            file_name,
            mime,
            what,
        })
    };
    let span = move |i: &Incident| {
        let end = i
            .resolved_at()
            .map_or_else(|| text::NOW_ONGOING.get(prefs.ui_lang()).to_string(), local_date_time);
        format!("{} – {end}", local_date_time(i.started_at))
    };
    let no_metrics = Signal::derive(move || current_metrics().is_none());
    view! {
        <section class="card evidence-panel" data-testid="evidence-panel">
            <h3>{prefs.tr(text::IN_BROWSER)}</h3>
            <p class="muted">{prefs.tr(text::IN_BROWSER_INTRO)}</p>
            {move || match active() {
                None => {
                    view! {
                        <p data-testid="evidence-no-incident">
                            {prefs.tr(text::NO_INCIDENT)} " "
                            <A href=use_content().path("/incident")>{prefs.tr(text::START_INCIDENT)}</A>
                        </p>
                    }
                        .into_any()
                }
                Some(i) => {
                    view! {
                        <p data-testid="incident-span">
                            <strong>{prefs.tr(text::INCIDENT_SPAN)}</strong>
                            ": "
                            {span(&i)}
                        </p>
                    }
                        .into_any()
                }
            }}
            <Show when=move || incidents.has_active()>
                <div class="evidence-actions">
                    <button type="button" data-testid="fetch-metrics" disabled=move || loading.get() on:click=on_fetch>
                        {move || if loading.get() { text::FETCHING } else { text::FETCH_METRICS }.get(prefs.ui_lang())}
                    </button>
                    <p role="status" data-testid="metrics-summary">
                        {summary}
                    </p>
                    {move || {
                        let items = failures();
                        (!items.is_empty())
                            .then(|| {
                                view! {
                                    <ul class="field-error" role="alert" data-testid="metrics-error">
                                        <MessageItems items />
                                    </ul>
                                }
                            })
                    }}
                    <DownloadButton
                        label=text::DOWNLOAD_METRICS
                        testid="download-metrics"
                        make=make_metrics
                        disabled=no_metrics
                    />
                    <DownloadButton
                        label=text::DOWNLOAD_BUNDLE_JSON
                        testid="download-bundle-json"
                        make=move || make_bundle("bundle.json", "application/json", &Bundle::to_json)
                    />
                    <DownloadButton
                        label=text::DOWNLOAD_BUNDLE_MD
                        testid="download-bundle-md"
                        make=move || {
                            let lang = prefs.mode_untracked().primary();
                            make_bundle(
                                "bundle.md",
                                "text/markdown;charset=utf-8",
                                &|b| { b.to_markdown(Local::now().offset().fix(), lang) },
                            )
                        }
                    />
                    <p class="muted">{prefs.tr(text::BUNDLE_NOTE)}</p>
                </div>
            </Show>
        </section>
    }
}
