//! The link an alert's `runbook_url` opens (see deploy/alerts.yml):
//! `/incident/new?alert=NAME&severity=P2&namespace=NS&started=UNIX_SECONDS`.
//! Every value is checked; anything unusable is left out and explained.

use chrono::{DateTime, Duration, Utc};

use super::IncidentContext;
use crate::i18n::Bilingual;
use crate::severity::Severity;
use crate::validate;

/// How far in the future a start time may be (clock skew between Prometheus and this laptop).
const MAX_CLOCK_SKEW_MINUTES: i64 = 5;
/// Older start times are taken as a stale or wrong link.
const MAX_START_AGE_DAYS: i64 = 30;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlertPrefill {
    pub severity: Option<Severity>,
    pub namespace: Option<String>,
    pub alert_name: Option<String>,
    /// When the alert became active; `None` means the incident starts now.
    pub started_at: Option<DateTime<Utc>>,
    pub problems: Vec<Bilingual>,
}

impl AlertPrefill {
    pub fn context(&self) -> IncidentContext {
        IncidentContext {
            namespace: self.namespace.clone(),
            alert_name: self.alert_name.clone(),
            runbook: None,
        }
    }
}

fn shown(v: &str) -> String {
    let s: String = v.chars().take(60).collect();
    if s.len() < v.len() {
        format!("{s}…")
    } else {
        s
    }
}

/// Query pairs read from one link; a longer query is a broken or hostile link, not an alert's.
pub const MAX_LINK_PAIRS: usize = 64;

const KEYS: [&str; 4] = ["alert", "severity", "namespace", "started"];

/// Reads the alert parameters out of already-decoded query pairs; other keys are ignored. Only the
/// first [`MAX_LINK_PAIRS`] pairs are read, and a repeated key is reported once.
pub fn parse_alert_link<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, now: DateTime<Utc>) -> AlertPrefill {
    let mut out = AlertPrefill::default();
    let mut seen = [false; KEYS.len()];
    let mut repeated = [false; KEYS.len()];
    let mut started_given = false;
    let mut pairs = pairs.into_iter();
    for (key, value) in pairs.by_ref().take(MAX_LINK_PAIRS) {
        let Some(k) = KEYS.iter().position(|&known| known == key) else {
            continue;
        };
        if seen[k] {
            if !repeated[k] {
                repeated[k] = true;
                out.problems.push(Bilingual::new(
                    format!("The link gives \"{key}\" more than once; the first value is used."),
                    format!("链接中 \"{key}\" 出现了多次;使用第一个值。"),
                ));
            }
            continue;
        }
        seen[k] = true;
        let value = value.trim();
        match key {
            "alert" => match validate::prometheus_name(value) {
                Ok(()) => out.alert_name = Some(value.to_string()),
                Err(why) => out.problems.push(Bilingual::new(
                    format!("Alert name \"{}\" {}; it was left out.", shown(value), why.en),
                    format!("告警名 \"{}\" {};已忽略。", shown(value), why.zh),
                )),
            },
            "severity" => match Severity::parse(value) {
                Some(s) => out.severity = Some(s),
                None => out.problems.push(Bilingual::new(
                    format!(
                        "Severity \"{}\" is not one of P1-P4; choose the severity yourself.",
                        shown(value)
                    ),
                    format!("严重级别 \"{}\" 不是 P1-P4 之一;请自行选择严重级别。", shown(value)),
                )),
            },
            "namespace" if value.is_empty() => out.problems.push(Bilingual::new(
                "The alert carries no namespace; the configured namespace is used.",
                "告警未携带命名空间;使用配置中的命名空间。",
            )),
            "namespace" => match validate::dns1123_label(value) {
                Ok(()) => out.namespace = Some(value.to_string()),
                Err(why) => out.problems.push(Bilingual::new(
                    format!(
                        "Namespace \"{}\" {}; the configured namespace is used.",
                        shown(value),
                        why.en
                    ),
                    format!("命名空间 \"{}\" {};使用配置中的命名空间。", shown(value), why.zh),
                )),
            },
            _ => {
                started_given = true;
                match parse_started(value, now) {
                    Ok(t) => out.started_at = Some(t),
                    Err(p) => out.problems.push(p),
                }
            }
        }
    }
    if pairs.next().is_some() {
        out.problems.push(Bilingual::new(
            format!("The link has more than {MAX_LINK_PAIRS} parameters; only the first {MAX_LINK_PAIRS} were read."),
            format!("链接参数超过 {MAX_LINK_PAIRS} 个;只读取了前 {MAX_LINK_PAIRS} 个。"),
        ));
    }
    if out.alert_name.is_some() && !started_given {
        out.problems.push(Bilingual::new(
            "The alert link has no start time; the incident starts now, when you opened it.",
            "告警链接没有开始时间;事件以现在(打开时)为开始时间。",
        ));
    }
    out
}

