//! Runtime deploy config (`config.json` next to index.html). Same build, different deployments.
//! Parsing never fails as a whole: each bad field is reported by name and replaced by its default.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::i18n::Bilingual;
use crate::validate::{self, Checked};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeployConfig {
    /// Shown in the header so nobody runs commands against the wrong cluster.
    pub environment: String,
    pub kube: KubeConfig,
    pub endpoints: Endpoints,
    pub prometheus: PrometheusConfig,
    pub thresholds: Thresholds,
    pub refresh: RefreshConfig,
    pub comms_cadence_minutes: CommsCadence,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KubeConfig {
    pub context: String,
    pub namespace: String,
    pub deployment: String,
    pub label_selector: String,
    pub secret_name: String,
    pub secret_key: String,
    /// When set, a context or namespace outside the list gets read-only commands only.
    pub allowed_contexts: Option<Vec<String>>,
    pub allowed_namespaces: Option<Vec<String>>,
}

/// `health`, `prometheus*` and `vendor_status` are same-origin proxy paths the browser fetches;
/// the `public_*`/`vendor_*` URLs only appear in generated commands and links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoints {
    pub health: String,
    pub prometheus: String,
    pub prometheus_backup: Option<String>,
    pub vendor_status: String,
    pub public_health_url: String,
    pub public_prometheus_url: String,
    pub vendor_api_url: String,
    pub vendor_status_page: String,
    pub vendor_dashboard: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrometheusConfig {
    pub error_metric: String,
    pub status_code_label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Total error rate (errors/s over 5 min) at or above which "API returning errors" is suggested.
    pub error_rate_per_sec: f64,
    /// Share of errors one status class must reach to be called dominant (0..1).
    pub dominant_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefreshConfig {
    pub interval_secs: u32,
    pub timeout_ms: u32,
    pub max_backoff_secs: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommsCadence {
    pub p1: u32,
    pub p2: u32,
    pub p3: u32,
    pub p4: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub role: String,
    pub name: String,
    pub handle: String,
}

/// Engine settings have built-in values; what names a real environment (the cluster, its
/// objects, the metric, the public URLs) does not: left out of config.json, it stays empty and
/// every command that needs it says so instead of pointing at a made-up target.
impl Default for DeployConfig {
    fn default() -> Self {
        DeployConfig {
            environment: String::new(),
            kube: KubeConfig {
                context: String::new(),
                namespace: String::new(),
                deployment: String::new(),
                label_selector: String::new(),
                secret_name: String::new(),
                secret_key: String::new(),
                allowed_contexts: None,
                allowed_namespaces: None,
            },
            endpoints: Endpoints {
                health: "/proxy/health".into(),
                prometheus: "/proxy/prometheus".into(),
                prometheus_backup: Some("/proxy/prometheus-backup".into()),
                vendor_status: "/proxy/vendor-status/api/v2/status.json".into(),
                public_health_url: String::new(),
                public_prometheus_url: String::new(),
                vendor_api_url: String::new(),
                vendor_status_page: String::new(),
                vendor_dashboard: String::new(),
            },
            prometheus: PrometheusConfig {
                error_metric: String::new(),
                status_code_label: "code".into(),
            },
            thresholds: Thresholds {
                error_rate_per_sec: 0.1,
                dominant_share: 0.5,
            },
            refresh: RefreshConfig {
                interval_secs: 30,
                timeout_ms: 5000,
                max_backoff_secs: 300,
            },
            comms_cadence_minutes: CommsCadence {
                p1: 20,
                p2: 60,
                p3: 240,
                p4: 1440,
            },
            contacts: Vec::new(),
        }
    }
}

#[cfg(test)]
impl DeployConfig {
    /// A complete config naming a made-up environment, for tests that need every setting.
    pub(crate) fn sample() -> DeployConfig {
        let loaded = parse_config(
            r#"{
                "environment": "staging",
                "kube": {"context": "staging-eu", "namespace": "mail", "deployment": "mail-sync",
                         "label_selector": "app=mail-sync", "secret_name": "mail-sync-secrets",
                         "secret_key": "api-key"},
                "endpoints": {"public_health_url": "https://api.example.test/health",
                              "public_prometheus_url": "http://prometheus.example.test:9090",
                              "vendor_api_url": "https://api.vendor.example",
                              "vendor_status_page": "https://status.vendor.example",
                              "vendor_dashboard": "https://app.vendor.example"},
                "prometheus": {"error_metric": "vendor_errors_total"}
            }"#,
        );
        assert_eq!(loaded.issues, vec![]);
        loaded.config
    }
}

/// The settings that name the environment: they have no built-in value (see `Default`).
pub const ENVIRONMENT_FIELDS: &[&str] = &[
    "environment",
    "kube.context",
    "kube.namespace",
    "kube.deployment",
    "kube.label_selector",
    "kube.secret_name",
    "kube.secret_key",
    "endpoints.public_health_url",
    "endpoints.public_prometheus_url",
    "endpoints.vendor_api_url",
    "endpoints.vendor_status_page",
    "endpoints.vendor_dashboard",
    "prometheus.error_metric",
];

/// One problem with config.json, naming the field (dotted path) it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigIssue {
    pub field: String,
    pub problem: Bilingual,
}

impl ConfigIssue {
    fn new(field: &str, problem: Bilingual) -> ConfigIssue {
        ConfigIssue {
            field: field.to_string(),
            problem,
        }
    }

    /// A whole sentence for the banner, e.g. "config.json: kube.namespace must be ...".
    pub fn message(&self) -> Bilingual {
        if ENVIRONMENT_FIELDS.contains(&self.field.as_str()) {
            return Bilingual::new(
                format!(
                    "config.json: \"{}\" {}; it has no built-in value, so what needs it is not shown.",
                    self.field, self.problem.en
                ),
                format!(
                    "config.json:\"{}\"{};该项没有内置值,依赖它的内容不予显示。",
                    self.field, self.problem.zh
                ),
            );
        }
        Bilingual::new(
            format!(
                "config.json: \"{}\" {}; using the built-in default.",
                self.field, self.problem.en
            ),
            format!("config.json:\"{}\"{};已改用内置默认值。", self.field, self.problem.zh),
        )
    }
}

/// The config the app runs with, and every problem found while reading it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedConfig {
    pub config: DeployConfig,
    pub issues: Vec<ConfigIssue>,
}

