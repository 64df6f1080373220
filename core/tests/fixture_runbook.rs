//! The synthetic second runbook `tests/fixtures/runbooks/synthetic-queue/` (a made-up vendor,
//! never shipped; e2e builds add it to the library with RUNBOOK_LIBRARY), read through
//! `runbook::package` as the build reads a package: it passes the authoring check, renders in
//! both languages, its tree reaches every node, every command generates, and its `kubectl scale`
//! and `kubectl annotate` lines (and every other kubectl line) are accepted by the real kubectl.

#[path = "support/closed_cluster.rs"]
mod closed_cluster;
#[path = "support/content.rs"]
mod content;
#[allow(dead_code)]
mod golden_params;
#[allow(dead_code)]
mod shim;

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use closed_cluster::{real_kubectl, ClosedCluster};
use runbook_core::commands::{
    CommandBook, CommandParams, GeneratedCommand, IncidentWindow, ParamField, ParamOverrides,
};
use runbook_core::i18n::{Bilingual, Lang, LangMode};
use runbook_core::messages::{render, MessageContext, MessageKind};
use runbook_core::runbook::{self, check, Runbook, RunbookSource};
use runbook_core::severity::{ResponseTarget, Severity};
use runbook_core::tree::{validate, ErrorType, Node, Signal, Tree};
use shim::{install_shims, run_line, Call, Scratch};

const ID: &str = "synthetic-queue";

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/runbooks")
}

fn source() -> RunbookSource {
    content::read_package(&fixtures_dir().join(ID))
}

fn fixture() -> Runbook {
    runbook::load(&source()).unwrap_or_else(|e| panic!("{e}"))
}

fn tree() -> Tree {
    runbook::tree(&source()).unwrap_or_else(|e| panic!("{e}"))
}

fn book() -> CommandBook {
    fixture().commands.book().unwrap()
}

/// The runbook folders of tests/fixtures/runbooks/ (files next to them, the README, are not).
fn fixture_ids() -> Vec<String> {
    let names = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().unwrap());
    runbook::discover(names).unwrap()
}

#[test]
fn the_fixture_is_a_synthetic_runbook_outside_the_shipped_library() {
    assert_eq!(fixture_ids(), [ID]);
    assert!(!content::library_ids().contains(&ID.to_string()));
    let runbook = fixture();
    assert_eq!(runbook.id, ID);
    assert_eq!(
        runbook.vendor,
        Bilingual::new("Example Queue (synthetic)", "示例队列(合成)")
    );
    assert_eq!(
        runbook.title,
        Bilingual::new(
            "Example Queue (synthetic) Incident Runbook",
            "示例队列(合成)事件响应手册"
        )
    );
    assert_eq!(runbook.owners, ["fixture-team"]);
    assert_eq!(runbook.health_service, "synthetic-queue");
    assert_eq!(
        runbook.alerts,
        ["SyntheticQueueBacklogHigh", "SyntheticQueueConsumerDown"]
    );
    assert!(runbook.answers_alert("SyntheticQueueConsumerDown"));
    assert!(!runbook.answers_alert("InstantlyAuthErrors"));
    assert_eq!(runbook.links, ["instantly"]);
    let levels: Vec<(Severity, ResponseTarget)> = runbook
        .severities
        .iter()
        .map(|s| (s.level, s.response_target))
        .collect();
    assert_eq!(
        levels,
        [
            (Severity::P1, ResponseTarget::Minutes(10)),
            (Severity::P2, ResponseTarget::Minutes(30)),
            (Severity::P3, ResponseTarget::NextBusinessDay),
        ]
    );
}

/// In a library with the shipped runbooks (what RUNBOOK_LIBRARY=content:tests/fixtures/runbooks
/// builds) the check finds nothing; checked alone, as `xtask check` does with the folders next
/// to it, only the link to `instantly` is reported, as a warning.
#[test]
fn the_authoring_check_finds_nothing_in_a_library_with_instantly() {
    let source = source();
    let library = [content::library_ids(), fixture_ids()].concat();
    assert_eq!(check::check(&source, &library), vec![]);
    let alone: Vec<String> = check::check(&source, &fixture_ids())
        .iter()
        .map(ToString::to_string)
        .collect();
    let line = source.manifest.lines().position(|l| l.contains("\"links\"")).unwrap() + 1;
    assert_eq!(
        alone,
        [format!(
            "manifest.json:{line}: warning: links to runbook \"instantly\", which is not in this library; the app says so where it shows the link"
        )]
    );
}

