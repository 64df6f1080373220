//! What is saved in the browser: the active incident and the archive, as versioned JSON.
//! Loading never fails: data it cannot read whole is reported read-only, so it is never saved over.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::migrate::v1_incident;
use super::{check_times, checked_note, EntryText, Incident, Status, MAX_NOTE_CHARS};
use crate::i18n::Bilingual;
use crate::validate;

pub const STORE_VERSION: u32 = 2;

/// `format` value of an exported incident file.
pub const EXPORT_FORMAT: &str = "incident-runbook/incident";

/// Largest import accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub version: u32,
    pub active: Option<Incident>,
    /// Resolved (and imported) incidents, most recent first.
    pub archive: Vec<Incident>,
}

impl Default for Store {
    fn default() -> Store {
        Store {
            version: STORE_VERSION,
            active: None,
            archive: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadOutcome {
    pub store: Store,
    /// The saved text, untouched, when it was upgraded from an older format: keep it aside.
    pub recovered_backup: Option<String>,
    /// Some of the saved data could not be read (or is from a newer version): writing `store`
    /// would lose it, so nothing may be saved over it.
    pub read_only: bool,
    pub message: Option<Bilingual>,
}

/// What to tell the user when saved data is kept read-only.
const READ_ONLY_EN: &str =
    "It is left exactly as it is: nothing is saved in this browser until you export it or set it aside.";
const READ_ONLY_ZH: &str = "原数据保持不变:在您导出或将其另存之前,此浏览器不会保存任何内容。";

/// Reads saved data (`None` when nothing was saved).
pub fn load(raw: Option<&str>) -> LoadOutcome {
    let read_only = |en: String, zh: String| LoadOutcome {
        store: Store::default(),
        recovered_backup: None,
        read_only: true,
        message: Some(Bilingual::new(
            format!("{en} {READ_ONLY_EN}"),
            format!("{zh}{READ_ONLY_ZH}"),
        )),
    };
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return LoadOutcome {
            store: Store::default(),
            recovered_backup: None,
            read_only: false,
            message: None,
        };
    };
    let unreadable = |why_en: String, why_zh: String| {
        read_only(
            format!("Saved incident data could not be read ({why_en})."),
            format!("无法读取已保存的事件数据({why_zh})。"),
        )
    };
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => return unreadable(format!("not valid JSON: {e}"), format!("不是有效的 JSON:{e}")),
    };
    match value.get("version").and_then(Value::as_u64) {
        Some(2) => read_incidents(&value, raw, current_incident, false),
        Some(1) => read_incidents(&value, raw, v1_incident, true),
        Some(v) if v > u64::from(STORE_VERSION) => read_only(
            format!(
                "Saved incident data is from a newer version of this app (format {v}); open it with the newer version."
            ),
            format!("已保存的事件数据来自更新版本的应用(格式 {v});请用新版本打开。"),
        ),
        _ => unreadable("no known format version".into(), "没有可识别的格式版本".into()),
    }
}

type ReadIncident = fn(Value) -> Result<Incident, serde_json::Error>;

fn current_incident(v: Value) -> Result<Incident, serde_json::Error> {
    serde_json::from_value(v)
}

/// Reads each incident on its own, so one damaged incident does not lose the others. An
/// upgraded store keeps the original text aside too.
fn read_incidents(value: &Value, raw: &str, read_one: ReadIncident, upgraded: bool) -> LoadOutcome {
    let mut failed = 0usize;
    let mut read = |v: &Value| match read_one(v.clone()) {
        Ok(i) => Some(i),
        Err(_) => {
            failed += 1;
            None
        }
    };
    let active = match value.get("active") {
        None | Some(Value::Null) => None,
        Some(v) => read(v),
    };
    let archive: Vec<Incident> = match value.get("archive") {
        Some(Value::Array(items)) => items.iter().filter_map(&mut read).collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            failed += 1;
            Vec::new()
        }
    };
    let store = Store {
        version: STORE_VERSION,
        active,
        archive,
    };
    let mut en = Vec::new();
    let mut zh = Vec::new();
    if upgraded {
        en.push("Saved incidents were upgraded from the previous format.".to_string());
        zh.push("已保存的事件已从旧格式升级。".to_string());
    }
    if failed > 0 {
        en.push(format!(
            "{failed} saved incident record(s) could not be read; the rest were loaded."
        ));
        zh.push(format!("有 {failed} 条已保存的事件记录无法读取,其余已加载。"));
    }
    if failed > 0 {
        en.push(READ_ONLY_EN.to_string());
        zh.push(READ_ONLY_ZH.to_string());
    } else if upgraded {
        en.push("The original saved data was kept aside as a backup.".to_string());
        zh.push("原数据已另存为备份。".to_string());
    }
    LoadOutcome {
        store,
        recovered_backup: (upgraded && failed == 0).then(|| raw.to_string()),
        read_only: failed > 0,
        message: (!en.is_empty()).then(|| Bilingual::new(en.join(" "), zh.concat())),
    }
}

