//! Runtime deploy config (`config.json` next to index.html). Same build, different deployments.
//! Parsing never fails as a whole: each bad field is reported by name and replaced by its default.
//! The top-level keys are the defaults of every runbook; `runbooks.<id>` holds the settings in
//! which one runbook differs (any key left out is the top-level one), and a bad field there falls
//! back to the top-level value.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::i18n::Bilingual;
use crate::runbook;
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
    /// What the app uses instead.
    pub fallback: Fallback,
}

/// What the app uses in place of a field it could not use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fallback {
    /// The built-in default (`DeployConfig::default()`).
    BuiltIn,
    /// Nothing: the setting names the environment (`ENVIRONMENT_FIELDS`), so what needs it is not shown.
    NotShown,
    /// The top-level value, in the settings of this runbook.
    TopLevel(String),
    /// Nothing: the entry is dropped (the problem says which).
    Ignored,
}

impl ConfigIssue {
    /// An issue with a top-level field.
    fn new(field: &str, problem: Bilingual) -> ConfigIssue {
        let fallback = if ENVIRONMENT_FIELDS.contains(&field) {
            Fallback::NotShown
        } else {
            Fallback::BuiltIn
        };
        ConfigIssue {
            field: field.to_string(),
            problem,
            fallback,
        }
    }

    /// An issue with an entry that is left out as a whole (under `runbooks`).
    fn ignored(field: &str, problem: Bilingual) -> ConfigIssue {
        ConfigIssue {
            field: field.to_string(),
            problem,
            fallback: Fallback::Ignored,
        }
    }

    /// A whole sentence for the banner, e.g. "config.json: kube.namespace must be ...".
    pub fn message(&self) -> Bilingual {
        let (field, en, zh) = (&self.field, &self.problem.en, &self.problem.zh);
        match &self.fallback {
            Fallback::NotShown => Bilingual::new(
                format!("config.json: \"{field}\" {en}; it has no built-in value, so what needs it is not shown."),
                format!("config.json:\"{field}\"{zh};该项没有内置值,依赖它的内容不予显示。"),
            ),
            Fallback::BuiltIn => Bilingual::new(
                format!("config.json: \"{field}\" {en}; using the built-in default."),
                format!("config.json:\"{field}\"{zh};已改用内置默认值。"),
            ),
            Fallback::TopLevel(id) => Bilingual::new(
                format!("config.json: \"{field}\" {en}; runbook \"{id}\" uses the top-level value."),
                format!("config.json:\"{field}\"{zh};运行手册 \"{id}\" 已改用顶层配置的值。"),
            ),
            Fallback::Ignored => Bilingual::new(
                format!("config.json: \"{field}\" {en}; it is ignored."),
                format!("config.json:\"{field}\"{zh};已忽略。"),
            ),
        }
    }
}

/// The config the app runs with, and every problem found while reading it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedConfig {
    /// The top-level settings: those of every runbook without an entry in `overrides`.
    pub config: DeployConfig,
    pub issues: Vec<ConfigIssue>,
    /// The settings of each runbook listed under `runbooks`, by id: `config` with the fields the
    /// entry sets (and could use) in place of the top-level ones.
    pub overrides: BTreeMap<String, DeployConfig>,
}

impl LoadedConfig {
    /// Built-in defaults, for when config.json could not be fetched at all (see `missing_config`).
    pub fn failed(reason: &str) -> LoadedConfig {
        LoadedConfig {
            config: DeployConfig::default(),
            issues: vec![missing_config(reason)],
            overrides: BTreeMap::new(),
        }
    }

    /// The problem that made the whole file unusable (not JSON, not an object), if any.
    pub fn file_rejected(&self) -> Option<&ConfigIssue> {
        self.issues.iter().find(|i| i.field == FILE_FIELD)
    }

    /// The settings runbook `id` runs with: its entry under `runbooks`, else the top-level ones.
    pub fn for_runbook(&self, id: &str) -> &DeployConfig {
        self.overrides.get(id).unwrap_or(&self.config)
    }

