//! The bundle as Markdown. Everything not written by this app (names, notes, vendor and
//! Prometheus text) goes into code spans or a fenced block sized to its content, so it stays
//! literal text in any Markdown viewer.

use chrono::{DateTime, FixedOffset, Utc};

use super::{Bundle, MetricsEvidence, SignalSnapshot};
use crate::i18n::{colon, Lang, Text};
use crate::incident::{displayable, duration_text, StartSource};
use crate::messages::sanitize::one_line;
use crate::signals::prometheus::{parse_range, Caveats, Series};

const TITLE: Text = Text::new("Incident bundle", "事件证据包");
const GENERATED: Text = Text::new("Generated", "生成时间");
const ENVIRONMENT: Text = Text::new("Environment", "环境");
const INCIDENT: Text = Text::new("Incident", "事件");
const SEVERITY: Text = Text::new("Severity", "严重级别");
const STATUS: Text = Text::new("Status", "状态");
const COMMANDER: Text = Text::new("Incident commander", "事件负责人");
const IMPACT: Text = Text::new("Impact", "影响");
const STARTED: Text = Text::new("Started", "开始时间");
const FROM_ALERT: Text = Text::new("start time from the alert", "开始时间取自告警");
const WHEN_OPENED: Text = Text::new("when the incident was opened", "以打开事件的时间为准");
const RESOLVED: Text = Text::new("Resolved", "解决时间");
const NOT_YET: Text = Text::new("not yet", "尚未解决");
const DURATION: Text = Text::new("Duration", "持续时间");
const ONGOING: Text = Text::new("ongoing", "进行中");
const ALERT: Text = Text::new("Alert", "告警");
const NAMESPACE: Text = Text::new("namespace", "命名空间");
const TARGET: Text = Text::new("Commands ran against", "命令目标");
const CONTEXT: Text = Text::new("context", "context");
const DEPLOYMENT: Text = Text::new("deployment", "deployment");
const WIZARD: Text = Text::new("Wizard answers", "向导答案");
const NONE_YET: Text = Text::new("none yet", "暂无");
const TIMELINE: Text = Text::new("Timeline", "时间线");
const EDITED: Text = Text::new("edited", "编辑于");
const LIVE: Text = Text::new("Live checks (last known)", "实时检查(最后已知)");
/// The vendor check without the vendor's name (see [`Bundle::with_vendor`]).
const VENDOR: Text = Text::new("Vendor status", "供应商状态");
const HEALTH: Text = Text::new("Our integration health", "我方集成健康状态");
const ERRORS: Text = Text::new("Error rate (last 5 min)", "近 5 分钟错误率");
const FETCHED: Text = Text::new("fetched", "获取于");
const FETCHED_AT: Text = Text::new("Fetched", "获取于");
const NO_READING: Text = Text::new("no reading", "无数据");
const FAILING_NOW: Text = Text::new("failing now", "当前失败");
const PER_SEC: Text = Text::new("errors/s", "次错误/秒");
const METRICS: Text = Text::new("Error-rate metrics", "错误率指标");
const NOT_FETCHED: Text = Text::new(
    "Not fetched in the browser. Use \"Fetch metrics\" on the Commands page, or run the \"Capture metrics\" command.",
    "未在浏览器中获取。请在“命令”页点击“获取指标”,或运行“导出指标”命令。",
);
const QUERY: Text = Text::new("Query", "查询");
const SPAN: Text = Text::new("Span", "时间范围");
const STEP: Text = Text::new("step", "步长");
const NO_SERIES: Text = Text::new(
    "No series matched: no errors recorded in this span.",
    "没有匹配的序列:此时间段内未记录到错误。",
);
const UNREADABLE: Text = Text::new("The saved answer is not a range result", "保存的应答不是区间查询结果");
const PARTIAL: Text = Text::new(
    "Partial data: the Prometheus backend says this answer may be incomplete",
    "数据不完整:Prometheus 后端表示该应答可能缺失部分数据",
);
const IS_PARTIAL: &str = "isPartial: true";
const BACKEND_NOTES: Text = Text::new("Backend notes", "后端提示");
const POINTS: Text = Text::new("points", "个数据点");
const PEAK: Text = Text::new("peak", "峰值");
const AT: Text = Text::new("at", "于");
const LAST: Text = Text::new("last", "最新");

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A code span no content can close early: its fence is longer than any backtick run inside.
fn literal(text: &str) -> String {
    let text = one_line(text);
    if text.is_empty() {
        return "—".to_string();
    }
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced block of one-line entries that no entry can close early.
fn literal_block(lines: &[String]) -> String {
    let fence = "`".repeat(lines.iter().map(|l| longest_backtick_run(l)).max().unwrap_or(0).max(2) + 1);
    format!("{fence}text\n{}\n{fence}", lines.join("\n"))
}

fn stamp(t: DateTime<Utc>, offset: &FixedOffset) -> String {
    displayable(t)
        .with_timezone(offset)
        .format("%Y-%m-%d %H:%M:%S UTC%:z")
        .to_string()
}

fn incident_facts(b: &Bundle, offset: &FixedOffset, lang: Lang) -> Vec<String> {
    let i = &b.incident;
    let source = match i.start_source {
        StartSource::Alert => FROM_ALERT,
        StartSource::Opened => WHEN_OPENED,
    };
    let resolved = i
        .resolved_at()
        .map_or_else(|| NOT_YET.get(lang).to_string(), |t| stamp(t, offset));
    let ongoing = if i.resolved_at().is_none() {
        format!(" ({})", ONGOING.get(lang))
    } else {
        String::new()
    };
    let p = &b.command_params;
    let wizard = if b.wizard_path.is_empty() {
        NONE_YET.get(lang).to_string()
    } else {
        literal(&b.wizard_path)
    };
    let mut facts = vec![
        format!("{}: {}", SEVERITY.get(lang), i.severity().as_str()),
        format!("{}: {}", STATUS.get(lang), i.status().label().get(lang)),
        format!("{}: {}", COMMANDER.get(lang), literal(&i.commander)),
        format!("{}: {}", IMPACT.get(lang), literal(&i.impact)),
        format!(
            "{}: {} ({})",
            STARTED.get(lang),
            stamp(i.started_at, offset),
            source.get(lang)
        ),
        format!("{}: {resolved}", RESOLVED.get(lang)),
        format!(
            "{}: {}{ongoing}",
            DURATION.get(lang),
            duration_text(i.elapsed(b.generated_at)).get(lang)
        ),
    ];
    if let Some(alert) = &i.context.alert_name {
        let ns = i
            .context
            .namespace
            .as_deref()
            .map_or_else(String::new, |n| format!(", {} {}", NAMESPACE.get(lang), literal(n)));
        facts.push(format!("{}: {}{ns}", ALERT.get(lang), literal(alert)));
    }
    facts.push(format!(
        "{}: {} {}, {} {}, {} {}",
        TARGET.get(lang),
        CONTEXT.get(lang),
        literal(&p.kube_context),
        NAMESPACE.get(lang),
        literal(&p.namespace),
        DEPLOYMENT.get(lang),
        literal(&p.deployment)
    ));
    facts.push(format!("{}: {wizard}", WIZARD.get(lang)));
    facts.into_iter().map(|f| format!("- {f}")).collect()
}

fn timeline(b: &Bundle, offset: &FixedOffset, lang: Lang) -> String {
    let lines: Vec<String> = b
        .incident
        .timeline()
        .entries()
        .iter()
        .map(|e| {
            let edited = e
                .edited_at
                .map_or_else(String::new, |t| format!(" ({} {})", EDITED.get(lang), stamp(t, offset)));
            format!("{}  {}{edited}", stamp(e.at, offset), one_line(e.text.get(lang)))
        })
        .collect();
    literal_block(&lines)
}

/// `- Title: value — fetched <time> (primary)`, and the current failure on its own line.
fn live_check<T>(
    title: &str,
    snapshot: &SignalSnapshot<T>,
    value: impl Fn(&T) -> String,
    offset: &FixedOffset,
    lang: Lang,
) -> String {
    let mut line = match &snapshot.last_good {
        Some(r) => format!(
            "- {}: {} — {} {} ({})",
            title,
            value(&r.value),
            FETCHED.get(lang),
            stamp(r.fetched_at, offset),
            r.source.label().get(lang)
        ),
        None => format!("- {}: {}", title, NO_READING.get(lang)),
    };
    if let Some(f) = &snapshot.failure {
        line.push_str(&format!("\n  - {}: {}", FAILING_NOW.get(lang), literal(f.get(lang))));
    }
    line
}

fn rate(v: f64, lang: Lang) -> String {
    format!("{v:.3} {}", PER_SEC.get(lang))
}

fn live_checks(b: &Bundle, offset: &FixedOffset, lang: Lang) -> Vec<String> {
    let vendor = |v: &crate::signals::vendor::VendorStatus| {
        format!("{} {}", v.indicator.label().get(lang), literal(&v.description))
    };
    let health = |h: &crate::signals::health::HealthStatus| {
        let details: Vec<String> = h
            .details
            .iter()
            .map(|(k, v)| format!("{}: {}", literal(k), literal(v)))
            .collect();
        let mut s = h.verdict.label().get(lang).to_string();
        if !details.is_empty() {
            s.push_str(&format!(" ({})", details.join(", ")));
        }
        s
    };
    let errors = |e: &crate::signals::error_rate::ErrorRates| {
        let total = e
            .total
            .map_or_else(|| NO_READING.get(lang).to_string(), |t| rate(t, lang));
        let codes: Vec<String> = e
            .by_code
            .iter()
            .map(|(c, v)| format!("{} {}", literal(c), rate(*v, lang)))
            .collect();
        if codes.is_empty() {
            total
        } else {
            format!("{total} ({})", codes.join(", "))
        }
    };
    let vendor_title = match (&b.vendor, lang) {
        (Some(name), Lang::En) => format!("{} status", name.en),
        (Some(name), Lang::Zh) => format!("{} 状态", name.zh),
        (None, _) => VENDOR.get(lang).to_string(),
    };
    vec![
        live_check(&vendor_title, &b.live.vendor, vendor, offset, lang),
        live_check(HEALTH.get(lang), &b.live.health, health, offset, lang),
        live_check(ERRORS.get(lang), &b.live.errors, errors, offset, lang),
    ]
}

fn labels_text(s: &Series) -> String {
    let pairs: Vec<String> = s.labels.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    format!("{{{}}}", pairs.join(", "))
}

fn series_line(s: &Series, offset: &FixedOffset, lang: Lang) -> String {
    let mut line = format!(
        "- {}: {} {}",
        literal(&labels_text(s)),
        s.points.len(),
        POINTS.get(lang)
    );
    let peak = s
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .max_by(|a, b| a.value.total_cmp(&b.value));
    if let Some(p) = peak {
        let at = DateTime::from_timestamp(p.unix_secs.floor() as i64, 0)
            .map_or_else(String::new, |t| format!(" {} {}", AT.get(lang), stamp(t, offset)));
        line.push_str(&format!(", {} {}{at}", PEAK.get(lang), rate(p.value, lang)));
    }
    if let Some(last) = s.points.last() {
        line.push_str(&format!(", {} {}", LAST.get(lang), rate(last.value, lang)));
    }
    line
}

/// What the backend said about the answer besides its data, each in its own code span.
fn caveat_lines(c: &Caveats, lang: Lang) -> Vec<String> {
    let spans = |items: &[String]| items.iter().map(|w| literal(w)).collect::<Vec<_>>().join(", ");
    let mut lines = Vec::new();
    if c.partial {
        let said = if c.warnings.is_empty() {
            literal(IS_PARTIAL)
        } else {
            spans(&c.warnings)
        };
        lines.push(format!("- {}{}{said}", PARTIAL.get(lang), colon(lang)));
    }
    if !c.infos.is_empty() {
        lines.push(format!(
            "- {}{}{}",
            BACKEND_NOTES.get(lang),
            colon(lang),
            spans(&c.infos)
        ));
    }
    lines
}

fn metrics(m: Option<&MetricsEvidence>, offset: &FixedOffset, lang: Lang) -> Vec<String> {
    let Some(m) = m else {
        return vec![NOT_FETCHED.get(lang).to_string()];
    };
    let r = &m.range;
    let mut out = vec![
        format!("- {}: {}", QUERY.get(lang), literal(&r.query)),
        format!(
            "- {}: {} – {}, {} {} s",
            SPAN.get(lang),
            stamp(r.start, offset),
            stamp(r.end, offset),
            STEP.get(lang),
            r.step_secs
        ),
        format!(
            "- {} {} ({})",
            FETCHED_AT.get(lang),
            stamp(m.fetched_at, offset),
            m.source.label().get(lang)
        ),
        String::new(),
    ];
    match parse_range(&m.response) {
        Ok(answer) => {
            out.extend(caveat_lines(&answer.caveats, lang));
            if answer.series.is_empty() {
                out.push(NO_SERIES.get(lang).to_string());
            } else {
                out.extend(answer.series.iter().map(|s| series_line(s, offset, lang)));
            }
        }
        Err(e) => out.push(format!(
            "{}: {} {}",
            UNREADABLE.get(lang),
            literal(&e.field),
            literal(e.problem.get(lang))
        )),
    }
    out
}

impl Bundle {
    /// For people: the same content as the JSON, in `lang`, times in `offset`.
    pub fn to_markdown(&self, offset: FixedOffset, lang: Lang) -> String {
        let offset = &offset;
        [
            format!("# {} {}", TITLE.get(lang), literal(&self.incident.id)),
            String::new(),
            format!(
                "{}: {} · {}: {}",
                GENERATED.get(lang),
                stamp(self.generated_at, offset),
                ENVIRONMENT.get(lang),
                literal(&self.environment)
            ),
            String::new(),
            format!("## {}", INCIDENT.get(lang)),
            String::new(),
            incident_facts(self, offset, lang).join("\n"),
            String::new(),
            format!("## {}", TIMELINE.get(lang)),
            String::new(),
            timeline(self, offset, lang),
            String::new(),
            format!("## {}", LIVE.get(lang)),
            String::new(),
            live_checks(self, offset, lang).join("\n"),
            String::new(),
            format!("## {}", METRICS.get(lang)),
            String::new(),
            metrics(self.metrics.as_ref(), offset, lang).join("\n"),
            String::new(),
        ]
        .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_spans_outlast_any_backticks_inside() {
        assert_eq!(literal("alice"), "`alice`");
        assert_eq!(literal("a`b"), "``a`b``");
        assert_eq!(literal("`x`"), "`` `x` ``");
        assert_eq!(literal("``` fence"), "```` ``` fence ````");
        assert_eq!(literal(" \n "), "—");
        assert_eq!(literal("line\n# two\u{202E}"), "`line # two`");
    }

    fn evidence(response: serde_json::Value) -> MetricsEvidence {
        let t = DateTime::from_timestamp(1_772_790_000, 0).unwrap();
        MetricsEvidence {
            range: super::super::MetricsRange {
                query: "q".into(),
                start: t,
                end: t,
                step_secs: 15,
            },
            fetched_at: t,
            source: crate::signals::Source::Primary,
            response,
        }
    }

    fn metrics_md(response: serde_json::Value, lang: Lang) -> String {
        metrics(Some(&evidence(response)), &FixedOffset::east_opt(0).unwrap(), lang).join("\n")
    }

    /// A range the backend marked partial is recorded as such, with what it said, literally.
    #[test]
    fn partial_ranges_are_recorded_with_the_backends_words() {
        let data = serde_json::json!({"resultType": "matrix", "result": [
            {"metric": {"code": "401"}, "values": [[1772790000, "0.2"], [1772790015, "0.9"]]}
        ]});
        let complete = serde_json::json!({"status": "success", "data": data});
        for lang in Lang::ALL {
            let md = metrics_md(complete.clone(), lang);
            assert!(!md.contains("Partial") && !md.contains("不完整"), "{md}");
        }
        let thanos = serde_json::json!({"status": "success", "data": data,
            "warnings": ["partial response: store `a` timed out\n# Owned\u{202E}"]});
        let en = metrics_md(thanos.clone(), Lang::En);
        assert!(
            en.contains("- Partial data: the Prometheus backend says this answer may be incomplete: ``partial response: store `a` timed out # Owned``\n"),
            "{en}"
        );
        assert!(en.contains("- `{code=\"401\"}`: 2 points"), "{en}");
        assert!(!en.contains('\u{202E}'));
        let zh = metrics_md(thanos, Lang::Zh);
        assert!(
            zh.contains("- 数据不完整:Prometheus 后端表示该应答可能缺失部分数据:``partial response"),
            "{zh}"
        );
        let victoria = serde_json::json!({"status": "success", "isPartial": true, "data": data});
        let en = metrics_md(victoria.clone(), Lang::En);
        assert!(en.contains("may be incomplete: `isPartial: true`"), "{en}");
        assert!(metrics_md(victoria, Lang::Zh).contains("可能缺失部分数据:`isPartial: true`"));
        let infos = serde_json::json!({"status": "success", "data": data, "infos": ["PromQL info: not a counter"]});
        let en = metrics_md(infos, Lang::En);
        assert!(!en.contains("Partial"), "{en}");
        assert!(en.contains("- Backend notes: `PromQL info: not a counter`"), "{en}");
    }

    #[test]
    fn blocks_outlast_any_backticks_inside() {
        assert_eq!(literal_block(&["a".into()]), "```text\na\n```");
        assert_eq!(literal_block(&["````".into(), "b".into()]), "`````text\n````\nb\n`````");
    }
}