impl Store {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Store holds only strings, numbers, times and enums")
    }

    /// The incident communications are about: the open one, else the one resolved last
    /// (postmortems are written after resolving).
    pub fn current(&self) -> Option<&Incident> {
        self.active.as_ref().or_else(|| self.archive.first())
    }

    pub fn find(&self, id: &str) -> Option<&Incident> {
        self.active.iter().chain(self.archive.iter()).find(|i| i.id == id)
    }

    /// Makes `incident` the active one; refused while another is open.
    pub fn open(&mut self, incident: Incident) -> Result<(), Bilingual> {
        if let Some(active) = &self.active {
            return Err(already_open(&active.id));
        }
        self.active = Some(incident);
        Ok(())
    }

    /// Resolves the active incident and moves it to the top of the archive.
    pub fn resolve(&mut self, now: DateTime<Utc>) -> Result<(), Bilingual> {
        let mut incident = self.active.take().ok_or_else(|| {
            Bilingual::new(
                "There is no open incident to resolve.",
                "没有可标记为已解决的进行中事件。",
            )
        })?;
        incident.set_status(Status::Resolved, now);
        self.archive.insert(0, incident);
        Ok(())
    }

    /// Moves an archived incident back to active, status Investigating.
    pub fn reopen(&mut self, id: &str, now: DateTime<Utc>) -> Result<(), Bilingual> {
        if let Some(active) = &self.active {
            return Err(already_open(&active.id));
        }
        let pos = self.archive.iter().position(|i| i.id == id).ok_or_else(|| {
            Bilingual::new(
                format!("No archived incident has the id \"{id}\"."),
                format!("归档中没有 id 为 \"{id}\" 的事件。"),
            )
        })?;
        let mut incident = self.archive.remove(pos);
        incident.reopen(now);
        self.active = Some(incident);
        Ok(())
    }

    /// Adds an imported incident to the archive; refused if its id is already here.
    pub fn import(&mut self, incident: Incident) -> Result<(), Bilingual> {
        if self.find(&incident.id).is_some() {
            return Err(Bilingual::new(
                format!(
                    "An incident with the id \"{}\" is already saved here; nothing was imported.",
                    incident.id
                ),
                format!("此处已保存 id 为 \"{}\" 的事件;未导入任何内容。", incident.id),
            ));
        }
        self.archive.insert(0, incident);
        Ok(())
    }
}

fn already_open(id: &str) -> Bilingual {
    Bilingual::new(
        format!("Incident \"{id}\" is still open; resolve it first."),
        format!("事件 \"{id}\" 仍在进行中;请先将其标记为已解决。"),
    )
}

#[derive(Serialize)]
struct ExportOut<'a> {
    format: &'static str,
    version: u32,
    incident: &'a Incident,
}

/// One incident as a pretty JSON file for download.
pub fn export_incident(incident: &Incident) -> String {
    let out = ExportOut {
        format: EXPORT_FORMAT,
        version: STORE_VERSION,
        incident,
    };
    serde_json::to_string_pretty(&out).expect("an Incident holds only strings, numbers, times and enums")
}

/// Refuses a file over `MAX_IMPORT_BYTES` from its size alone, so it need not be read first.
pub fn check_import_size(bytes: u64) -> Result<(), Bilingual> {
    if bytes <= MAX_IMPORT_BYTES as u64 {
        return Ok(());
    }
    Err(Bilingual::new(
        format!("Cannot import: the file is {bytes} bytes; the limit is {MAX_IMPORT_BYTES}. Choose an incident export file."),
        format!("无法导入:文件有 {bytes} 字节,上限为 {MAX_IMPORT_BYTES};请选择事件导出文件。"),
    ))
}