/// The library an e2e build renders: the shipped runbooks, then this one (by id).
#[test]
fn a_library_with_the_fixture_renders_and_keeps_instantly_first() {
    let mut sources = content::library();
    sources.push(source());
    sources.sort_by(|a, b| a.folder.cmp(&b.folder));
    assert_eq!(sources.first().map(|s| s.folder.as_str()), Some("instantly"));
    let books: Vec<Runbook> = sources
        .iter()
        .map(|s| runbook::load(s).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let ids: Vec<&str> = books.iter().map(|b| b.id.as_str()).collect();
    assert!(ids.ends_with(&[ID]) && ids.contains(&"instantly"), "{ids:?}");
    assert_eq!(books.last().map(|b| b.tree.tree().unwrap()), Some(tree()));
}

const SECTIONS: [(&str, &[&str]); 9] = [
    ("overview", &[]),
    ("severity-levels", &[]),
    ("quick-triage", &[]),
    ("decision-tree", &[]),
    (
        "remediation",
        &[
            "backlog-growing",
            "consumer-crash-loop",
            "vendor-outage",
            "queue-api-errors",
        ],
    ),
    ("communication", &["slack-update", "status-page-notice"]),
    ("post-incident", &["evidence", "postmortem"]),
    ("error-handling", &[]),
    ("next-steps", &[]),
];

#[test]
fn it_renders_in_both_languages_with_the_same_sections() {
    let runbook = fixture();
    for lang in Lang::ALL {
        let doc = runbook.document(lang);
        let found: Vec<(&str, Vec<&str>)> = doc
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.subsections.iter().map(|h| h.id.as_str()).collect()))
            .collect();
        let expected: Vec<(&str, Vec<&str>)> = SECTIONS.iter().map(|(id, subs)| (*id, subs.to_vec())).collect();
        assert_eq!(found, expected, "{lang:?}");
        for section in &doc.sections {
            assert!(!section.html.trim().is_empty(), "{lang:?} {} is empty", section.id);
        }
    }
    let html = |lang: Lang, id: &str| runbook.section(lang, id).unwrap().html.clone();
    assert!(html(Lang::En, "overview").contains("<strong>Synthetic test fixture, never shipped.</strong>"));
    assert!(html(Lang::Zh, "overview").contains("<strong>合成测试数据,绝不发布。</strong>"));
    assert!(html(Lang::En, "severity-levels").contains("<td>&lt; 10 min</td>"));
    assert!(html(Lang::Zh, "severity-levels").contains("<td>&lt; 10分钟</td>"));
    assert!(html(Lang::En, "remediation").contains("<h3 id=\"en-backlog-growing\">Consumers too slow</h3>"));
    assert!(html(Lang::Zh, "remediation").contains("<h3 id=\"zh-backlog-growing\">消费者处理太慢</h3>"));
    assert!(html(Lang::En, "remediation").contains("--current-replicas=3 --replicas=6"));
    assert!(
        html(Lang::En, "decision-tree").contains("<code class=\"language-text\">Is the queue backlog still growing?")
    );
    for pair in runbook.paired_sections() {
        assert_ne!(pair.en.title, pair.zh.title, "{} is not translated", pair.id);
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// The fixture's own templates and vendor name, in English and Chinese.
#[test]
fn its_messages_render_from_its_own_templates() {
    let runbook = fixture();
    let ctx = MessageContext {
        vendor: runbook.vendor.clone(),
        severity: Severity::P1,
        status: Bilingual::new("Investigating", "排查中"),
        status_slack: "INVESTIGATING".into(),
        impact: Some("invoice jobs wait 20 minutes".into()),
        current_action: Some("Scaling consumers to 6".into()),
        next_update: Some(at("2024-01-15T15:10:00+08:00")),
        commander: Some("@alice".into()),
        started_at: at("2024-01-15T14:30:00+08:00"),
        ended_at: None,
        now: at("2024-01-15T14:50:00+08:00"),
        error_type: Some(runbook.messages.error_type_label(ErrorType::Other).clone()),
        summary: None,
        timeline: vec![(at("2024-01-15T14:31:00+08:00"), "Backlog alert fired".into())],
        last_updated: at("2024-01-15T14:52:00+08:00"),
    };
    let slack = |mode| render(MessageKind::SlackUpdate, &runbook.messages, &ctx, mode);
    assert_eq!(
        slack(LangMode::En),
        "🔴 P1 Example Queue (synthetic): queue incident\nState: INVESTIGATING\nWho is affected: invoice jobs wait 20 minutes\nDoing now: Scaling consumers to 6\nNext update at: 15:10 UTC+08:00\nCommander: @alice"
    );
    assert_eq!(
        slack(LangMode::Zh).lines().next(),
        Some("🔴 P1 示例队列(合成):队列事件")
    );
    let status = render(MessageKind::StatusPage, &runbook.messages, &ctx, LangMode::En);
    assert!(
        status.contains("Jobs that go through Example Queue (synthetic) may be delayed: invoice jobs wait 20 minutes."),
        "{status}"
    );
    let postmortem = render(MessageKind::Postmortem, &runbook.messages, &ctx, LangMode::Zh);
    assert!(
        postmortem.starts_with("# 队列事件:示例队列(合成)\n**类型:** 消费者反复崩溃重启\n"),
        "{postmortem}"
    );
    assert!(postmortem.contains("[摘要]"), "the summary's placeholder: {postmortem}");
}

/// Questions (id, signal, [(answer, next)]) and outcomes (id, section, severity, error type).
type QuestionOutline = (&'static str, Option<Signal>, Vec<(&'static str, &'static str)>);
type OutcomeOutline = (&'static str, &'static str, Option<Severity>, Option<ErrorType>);

#[test]
fn the_tree_reaches_every_node_from_its_root() {
    let tree = tree();
    assert_eq!(validate(&tree), vec![]);
    assert_eq!(tree.root, "backlog_growing");
    let ids: Vec<&str> = tree.nodes.iter().map(Node::id).collect();
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::from([tree.root.as_str()]);
    while let Some(id) = queue.pop_front() {
        if !reached.insert(id) {
            continue;
        }
        let node = tree
            .nodes
            .iter()
            .find(|n| n.id() == id)
            .unwrap_or_else(|| panic!("no node {id}"));
        queue.extend(node.answers().iter().map(|a| a.next.as_str()));
    }
    assert_eq!(
        reached,
        ids.iter().copied().collect::<BTreeSet<_>>(),
        "unreachable nodes"
    );
    assert_eq!(reached.len(), ids.len(), "node ids are unique");

    let questions: Vec<QuestionOutline> = vec![
        (
            "backlog_growing",
            None,
            vec![("growing", "queue_incident"), ("flat", "consumer_errors")],
        ),
        (
            "queue_incident",
            Some(Signal::VendorIncident),
            vec![("yes", "vendor_outage"), ("no", "consumers_healthy")],
        ),
        (
            "consumers_healthy",
            Some(Signal::ServiceHealthy),
            vec![("yes", "consumers_too_slow"), ("no", "consumer_crash_loop")],
        ),
        (
            "consumer_errors",
            Some(Signal::ApiErrors),
            vec![("yes", "queue_api_errors"), ("no", "backlog_draining")],
        ),
    ];
    type Question<'a> = (&'a str, Option<Signal>, Vec<(&'a str, &'a str)>);
    let found: Vec<Question> = tree
        .nodes
        .iter()
        .filter(|n| !n.is_outcome())
        .map(|n| {
            let answers = n
                .answers()
                .iter()
                .map(|a| (a.value.as_str(), a.next.as_str()))
                .collect();
            (n.id(), n.signal(), answers)
        })
        .collect();
    assert_eq!(found, questions);

    let outcomes: Vec<OutcomeOutline> = vec![
        (
            "vendor_outage",
            "vendor-outage",
            Some(Severity::P2),
            Some(ErrorType::Vendor),
        ),
        ("consumers_too_slow", "backlog-growing", Some(Severity::P2), None),
        (
            "consumer_crash_loop",
            "consumer-crash-loop",
            Some(Severity::P1),
            Some(ErrorType::Other),
        ),
        ("queue_api_errors", "queue-api-errors", Some(Severity::P3), None),
        ("backlog_draining", "quick-triage", Some(Severity::P3), None),
    ];
    let found: Vec<(&str, &str, Option<Severity>, Option<ErrorType>)> = tree
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::Outcome {
                id, runbook_section, ..
            } => Some((
                id.as_str(),
                runbook_section.as_str(),
                n.typical_severity(),
                n.error_type(),
            )),
            Node::Question { .. } => None,
        })
        .collect();
    assert_eq!(found, outcomes);
}