    /// An issue for each entry under `runbooks` whose id is no runbook of `library_ids` (a typo or
    /// a runbook since removed). The library is known only at runtime, so `parse_config` cannot.
    pub fn unknown_runbooks(&self, library_ids: &[&str]) -> Vec<ConfigIssue> {
        self.overrides
            .keys()
            .filter(|id| !library_ids.contains(&id.as_str()))
            .map(|id| {
                ConfigIssue::ignored(
                    &format!("{RUNBOOKS}.{id}"),
                    Bilingual::new("names no runbook in this library", "不对应本应用中的任何运行手册"),
                )
            })
            .collect()
    }
}

const FILE_FIELD: &str = "(file)";

/// The top-level key that holds per-runbook settings.
const RUNBOOKS: &str = "runbooks";

/// The keys of a config object, top level or a runbook's settings.
const ROOT_KEYS: &[&str] = &[
    "environment",
    "kube",
    "endpoints",
    "prometheus",
    "thresholds",
    "refresh",
    "comms_cadence_minutes",
    "contacts",
    RUNBOOKS,
];

/// Reads config.json text. Unknown fields, wrong types and invalid values are reported and
/// defaulted one by one; a file that is not a JSON object falls back to defaults entirely.
pub fn parse_config(text: &str) -> LoadedConfig {
    let mut reader = Reader::top_level();
    let mut overrides = BTreeMap::new();
    let config = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(root)) => {
            let config = reader.read(&root, DeployConfig::default());
            overrides = reader.runbooks(&root, &config);
            config
        }
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
        overrides,
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

/// Reads one config object: the top level, or the settings of one runbook over the top level.
struct Reader {
    issues: Vec<ConfigIssue>,
    /// The runbook whose entry under `runbooks` is read; `None` for the top level.
    runbook: Option<String>,
}

impl Reader {
    fn top_level() -> Reader {
        Reader {
            issues: Vec::new(),
            runbook: None,
        }
    }