impl LoadedConfig {
    /// The problem that made the whole file unusable (not JSON, not an object), if any.
    pub fn file_rejected(&self) -> Option<&ConfigIssue> {
        self.issues.iter().find(|i| i.field == FILE_FIELD)
    }
}

const FILE_FIELD: &str = "(file)";

/// Reads config.json text. Unknown fields, wrong types and invalid values are reported and
/// defaulted one by one; a file that is not a JSON object falls back to defaults entirely.
pub fn parse_config(text: &str) -> LoadedConfig {
    let mut reader = Reader { issues: Vec::new() };
    let config = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(root)) => reader.read(&root),
        Ok(_) => {
            reader.issues.push(ConfigIssue::new(
                FILE_FIELD,
                Bilingual::new("must be a JSON object", "必须是 JSON 对象"),
            ));
            DeployConfig::default()
        }
        Err(e) => {
            reader.issues.push(ConfigIssue::new(
                FILE_FIELD,
                Bilingual::new(
                    format!("is not valid JSON (line {}, column {})", e.line(), e.column()),
                    format!("不是合法的 JSON(第 {} 行,第 {} 列)", e.line(), e.column()),
                ),
            ));
            DeployConfig::default()
        }
    };
    LoadedConfig {
        config,
        issues: reader.issues,
    }
}