#[test]
fn outcomes_link_to_headings_and_name_declared_commands() {
    let (runbook, tree, book) = (fixture(), tree(), book());
    let mut named = BTreeSet::new();
    for node in &tree.nodes {
        let Node::Outcome {
            runbook_section,
            actions,
            ..
        } = node
        else {
            continue;
        };
        for lang in Lang::ALL {
            let doc = runbook.document(lang);
            let found = doc
                .sections
                .iter()
                .any(|s| s.id == *runbook_section || s.subsections.iter().any(|h| h.id == *runbook_section));
            assert!(found, "{lang:?}: {runbook_section} of {}", node.id());
        }
        for action in actions {
            if let Some(id) = &action.command {
                assert!(book.get(id.as_str()).is_some(), "{} names {id}", node.id());
                named.insert(id.as_str().to_string());
            }
        }
    }
    let all: BTreeSet<String> = book.ids().map(|id| id.as_str().to_string()).collect();
    assert_eq!(named, all, "every command is offered by some outcome");
    let shown: Vec<&str> = book.page().commands().map(|id| id.as_str()).collect();
    assert_eq!(
        shown,
        COMMANDS.map(|(id, _)| id),
        "the page shows every command once, in file order"
    );
    assert_eq!(
        book.triage_command().map(|id| id.as_str()),
        Some("recent_consumer_errors")
    );
    assert_eq!(book.label(ParamField::Deployment).en, "Consumer deployment");
}