/// Unix seconds (what the alert rules send) or RFC 3339, within a believable window.
fn parse_started(value: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, Bilingual> {
    let parsed = value
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && s.abs() < 1e11)
        .and_then(|s| DateTime::from_timestamp(s.floor() as i64, 0))
        .or_else(|| DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&Utc)));
    let reject = |en: &str, zh: &str| {
        Err(Bilingual::new(
            format!(
                "Start time (\"started\") \"{}\" {en}; the incident starts now, when you opened it.",
                shown(value)
            ),
            format!(
                "开始时间(\"started\")\"{}\" {zh};事件以现在(打开时)为开始时间。",
                shown(value)
            ),
        ))
    };
    let latest = now.checked_add_signed(Duration::minutes(MAX_CLOCK_SKEW_MINUTES));
    let earliest = now.checked_sub_signed(Duration::days(MAX_START_AGE_DAYS));
    match parsed {
        None => reject("is not a time", "不是有效时间"),
        Some(t) if latest.is_some_and(|l| t > l) => reject("is in the future", "晚于当前时间"),
        Some(t) if earliest.is_some_and(|e| t < e) => reject("is more than 30 days ago", "早于 30 天前"),
        Some(t) if validate::time_in_range(t, now).is_err() => reject("is before 2000", "早于 2000 年"),
        Some(t) => Ok(t.min(now)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap()
    }

    fn parse(pairs: &[(&str, &str)]) -> AlertPrefill {
        parse_alert_link(pairs.iter().copied(), now())
    }

    #[test]
    fn full_link() {
        let started = (now() - Duration::minutes(7)).timestamp().to_string();
        let p = parse(&[
            ("alert", "AcmeErrorRateHigh"),
            ("severity", "P2"),
            ("namespace", "prod"),
            ("started", &started),
            ("lang", "zh"),
        ]);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.severity, Some(Severity::P2));
        assert_eq!(
            p.context(),
            IncidentContext {
                namespace: Some("prod".into()),
                alert_name: Some("AcmeErrorRateHigh".into()),
                runbook: None,
            }
        );
        assert_eq!(p.started_at, Some(now() - Duration::minutes(7)));
    }

    #[test]
    fn start_time_forms_and_window() {
        let at = |v: &str| parse(&[("started", v)]);
        assert_eq!(
            at("1772790000").started_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 6, 9, 40, 0).unwrap())
        );
        assert_eq!(
            at("1772790000.75").started_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 6, 9, 40, 0).unwrap())
        );
        assert_eq!(
            at("2026-03-06T10:30:00+01:00").started_at,
            Some(Utc.with_ymd_and_hms(2026, 3, 6, 9, 30, 0).unwrap())
        );
        let skew = (now() + Duration::minutes(2)).timestamp().to_string();
        assert_eq!(at(&skew).started_at, Some(now()), "small skew is clamped to now");
        for bad in ["", "soon", "NaN", "1e300", "{{ $value }}", "2026-03-06 10:00"] {
            let p = at(bad);
            assert_eq!(p.started_at, None, "{bad}");
            assert_eq!(p.problems.len(), 1, "{bad}");
        }
        let future = (now() + Duration::minutes(6)).timestamp().to_string();
        assert!(at(&future).problems[0].en.contains("in the future"));
        let old = (now() - Duration::days(31)).timestamp().to_string();
        assert!(at(&old).problems[0].en.contains("30 days"));
    }

    #[test]
    fn missing_start_time_is_explained() {
        let p = parse(&[("alert", "AcmeAuthErrors"), ("severity", "p2")]);
        assert_eq!(p.started_at, None);
        assert_eq!(p.severity, Some(Severity::P2));
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].en.contains("starts now") && p.problems[0].zh.contains("现在"));
    }

    #[test]
    fn bad_values_are_left_out_and_explained() {
        let p = parse(&[
            ("alert", "rm -rf"),
            ("severity", "SEV1"),
            ("namespace", "Prod;$(id)"),
            ("started", "1772790000"),
        ]);
        assert_eq!((p.alert_name, p.severity, p.namespace), (None, None, None));
        assert_eq!(p.problems.len(), 3);
        assert!(p.problems.iter().all(|b| !b.en.is_empty() && !b.zh.is_empty()));
        let empty_ns = parse(&[("namespace", "")]);
        assert!(empty_ns.problems[0].en.contains("no namespace"));
    }

    #[test]
    fn repeated_keys_use_the_first() {
        let p = parse(&[("severity", "P1"), ("severity", "P4")]);
        assert_eq!(p.severity, Some(Severity::P1));
        assert_eq!(p.problems.len(), 1);
    }

    #[test]
    fn a_flood_of_repeated_keys_is_one_warning_and_the_rest_is_not_read() {
        let mut pairs = vec![("alert", "AcmeAuthErrors"), ("started", "1772790000")];
        pairs.extend(std::iter::repeat_n(("severity", "P1"), 50_000));
        pairs.push(("namespace", "late"));
        let p = parse(&pairs);
        assert_eq!((p.severity, p.namespace), (Some(Severity::P1), None));
        let texts: Vec<&str> = p.problems.iter().map(|b| b.en.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].contains("\"severity\" more than once"), "{texts:?}");
        assert!(texts[1].contains("more than 64 parameters"), "{texts:?}");
    }

    #[test]
    fn start_times_that_are_not_believable_name_the_field() {
        for bad in ["1e10", "-1", "NaN", "-inf", "99999999999"] {
            let p = parse(&[("started", bad)]);
            assert_eq!(p.started_at, None, "{bad}");
            assert!(p.problems[0].en.contains("(\"started\")"), "{bad}");
            assert!(p.problems[0].zh.contains("(\"started\")"), "{bad}");
        }
        for extreme in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let p = parse_alert_link([("started", "1772790000")], extreme);
            assert_eq!(p.started_at, None);
        }
    }

    #[test]
    fn nothing_from_an_alert_means_nothing_to_say() {
        assert_eq!(parse(&[("a", "api_errors:yes")]), AlertPrefill::default());
    }

    /// The links deploy/alerts.yml builds must be links this parser accepts.
    #[test]
    fn shipped_alert_rules_build_links_we_understand() {
        let rules = include_str!("../../../deploy/alerts.yml");
        let mut checked = 0;
        for block in rules.split("- alert: ").skip(1) {
            let name = block.lines().next().unwrap().trim();
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.trim().strip_prefix(key))
                    .map(|v| v.trim().trim_matches('\'').to_string())
            };
            let severity = field("severity:").expect("severity label");
            let url = field("runbook_url:").expect("runbook_url");
            let prefix =
                format!("https://runbook.internal.example/incident/new?alert={name}&severity={severity}&namespace=");
            assert!(url.starts_with(&prefix), "{url}");
            assert!(
                url.contains("&started={{ . | first | value | printf \"%.0f\" }}"),
                "{url}"
            );
            assert!(
                url.contains(&format!("%q}}\" \"{name}\" $labels.namespace")),
                "queries its own alert: {url}"
            );
            let started = (now() - Duration::minutes(3)).timestamp().to_string();
            let p = parse(&[
                ("alert", name),
                ("severity", &severity),
                ("namespace", "prod"),
                ("started", &started),
            ]);
            assert_eq!(p.problems, vec![], "{name}");
            checked += 1;
        }
        assert_eq!(checked, 4);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(k in "(alert|severity|namespace|started|x)", v in "\\PC{0,40}") {
            let p = parse_alert_link([(k.as_str(), v.as_str())], now());
            if let Some(t) = p.started_at {
                proptest::prop_assert!(t <= now());
            }
        }
    }
}