/// The issue shown when config.json could not be fetched at all.
pub fn missing_config(reason: &str) -> ConfigIssue {
    ConfigIssue::new(
        FILE_FIELD,
        Bilingual::new(format!("could not be loaded ({reason})"), format!("无法加载({reason})")),
    )
}

fn no_check<T>(_: &T) -> Checked {
    Ok(())
}

fn positive(v: &f64) -> Checked {
    if v.is_finite() && *v > 0.0 {
        Ok(())
    } else {
        Err(Bilingual::new("must be a number greater than 0", "必须是大于 0 的数字"))
    }
}

fn share(v: &f64) -> Checked {
    if v.is_finite() && *v > 0.0 && *v <= 1.0 {
        Ok(())
    } else {
        Err(Bilingual::new("must be a number in (0, 1]", "必须是 (0, 1] 之间的数字"))
    }
}

fn at_least(min: u32) -> impl Fn(&u32) -> Checked {
    move |v| {
        if *v >= min {
            Ok(())
        } else {
            Err(Bilingual::new(
                format!("must be at least {min}"),
                format!("不能小于 {min}"),
            ))
        }
    }
}

fn str_check(f: fn(&str) -> Checked) -> impl Fn(&String) -> Checked {
    move |v| f(v)
}

fn optional_path(v: &Option<String>) -> Checked {
    v.as_deref().map_or(Ok(()), validate::same_origin_path)
}

/// An optional allow-list: when present, at least one entry, each valid by `rule`.
fn allow_list(rule: fn(&str) -> Checked) -> impl Fn(&Option<Vec<String>>) -> Checked {
    move |list| match list.as_deref() {
        None => Ok(()),
        Some([]) => Err(Bilingual::new(
            "must list at least one name (leave the setting out to allow every one)",
            "必须至少列出一个名称(若允许全部,请删除此配置项)",
        )),
        Some(names) => names.iter().enumerate().try_for_each(|(i, name)| {
            rule(name).map_err(|why| {
                Bilingual::new(
                    format!("entry {} ({name:?}) {}", i + 1, why.en),
                    format!("第 {} 项({name:?}){}", i + 1, why.zh),
                )
            })
        }),
    }
}

fn non_empty(v: &str) -> Checked {
    if v.trim().is_empty() {
        Err(Bilingual::new("must not be empty", "不能为空"))
    } else {
        Ok(())
    }
}

struct Reader {
    issues: Vec<ConfigIssue>,
}

impl Reader {
    fn unknown_keys(&mut self, obj: &Map<String, Value>, prefix: &str, known: &[&str]) {
        for key in obj
            .keys()
            .filter(|k| !known.contains(&k.as_str()) && !k.starts_with('_'))
        {
            let field = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            self.issues.push(ConfigIssue::new(
                &field,
                Bilingual::new(
                    "is not a known setting (typo?); it is ignored",
                    "不是已知配置项(拼写错误?),已忽略",
                ),
            ));
        }
    }