/// Every command of the file, in order, and whether it changes the cluster.
const COMMANDS: [(&str, bool); 8] = [
    ("consumer_pods", false),
    ("recent_consumer_errors", false),
    ("consumer_error_rate", false),
    ("vendor_incidents", false),
    ("scale_consumers", true),
    ("crashed_logs", false),
    ("annotate_incident", true),
    ("export_events", false),
];

fn overrides() -> ParamOverrides {
    ParamOverrides {
        namespace: Some("queue-fixture".into()),
        deployment: Some("synthetic-queue-consumer".into()),
        label_selector: Some("app=synthetic-queue-consumer,tier!=web".into()),
        since: Some("15m".into()),
        vendor_status_page: Some("https://status.example-queue.invalid/".into()),
        ..ParamOverrides::default()
    }
}

fn window() -> IncidentWindow {
    IncidentWindow {
        start: Utc.with_ymd_and_hms(2024, 1, 15, 6, 30, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2024, 1, 15, 8, 45, 30).unwrap(),
    }
}

fn params(incident: Option<IncidentWindow>) -> CommandParams {
    CommandParams::new(&golden_params::shipped_config(), &overrides(), incident)
}

fn generate(id: &str, p: &CommandParams) -> GeneratedCommand {
    book()
        .generate(id, p)
        .unwrap_or_else(|| panic!("no command {id}"))
        .unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

const K: &str = "kubectl --context production -n queue-fixture";

#[test]
fn every_command_generates_for_valid_params() {
    let book = book();
    let p = params(Some(window()));
    let all = book.all(&p);
    let kinds: Vec<(&str, bool)> = all
        .iter()
        .map(|(id, r)| {
            let cmd = r.as_ref().unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert_eq!(cmd.mutating, cmd.dry_run.is_some(), "{id}");
            assert_eq!(cmd.mutating, cmd.rollback.is_some(), "{id}");
            assert_eq!(cmd.mutating, cmd.warning.is_some(), "{id}");
            (id.as_str(), cmd.mutating)
        })
        .collect();
    assert_eq!(kinds, COMMANDS);
    let text = |id: &str| generate(id, &p).text;
    assert_eq!(
        text("consumer_pods"),
        format!("{K} get pods -l 'app=synthetic-queue-consumer,tier!=web' -o wide")
    );
    assert_eq!(
        text("recent_consumer_errors"),
        format!("{K} logs -l 'app=synthetic-queue-consumer,tier!=web' --since=15m --all-containers --prefix --tail=-1 | grep -iE 'error|nack|timeout' | tail -n 50")
    );
    assert_eq!(
        text("consumer_error_rate"),
        "curl -sSG --globoff http://localhost:9090/api/v1/query --data-urlencode 'query=sum(rate(instantly_errors_total[5m]))' | jq '.data.result[0].value[1]'"
    );
    assert_eq!(
        text("vendor_incidents"),
        "curl -sS --globoff https://status.example-queue.invalid/api/v2/incidents/unresolved.json | jq '[.incidents[] | .name]'"
    );
    assert_eq!(
        text("crashed_logs"),
        format!("{K} logs deployment/synthetic-queue-consumer --previous --all-containers --timestamps --tail=200")
    );
    assert_eq!(
        text("export_events"),
        format!("{K} get events --sort-by=.lastTimestamp -o wide > synthetic-queue-20240115T0630Z-events.txt")
    );

    let scale = generate("scale_consumers", &p);
    assert_eq!(
        scale.text,
        format!("{K} scale deployment/synthetic-queue-consumer --current-replicas=3 --replicas=6 && {K} rollout status deployment/synthetic-queue-consumer --timeout=5m")
    );
    assert_eq!(
        scale.dry_run.as_deref(),
        Some(
            format!("{K} scale deployment/synthetic-queue-consumer --current-replicas=3 --replicas=6 --dry-run=server")
                .as_str()
        )
    );
    assert_eq!(
        scale.rollback.as_deref(),
        Some(format!("{K} scale deployment/synthetic-queue-consumer --current-replicas=6 --replicas=3 && {K} rollout status deployment/synthetic-queue-consumer --timeout=5m").as_str())
    );

    let annotate = generate("annotate_incident", &p);
    assert_eq!(
        annotate.text,
        format!("{K} annotate deployment/synthetic-queue-consumer --overwrite synthetic-queue.example/incident=incident-20240115T0630Z")
    );
    assert_eq!(
        annotate.dry_run.as_deref(),
        Some(format!("{K} annotate deployment/synthetic-queue-consumer --overwrite synthetic-queue.example/incident=incident-20240115T0630Z --dry-run=server").as_str())
    );
    assert_eq!(
        annotate.rollback.as_deref(),
        Some(format!("{K} annotate deployment/synthetic-queue-consumer synthetic-queue.example/incident-").as_str())
    );
}

/// Without a declared incident the annotation has no value: no command, an error naming the
/// incident window; the events export falls back to its file name without a time.
#[test]
fn without_an_incident_only_the_annotation_is_withheld() {
    let p = params(None);
    let mut failed = Vec::new();
    for (id, result) in book().all(&p) {
        if let Err(errors) = result {
            let fields: Vec<ParamField> = errors.iter().map(|e| e.field).collect();
            failed.push((id.as_str().to_string(), fields));
        }
    }
    assert_eq!(
        failed,
        [("annotate_incident".to_string(), vec![ParamField::IncidentWindow])]
    );
    assert_eq!(
        generate("export_events", &p).text,
        format!("{K} get events --sort-by=.lastTimestamp -o wide > synthetic-queue-events.txt")
    );
}

#[test]
fn invalid_values_name_the_runbooks_own_labels() {
    let mut p = params(Some(window()));
    p.deployment = "Consumer; rm -rf /".into();
    let errors = book().generate("scale_consumers", &p).unwrap().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, ParamField::Deployment);
    assert!(
        errors[0].message().en.starts_with("Consumer deployment: "),
        "{:?}",
        errors[0].message()
    );
    assert!(
        errors[0].message().zh.starts_with("消费者 Deployment:"),
        "{:?}",
        errors[0].message()
    );
}