/// Reads an exported incident file (current or previous format) and checks its values; times
/// must lie between 2000-01-01 and `now` + 1 day.
pub fn import_incident(text: &str, now: DateTime<Utc>) -> Result<Incident, Bilingual> {
    let bad = |en: String, zh: String| Err(Bilingual::new(format!("Cannot import: {en}"), format!("无法导入:{zh}")));
    check_import_size(text.len() as u64)?;
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return bad(
                format!("the file is not valid JSON ({e})."),
                format!("文件不是有效的 JSON({e})。"),
            )
        }
    };
    if value.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return bad(
            "this is not an incident export file (its \"format\" is missing or different).".into(),
            "这不是事件导出文件(缺少 \"format\" 或其值不同)。".into(),
        );
    }
    let body = value.get("incident").cloned().unwrap_or(Value::Null);
    let parsed = match value.get("version").and_then(Value::as_u64) {
        Some(2) => current_incident(body),
        Some(1) => v1_incident(body),
        other => {
            let v = other.map_or_else(|| "none".to_string(), |v| v.to_string());
            return bad(
                format!("format version {v} is not supported; export it again with this version of the app."),
                format!("不支持格式版本 {v};请用本版本应用重新导出。"),
            );
        }
    };
    let incident = match parsed {
        Ok(i) => i,
        Err(e) => {
            return bad(
                format!("the incident data is incomplete or wrong ({e})."),
                format!("事件数据不完整或有误({e})。"),
            )
        }
    };
    let problems = check_incident(&incident, now);
    if problems.is_empty() {
        Ok(incident)
    } else {
        let en: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        let zh: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        bad(en.join("; "), zh.join(";"))
    }
}

/// Values an imported incident must have for the app to show and act on it safely.
fn check_incident(i: &Incident, now: DateTime<Utc>) -> Vec<Bilingual> {
    let mut problems = check_times(i, now);
    let id_ok = !i.id.trim().is_empty() && i.id.chars().count() <= 128 && !i.id.chars().any(char::is_control);
    if !id_ok {
        problems.push(Bilingual::new(
            "the incident id must be 1-128 printable characters",
            "事件 id 必须是 1-128 个可打印字符",
        ));
    }
    if let Some(ns) = &i.context.namespace {
        if let Err(why) = validate::dns1123_label(ns) {
            problems.push(Bilingual::new(
                format!("namespace \"{ns}\" {}", why.en),
                format!("命名空间 \"{ns}\" {}", why.zh),
            ));
        }
    }
    if let Some(alert) = &i.context.alert_name {
        if let Err(why) = validate::prometheus_name(alert) {
            problems.push(Bilingual::new(
                format!("alert name \"{alert}\" {}", why.en),
                format!("告警名 \"{alert}\" {}", why.zh),
            ));
        }
    }
    match (i.status(), i.resolved_at()) {
        (Status::Resolved, None) => problems.push(Bilingual::new(
            "it is marked resolved but has no resolution time",
            "已标记为已解决,但没有解决时间",
        )),
        (Status::Resolved, Some(r)) if r < i.started_at => problems.push(Bilingual::new(
            "it was resolved before it started",
            "解决时间早于开始时间",
        )),
        (s, Some(_)) if s != Status::Resolved => problems.push(Bilingual::new(
            "it has a resolution time but is not marked resolved",
            "有解决时间,但未标记为已解决",
        )),
        _ => {}
    }
    let long_note = i
        .timeline()
        .entries()
        .iter()
        .enumerate()
        .find_map(|(n, e)| match &e.text {
            EntryText::Written(t) if t.chars().count() > MAX_NOTE_CHARS => checked_note(t).err().map(|why| (n, why)),
            _ => None,
        });
    if let Some((n, why)) = long_note {
        problems.push(Bilingual::new(
            format!("\"timeline[{n}].text\": {}", why.en),
            format!("\"timeline[{n}].text\":{}", why.zh),
        ));
    }
    problems
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