    fn section<'a>(
        &mut self,
        root: &'a Map<String, Value>,
        name: &str,
        known: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        match root.get(name) {
            None => None,
            Some(Value::Object(obj)) => {
                self.unknown_keys(obj, name, known);
                Some(obj)
            }
            Some(_) => {
                self.issues.push(ConfigIssue::new(
                    name,
                    Bilingual::new("must be an object", "必须是对象"),
                ));
                None
            }
        }
    }

    fn field<T: DeserializeOwned>(
        &mut self,
        obj: Option<&Map<String, Value>>,
        path: &str,
        target: &mut T,
        check: impl Fn(&T) -> Checked,
    ) {
        let key = path.rsplit('.').next().unwrap_or(path);
        let Some(raw) = obj.and_then(|o| o.get(key)) else {
            if ENVIRONMENT_FIELDS.contains(&path) {
                self.issues
                    .push(ConfigIssue::new(path, Bilingual::new("is not set", "未设置")));
            }
            return;
        };
        match serde_json::from_value::<T>(raw.clone()) {
            Ok(v) => match check(&v) {
                Ok(()) => *target = v,
                Err(why) => self.issues.push(ConfigIssue::new(path, why)),
            },
            Err(_) => self.issues.push(ConfigIssue::new(
                path,
                Bilingual::new(
                    format!("has the wrong type ({})", type_name(raw)),
                    format!("类型错误({})", type_name(raw)),
                ),
            )),
        }
    }

    fn read(&mut self, root: &Map<String, Value>) -> DeployConfig {
        let mut c = DeployConfig::default();
        self.unknown_keys(
            root,
            "",
            &[
                "environment",
                "kube",
                "endpoints",
                "prometheus",
                "thresholds",
                "refresh",
                "comms_cadence_minutes",
                "contacts",
            ],
        );
        self.field(Some(root), "environment", &mut c.environment, str_check(non_empty));

        let kube = self.section(
            root,
            "kube",
            &[
                "context",
                "namespace",
                "deployment",
                "label_selector",
                "secret_name",
                "secret_key",
                "allowed_contexts",
                "allowed_namespaces",
            ],
        );
        self.field(
            kube,
            "kube.context",
            &mut c.kube.context,
            str_check(validate::kube_context),
        );
        self.field(
            kube,
            "kube.namespace",
            &mut c.kube.namespace,
            str_check(validate::dns1123_label),
        );
        self.field(
            kube,
            "kube.deployment",
            &mut c.kube.deployment,
            str_check(validate::dns1123_subdomain),
        );
        self.field(
            kube,
            "kube.label_selector",
            &mut c.kube.label_selector,
            str_check(validate::label_selector),
        );
        self.field(
            kube,
            "kube.secret_name",
            &mut c.kube.secret_name,
            str_check(validate::dns1123_subdomain),
        );
        self.field(
            kube,
            "kube.secret_key",
            &mut c.kube.secret_key,
            str_check(validate::secret_key),
        );
        self.field(
            kube,
            "kube.allowed_contexts",
            &mut c.kube.allowed_contexts,
            allow_list(validate::kube_context),
        );
        self.field(
            kube,
            "kube.allowed_namespaces",
            &mut c.kube.allowed_namespaces,
            allow_list(validate::dns1123_label),
        );

        let ep = self.section(
            root,
            "endpoints",
            &[
                "health",
                "prometheus",
                "prometheus_backup",
                "vendor_status",
                "public_health_url",
                "public_prometheus_url",
                "vendor_api_url",
                "vendor_status_page",
                "vendor_dashboard",
            ],
        );
        let e = &mut c.endpoints;
        self.field(
            ep,
            "endpoints.health",
            &mut e.health,
            str_check(validate::same_origin_path),
        );
        self.field(
            ep,
            "endpoints.prometheus",
            &mut e.prometheus,
            str_check(validate::same_origin_path),
        );
        self.field(
            ep,
            "endpoints.prometheus_backup",
            &mut e.prometheus_backup,
            optional_path,
        );
        self.field(
            ep,
            "endpoints.vendor_status",
            &mut e.vendor_status,
            str_check(validate::same_origin_path),
        );
        self.field(
            ep,
            "endpoints.public_health_url",
            &mut e.public_health_url,
            str_check(validate::http_url),
        );
        self.field(
            ep,
            "endpoints.public_prometheus_url",
            &mut e.public_prometheus_url,
            str_check(validate::http_url),
        );
        self.field(
            ep,
            "endpoints.vendor_api_url",
            &mut e.vendor_api_url,
            str_check(validate::http_url),
        );
        self.field(
            ep,
            "endpoints.vendor_status_page",
            &mut e.vendor_status_page,
            str_check(validate::http_url),
        );
        self.field(
            ep,
            "endpoints.vendor_dashboard",
            &mut e.vendor_dashboard,
            str_check(validate::http_url),
        );

        let prom = self.section(root, "prometheus", &["error_metric", "status_code_label"]);
        self.field(
            prom,
            "prometheus.error_metric",
            &mut c.prometheus.error_metric,
            str_check(validate::prometheus_name),
        );
        self.field(
            prom,
            "prometheus.status_code_label",
            &mut c.prometheus.status_code_label,
            str_check(validate::prometheus_name),
        );

        let th = self.section(root, "thresholds", &["error_rate_per_sec", "dominant_share"]);
        self.field(
            th,
            "thresholds.error_rate_per_sec",
            &mut c.thresholds.error_rate_per_sec,
            positive,
        );
        self.field(th, "thresholds.dominant_share", &mut c.thresholds.dominant_share, share);

        let rf = self.section(root, "refresh", &["interval_secs", "timeout_ms", "max_backoff_secs"]);
        self.field(rf, "refresh.interval_secs", &mut c.refresh.interval_secs, at_least(5));
        self.field(rf, "refresh.timeout_ms", &mut c.refresh.timeout_ms, at_least(500));
        self.field(
            rf,
            "refresh.max_backoff_secs",
            &mut c.refresh.max_backoff_secs,
            at_least(5),
        );

        let cad = self.section(root, "comms_cadence_minutes", &["p1", "p2", "p3", "p4"]);
        let cc = &mut c.comms_cadence_minutes;
        for (key, slot) in [
            ("p1", &mut cc.p1),
            ("p2", &mut cc.p2),
            ("p3", &mut cc.p3),
            ("p4", &mut cc.p4),
        ] {
            self.field(cad, &format!("comms_cadence_minutes.{key}"), slot, at_least(1));
        }

        self.field(Some(root), "contacts", &mut c.contacts, no_check);
        c
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../public/config.json");

    /// The issues other than "is not set" for a setting that names the environment.
    fn problems(loaded: &LoadedConfig) -> Vec<&ConfigIssue> {
        loaded.issues.iter().filter(|i| i.problem.en != "is not set").collect()
    }

    #[test]
    fn shipped_example_is_clean() {
        let loaded = parse_config(EXAMPLE);
        assert_eq!(loaded.issues, vec![], "public/config.json must validate");
        assert!(!loaded.config.kube.deployment.is_empty());
    }

    #[test]
    fn malformed_json_names_position_and_keeps_defaults() {
        let loaded = parse_config("{ \"kube\": { \"namespace\": ");
        assert_eq!(loaded.config, DeployConfig::default());
        assert_eq!(loaded.issues.len(), 1);
        assert!(loaded.issues[0].message().en.contains("not valid JSON (line 1"));
        assert!(loaded.issues[0].message().zh.contains("不是合法的 JSON"));
    }

    #[test]
    fn bad_fields_are_named_and_defaulted_one_by_one() {
        let loaded = parse_config(
            r#"{"kube": {"namespace": "Bad NS; rm -rf /", "deployment": "api-v2"},
                "thresholds": {"error_rate_per_sec": "high"},
                "refresh": {"interval_secs": 1},
                "endpoints": {"health": "https://evil.example/health"},
                "kube_context": "typo"}"#,
        );
        let fields: Vec<_> = problems(&loaded).iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "kube_context",
                "kube.namespace",
                "endpoints.health",
                "thresholds.error_rate_per_sec",
                "refresh.interval_secs"
            ]
        );
        let d = DeployConfig::default();
        assert_eq!(loaded.config.kube.namespace, d.kube.namespace);
        assert_eq!(loaded.config.kube.deployment, "api-v2");
        assert_eq!(loaded.config.endpoints.health, d.endpoints.health);
        assert_eq!(loaded.config.thresholds.error_rate_per_sec, 0.1);
        assert!(problems(&loaded)[3].message().en.contains("wrong type (string)"));
    }

    #[test]
    fn non_object_and_wrong_section_type() {
        assert_eq!(parse_config("[]").issues[0].field, "(file)");
        let loaded = parse_config(r#"{"kube": "prod"}"#);
        assert_eq!(problems(&loaded)[0].field, "kube");
        assert_eq!(loaded.config, DeployConfig::default());
    }

    #[test]
    fn only_an_unusable_file_is_rejected_whole() {
        assert!(parse_config("<html>login</html>").file_rejected().is_some());
        assert!(parse_config("\"text\"").file_rejected().is_some());
        assert!(parse_config(r#"{"kube": "prod"}"#).file_rejected().is_none());
        assert!(parse_config("{}").file_rejected().is_none());
    }

    #[test]
    fn allow_lists_are_optional_non_empty_and_checked_entry_by_entry() {
        let loaded = parse_config(r#"{"kube": {"allowed_namespaces": ["payments", "default"]}}"#);
        assert!(problems(&loaded).is_empty(), "{:?}", loaded.issues);
        assert_eq!(
            loaded.config.kube.allowed_namespaces,
            Some(vec!["payments".to_string(), "default".to_string()])
        );
        assert_eq!(loaded.config.kube.allowed_contexts, None);

        let loaded =
            parse_config(r#"{"kube": {"allowed_namespaces": [], "allowed_contexts": ["prod", "--kubeconfig=x"]}}"#);
        let issues = problems(&loaded);
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["kube.allowed_contexts", "kube.allowed_namespaces"]);
        assert!(issues[0]
            .message()
            .en
            .contains("entry 2 (\"--kubeconfig=x\") must be a kube context"));
        assert!(issues[0].message().zh.contains("第 2 项"));
        assert!(issues[1].message().en.contains("at least one name"));
        assert_eq!(loaded.config.kube.allowed_contexts, None);
        let loaded = parse_config(r#"{"kube": {"allowed_namespaces": "default"}}"#);
        assert!(problems(&loaded)[0].message().en.contains("wrong type (string)"));
    }

    #[test]
    fn backup_prometheus_can_be_switched_off() {
        let loaded = parse_config(r#"{"endpoints": {"prometheus_backup": null}}"#);
        assert!(problems(&loaded).is_empty());
        assert_eq!(loaded.config.endpoints.prometheus_backup, None);
    }

    #[test]
    fn settings_that_name_the_environment_have_no_built_in_value() {
        let d = DeployConfig::default();
        for value in [
            &d.environment,
            &d.kube.context,
            &d.kube.namespace,
            &d.kube.deployment,
            &d.kube.label_selector,
            &d.kube.secret_name,
            &d.kube.secret_key,
            &d.endpoints.public_health_url,
            &d.endpoints.public_prometheus_url,
            &d.endpoints.vendor_api_url,
            &d.endpoints.vendor_status_page,
            &d.endpoints.vendor_dashboard,
            &d.prometheus.error_metric,
        ] {
            assert_eq!(value, "", "a built-in default would look like a real environment");
        }

        let loaded = parse_config(r#"{"environment": "prod-eu", "kube": {"namespace": "mail"}}"#);
        let unset: Vec<_> = loaded.issues.iter().map(|i| i.field.as_str()).collect();
        let expected: Vec<_> = ENVIRONMENT_FIELDS
            .iter()
            .copied()
            .filter(|f| !["environment", "kube.namespace"].contains(f))
            .collect();
        assert_eq!(unset, expected);
        let context = &loaded.issues[0];
        assert_eq!(context.field, "kube.context");
        assert_eq!(
            context.message().en,
            "config.json: \"kube.context\" is not set; it has no built-in value, so what needs it is not shown."
        );
        assert!(context.message().zh.contains("未设置") && context.message().zh.contains("没有内置值"));
        assert_eq!(loaded.config.kube.context, "");

        let loaded = parse_config(r#"{"kube": {"context": "--kubeconfig=evil.yaml"}}"#);
        let bad = loaded.issues.iter().find(|i| i.field == "kube.context").unwrap();
        assert!(bad.message().en.contains("no built-in value"), "{:?}", bad.message());
        assert_eq!(loaded.config.kube.context, "");
    }
}