/// Every generated line (run, dry run, rollback) of the fixture, labelled.
fn lines(p: &CommandParams) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, result) in book().all(p) {
        let cmd = result.unwrap_or_else(|e| panic!("{id}: {e:?}"));
        for (part, line) in [
            ("run", Some(cmd.text)),
            ("dry run", cmd.dry_run),
            ("rollback", cmd.rollback),
        ] {
            if let Some(line) = line {
                out.push((format!("{id} / {part}"), line));
            }
        }
    }
    out
}

/// The argv of each program a line runs (sorted), run by a real /bin/sh with every program a
/// recording shim (tests/shim): nothing real runs.
fn argv_of(line: &str) -> Vec<Vec<String>> {
    let root = Scratch::new("fixture-argv");
    let bin = install_shims(&root.0);
    let calls: Vec<Call> = run_line(&root.0, &bin, line, "", "production");
    calls.into_iter().map(|c| c.argv).collect()
}

const SCOPE: [&str; 5] = ["kubectl", "--context", "production", "-n", "queue-fixture"];

fn kubectl(args: &[&str]) -> Vec<String> {
    [&SCOPE[..], args].concat().iter().map(|a| a.to_string()).collect()
}

fn sorted(mut calls: Vec<Vec<String>>) -> Vec<Vec<String>> {
    calls.sort();
    calls
}