    /// Reports a problem with the field at `path` (relative to the object being read).
    fn report(&mut self, path: &str, problem: Bilingual) {
        let issue = match &self.runbook {
            None => ConfigIssue::new(path, problem),
            Some(id) => ConfigIssue {
                field: format!("{RUNBOOKS}.{id}.{path}"),
                problem,
                fallback: Fallback::TopLevel(id.clone()),
            },
        };
        self.issues.push(issue);
    }

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
            self.report(
                &field,
                Bilingual::new(
                    "is not a known setting (typo?); it is ignored",
                    "不是已知配置项(拼写错误?),已忽略",
                ),
            );
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
                self.report(name, Bilingual::new("must be an object", "必须是对象"));
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
            // In a runbook's settings, a field left out is the top-level one.
            if self.runbook.is_none() && ENVIRONMENT_FIELDS.contains(&path) {
                self.report(path, Bilingual::new("is not set", "未设置"));
            }
            return;
        };
        match serde_json::from_value::<T>(raw.clone()) {
            Ok(v) => match check(&v) {
                Ok(()) => *target = v,
                Err(why) => self.report(path, why),
            },
            Err(_) => self.report(
                path,
                Bilingual::new(
                    format!("has the wrong type ({})", type_name(raw)),
                    format!("类型错误({})", type_name(raw)),
                ),
            ),
        }
    }

    /// Reads `root` over `base`: each field it sets and that passes its check replaces the one in
    /// `base` (objects are read key by key, arrays and other values are replaced whole).
    fn read(&mut self, root: &Map<String, Value>, base: DeployConfig) -> DeployConfig {
        let mut c = base;
        self.unknown_keys(root, "", ROOT_KEYS);
        match self.runbook.clone() {
            None => self.field(Some(root), "environment", &mut c.environment, str_check(non_empty)),
            Some(id) => {
                if root.contains_key("environment") {
                    self.report(
                        "environment",
                        Bilingual::new(
                            "is the same for every runbook and cannot be set per runbook",
                            "对所有运行手册相同,不能按运行手册单独设置",
                        ),
                    );
                }
                if root.contains_key(RUNBOOKS) {
                    self.issues.push(ConfigIssue::ignored(
                        &format!("{RUNBOOKS}.{id}.{RUNBOOKS}"),
                        Bilingual::new("cannot be nested in a runbook's settings", "不能嵌套在运行手册的设置中"),
                    ));
                }
            }
        }

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

    /// The settings of each runbook listed under `runbooks`, each read over `top` (the top-level
    /// config). Keys starting with '_' are comments; an entry that is not an object or whose key
    /// is not a runbook id is reported and left out.
    fn runbooks(&mut self, root: &Map<String, Value>, top: &DeployConfig) -> BTreeMap<String, DeployConfig> {
        let mut out = BTreeMap::new();
        let entries = match root.get(RUNBOOKS) {
            None => return out,
            Some(Value::Object(entries)) => entries,
            Some(_) => {
                self.issues.push(ConfigIssue::ignored(
                    RUNBOOKS,
                    Bilingual::new(
                        "must be an object of settings by runbook id",
                        "必须是以运行手册 id 为键的设置对象",
                    ),
                ));
                return out;
            }
        };
        for (id, entry) in entries.iter().filter(|(id, _)| !id.starts_with('_')) {
            let field = format!("{RUNBOOKS}.{id}");
            if !runbook::is_runbook_id(id) {
                self.issues.push(ConfigIssue::ignored(
                    &field,
                    Bilingual::new(
                        "is not a runbook id (a-z, 0-9 and '-', not starting with '-')",
                        "不是运行手册 id(只能由 a-z、0-9 和 '-' 组成,且不以 '-' 开头)",
                    ),
                ));
                continue;
            }
            let Value::Object(settings) = entry else {
                self.issues.push(ConfigIssue::ignored(
                    &field,
                    Bilingual::new(
                        format!("must be an object of settings, not a {}", type_name(entry)),
                        format!("必须是设置对象,而不是 {}", type_name(entry)),
                    ),
                ));
                continue;
            };
            let mut reader = Reader {
                issues: Vec::new(),
                runbook: Some(id.clone()),
            };
            out.insert(id.clone(), reader.read(settings, top.clone()));
            self.issues.append(&mut reader.issues);
        }
        out
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

    /// `config.json` text: `top` (the top-level object) with `runbooks` set to `runbooks`.
    fn with_runbooks(top: &str, runbooks: &str) -> String {
        let mut root: Value = serde_json::from_str(top).unwrap();
        root[RUNBOOKS] = serde_json::from_str(runbooks).unwrap();
        root.to_string()
    }

    /// The fields of the issues under `runbooks`.
    fn runbook_fields(loaded: &LoadedConfig) -> Vec<&str> {
        loaded
            .issues
            .iter()
            .map(|i| i.field.as_str())
            .filter(|f| f.starts_with("runbooks"))
            .collect()
    }

    #[test]
    fn a_runbook_that_sets_one_field_inherits_every_other() {
        let loaded = parse_config(&with_runbooks(
            EXAMPLE,
            r#"{"acme": {"kube": {"namespace": "billing"}}}"#,
        ));
        assert_eq!(loaded.issues, vec![]);
        let mut expected = loaded.config.clone();
        expected.kube.namespace = "billing".into();
        assert_eq!(loaded.for_runbook("acme"), &expected);
        assert_eq!(
            loaded.config,
            parse_config(EXAMPLE).config,
            "the top level is unchanged"
        );
        assert_eq!(loaded.overrides.keys().collect::<Vec<_>>(), ["acme"]);
    }

    #[test]
    fn objects_merge_key_by_key_and_arrays_and_values_replace() {
        let loaded = parse_config(&with_runbooks(
            EXAMPLE,
            r#"{"acme": {"kube": {"allowed_namespaces": ["billing"]},
                         "endpoints": {"prometheus_backup": null},
                         "comms_cadence_minutes": {"p1": 10},
                         "contacts": [{"role": "Owner", "name": "Billing team", "handle": "@billing"}]}}"#,
        ));
        assert_eq!(loaded.issues, vec![]);
        let (top, acme) = (&loaded.config, loaded.for_runbook("acme"));
        assert_eq!(acme.kube.allowed_namespaces, Some(vec!["billing".to_string()]));
        assert_eq!(acme.kube.namespace, top.kube.namespace);
        assert_eq!(acme.endpoints.prometheus_backup, None);
        assert_eq!(acme.endpoints.health, top.endpoints.health);
        assert_eq!((acme.comms_cadence_minutes.p1, acme.comms_cadence_minutes.p2), (10, 60));
        assert_eq!(acme.contacts.len(), 1, "an array replaces the top-level one whole");
        assert_eq!(acme.contacts[0].handle, "@billing");
        assert_eq!(top.contacts.len(), 2);
    }

    #[test]
    fn a_bad_runbook_field_falls_back_to_the_top_level_value() {
        let loaded = parse_config(
            r#"{"thresholds": {"dominant_share": 0.8, "error_rate_per_sec": 2},
                "runbooks": {"acme": {"thresholds": {"dominant_share": 2},
                                      "kube": {"context": "--kubeconfig=evil.yaml"},
                                      "refresh": "fast"}}}"#,
        );
        assert_eq!(
            runbook_fields(&loaded),
            [
                "runbooks.acme.kube.context",
                "runbooks.acme.thresholds.dominant_share",
                "runbooks.acme.refresh"
            ],
            "a field left out of a runbook's settings is not reported as not set"
        );
        let acme = loaded.for_runbook("acme");
        assert_eq!(
            acme.thresholds.dominant_share, 0.8,
            "the top-level value, not the built-in 0.5"
        );
        assert_eq!(acme.thresholds.error_rate_per_sec, 2.0);
        assert_eq!(acme.kube.context, "");
        assert_eq!(acme.refresh, loaded.config.refresh);

        let share = loaded
            .issues
            .iter()
            .find(|i| i.field == "runbooks.acme.thresholds.dominant_share")
            .unwrap();
        assert_eq!(share.fallback, Fallback::TopLevel("acme".into()));
        assert_eq!(
            share.message(),
            Bilingual::new(
                "config.json: \"runbooks.acme.thresholds.dominant_share\" must be a number in (0, 1]; \
                 runbook \"acme\" uses the top-level value.",
                "config.json:\"runbooks.acme.thresholds.dominant_share\"必须是 (0, 1] 之间的数字;\
                 运行手册 \"acme\" 已改用顶层配置的值。",
            )
        );
        let context = &loaded
            .issues
            .iter()
            .find(|i| i.field == "runbooks.acme.kube.context")
            .unwrap();
        assert!(
            context.message().en.contains("uses the top-level value"),
            "{:?}",
            context.message()
        );
    }

    #[test]
    fn unknown_fields_in_a_runbook_are_named_with_their_full_path() {
        let loaded = parse_config(&with_runbooks(
            EXAMPLE,
            r#"{"acme": {"kube": {"namspace": "billing"}, "kube_context": "prod", "_note": "ok",
                         "environment": "prod", "runbooks": {"beta": {}}}}"#,
        ));
        assert_eq!(
            runbook_fields(&loaded),
            [
                "runbooks.acme.kube_context",
                "runbooks.acme.environment",
                "runbooks.acme.runbooks",
                "runbooks.acme.kube.namspace"
            ]
        );
        assert_eq!(loaded.issues.len(), 4);
        let acme = loaded.for_runbook("acme");
        assert_eq!(acme, &loaded.config, "nothing usable was set");
        assert_eq!(acme.environment, "demo", "the environment stays global");
        assert_eq!(
            loaded.overrides.keys().collect::<Vec<_>>(),
            ["acme"],
            "runbooks do not nest"
        );
        assert!(loaded.issues[0].message().en.contains("not a known setting"));
        assert!(loaded.issues[1].message().en.contains("cannot be set per runbook"));
        assert_eq!(
            loaded.issues[2].message().en,
            "config.json: \"runbooks.acme.runbooks\" cannot be nested in a runbook's settings; it is ignored."
        );
        assert_eq!(
            loaded.issues[2].message().zh,
            "config.json:\"runbooks.acme.runbooks\"不能嵌套在运行手册的设置中;已忽略。"
        );
    }

    #[test]
    fn runbooks_must_be_an_object() {
        for value in ["[\"acme\"]", "null", "\"acme\""] {
            let loaded = parse_config(&with_runbooks(EXAMPLE, value));
            assert_eq!(runbook_fields(&loaded), ["runbooks"], "{value}");
            assert_eq!(loaded.issues.len(), 1);
            assert!(loaded.file_rejected().is_none());
            assert!(loaded.overrides.is_empty());
            assert_eq!(loaded.config, parse_config(EXAMPLE).config);
            assert_eq!(
                loaded.issues[0].message().en,
                "config.json: \"runbooks\" must be an object of settings by runbook id; it is ignored."
            );
        }
    }

    #[test]
    fn an_entry_needs_a_runbook_id_and_an_object() {
        let loaded = parse_config(&with_runbooks(
            EXAMPLE,
            r#"{"Acme": {}, "-acme": {}, "a.b": {}, "acme corp": {}, "_note": "a comment",
                "acme": "prod", "beta": {"kube": {"namespace": "beta"}}, "2fa": {}}"#,
        ));
        assert_eq!(
            runbook_fields(&loaded),
            [
                "runbooks.-acme",
                "runbooks.Acme",
                "runbooks.a.b",
                "runbooks.acme",
                "runbooks.acme corp"
            ]
        );
        assert_eq!(loaded.issues.len(), 5);
        assert!(loaded.issues.iter().all(|i| i.fallback == Fallback::Ignored));
        assert_eq!(loaded.overrides.keys().collect::<Vec<_>>(), ["2fa", "beta"]);
        assert_eq!(loaded.for_runbook("beta").kube.namespace, "beta");
        let bad_id = &loaded.issues[1].message();
        assert!(bad_id
            .en
            .starts_with("config.json: \"runbooks.Acme\" is not a runbook id (a-z, 0-9"));
        assert!(bad_id.zh.contains("不是运行手册 id") && bad_id.zh.ends_with(";已忽略。"));
        assert_eq!(
            loaded.issues[3].message().en,
            "config.json: \"runbooks.acme\" must be an object of settings, not a string; it is ignored."
        );
        assert_eq!(loaded.for_runbook("acme"), &loaded.config);
    }

    #[test]
    fn a_runbook_without_settings_runs_with_the_top_level_ones() {
        let loaded = parse_config(&with_runbooks(
            EXAMPLE,
            r#"{"acme": {"kube": {"namespace": "billing"}}}"#,
        ));
        assert!(std::ptr::eq(loaded.for_runbook("beta"), &loaded.config));
        assert!(!std::ptr::eq(loaded.for_runbook("acme"), &loaded.config));
        let plain = parse_config(EXAMPLE);
        assert!(plain.overrides.is_empty());
        assert!(std::ptr::eq(plain.for_runbook("acme"), &plain.config));
    }

    #[test]
    fn settings_for_a_runbook_not_in_the_library_are_reported_at_runtime() {
        let loaded = parse_config(&with_runbooks(EXAMPLE, r#"{"acme": {}, "old-one": {}, "zeta": {}}"#));
        assert_eq!(loaded.issues, vec![], "parsing does not know the library");
        let unknown = loaded.unknown_runbooks(&["acme", "beta"]);
        let fields: Vec<_> = unknown.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["runbooks.old-one", "runbooks.zeta"]);
        assert_eq!(
            unknown[0].message(),
            Bilingual::new(
                "config.json: \"runbooks.old-one\" names no runbook in this library; it is ignored.",
                "config.json:\"runbooks.old-one\"不对应本应用中的任何运行手册;已忽略。",
            )
        );
        assert_eq!(loaded.unknown_runbooks(&["acme", "old-one", "zeta"]), vec![]);
        assert_eq!(parse_config(EXAMPLE).unknown_runbooks(&[]), vec![]);
    }

    #[test]
    fn a_config_that_could_not_be_fetched_has_built_in_defaults() {
        let loaded = LoadedConfig::failed("HTTP 404");
        assert_eq!(loaded.config, DeployConfig::default());
        assert_eq!(loaded.file_rejected(), Some(&missing_config("HTTP 404")));
        assert!(std::ptr::eq(loaded.for_runbook("acme"), &loaded.config));
        assert_eq!(
            loaded.issues[0].message().en,
            "config.json: \"(file)\" could not be loaded (HTTP 404); using the built-in default."
        );
    }
}