#[test]
fn scale_and_annotate_give_kubectl_exactly_these_arguments() {
    let p = params(Some(window()));
    let scale = generate("scale_consumers", &p);
    let annotate = generate("annotate_incident", &p);
    let deployment = "deployment/synthetic-queue-consumer";
    let status = kubectl(&["rollout", "status", deployment, "--timeout=5m"]);
    assert_eq!(
        argv_of(&scale.text),
        sorted(vec![
            kubectl(&["scale", deployment, "--current-replicas=3", "--replicas=6"]),
            status.clone(),
        ])
    );
    assert_eq!(
        argv_of(scale.dry_run.as_ref().unwrap()),
        [kubectl(&[
            "scale",
            deployment,
            "--current-replicas=3",
            "--replicas=6",
            "--dry-run=server"
        ])]
    );
    assert_eq!(
        argv_of(scale.rollback.as_ref().unwrap()),
        sorted(vec![
            kubectl(&["scale", deployment, "--current-replicas=6", "--replicas=3"]),
            status,
        ])
    );
    let mark = "synthetic-queue.example/incident=incident-20240115T0630Z";
    assert_eq!(
        argv_of(&annotate.text),
        [kubectl(&["annotate", deployment, "--overwrite", mark])]
    );
    assert_eq!(
        argv_of(annotate.dry_run.as_ref().unwrap()),
        [kubectl(&[
            "annotate",
            deployment,
            "--overwrite",
            mark,
            "--dry-run=server"
        ])]
    );
    assert_eq!(
        argv_of(annotate.rollback.as_ref().unwrap()),
        [kubectl(&["annotate", deployment, "synthetic-queue.example/incident-"])]
    );
}

/// Every kubectl call of every generated line, the scale and annotate ones included, goes to the
/// real kubectl against a closed port; a mistyped flag, a replica count that is not a number or an
/// update without a key is refused there, which shows the check can fail.
#[test]
fn the_real_kubectl_accepts_every_kubectl_call() {
    let Some(kubectl_path) = real_kubectl() else { return };
    let scratch = Scratch::new("fixture-closed-cluster");
    let cluster = ClosedCluster::new(kubectl_path, &scratch.0, "production");
    let p = params(Some(window()));
    let mut refused = Vec::new();
    let mut verbs = Vec::new();
    for (label, line) in lines(&p) {
        for argv in argv_of(&line).into_iter().filter(|argv| argv[0] == "kubectl") {
            let args = &argv[1..];
            verbs.push(args[4].clone());
            if let Err(e) = cluster.accepts(args) {
                refused.push(format!("{label}: {e}"));
            }
        }
    }
    assert!(refused.is_empty(), "refused:\n{}", refused.join("\n"));
    let verbs: HashSet<&str> = verbs.iter().map(String::as_str).collect();
    assert_eq!(
        verbs,
        HashSet::from(["get", "logs", "scale", "rollout", "annotate"]),
        "the calls checked"
    );

    let scale = argv_of(&generate("scale_consumers", &p).text);
    let scale = scale.iter().find(|argv| argv[5] == "scale").unwrap();
    for (from, to) in [
        ("--replicas=6", "--replicas=six"),
        ("--current-replicas=3", "--current-replica=3"),
    ] {
        let broken: Vec<String> = scale[1..].iter().map(|a| a.replace(from, to)).collect();
        assert!(cluster.accepts(&broken).is_err(), "kubectl accepted {broken:?}");
    }
    // kubectl checks annotation keys on the server, but parses the update and its flags itself.
    let annotate = argv_of(&generate("annotate_incident", &p).text).remove(0);
    for (from, to) in [
        ("--overwrite", "--overwrites"),
        (
            "synthetic-queue.example/incident=incident-20240115T0630Z",
            "=incident-20240115T0630Z",
        ),
    ] {
        let broken: Vec<String> = annotate[1..].iter().map(|a| a.replace(from, to)).collect();
        assert!(cluster.accepts(&broken).is_err(), "kubectl accepted {broken:?}");
    }
}
