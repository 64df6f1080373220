//! The runbook library as the app sees it. The build writes an index of every runbook (titles,
//! vendor, owners, review date, alerts, links and the address of its data file) into every page,
//! and each runbook's data (its rendered documents, tree, commands and messages) into a file of
//! its own, which the app fetches when that runbook is first opened. The first load therefore
//! holds no runbook's content, however many the library has.
//!
//! Every runbook has its own paths under `/r/<id>`; the paths of the one-runbook app (`/triage`,
//! `/runbook/<section>`, `/incident/new?alert=…`, …) lead to the runbook they meant.

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::runbook::Runbook;

/// The id of the `<script type="application/json">` element that holds the index in each page.
pub const INDEX_ELEMENT_ID: &str = "runbook-library";
/// The folder of the data files in the site.
pub const DATA_DIR: &str = "runbooks";

/// One runbook of the library, without its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: Bilingual,
    pub vendor: Bilingual,
    pub owners: Vec<String>,
    pub alerts: Vec<String>,
    pub links: Vec<String>,
    pub reviewed: String,
    /// Site path of the runbook's data file (content-hashed: a changed runbook is a new file).
    pub data: String,
}

impl Entry {
    pub fn of(runbook: &Runbook, data: String) -> Entry {
        Entry {
            id: runbook.id.clone(),
            title: runbook.title.clone(),
            vendor: runbook.vendor.clone(),
            owners: runbook.owners.clone(),
            alerts: runbook.alerts.clone(),
            links: runbook.links.clone(),
            reviewed: runbook.reviewed.clone(),
            data,
        }
    }
}

/// Every runbook, in library order (by id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub runbooks: Vec<Entry>,
}

impl Library {
    /// The index as the build wrote it; a message naming what is wrong otherwise.
    pub fn parse(json: &str) -> Result<Library, Bilingual> {
        let library: Library = serde_json::from_str(json).map_err(|e| {
            Bilingual::new(
                format!("The runbook library index is not readable ({e})"),
                format!("运维手册库索引无法读取({e})"),
            )
        })?;
        if library.runbooks.is_empty() {
            return Err(Bilingual::new(
                "The runbook library is empty: this build has no runbook",
                "运维手册库为空:此版本不含任何手册",
            ));
        }
        Ok(library)
    }

    /// The index as JSON that can stand inside a `<script>` element: `</` never appears in it.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .expect("a library index always serialises")
            .replace("</", "<\\/")
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.runbooks.iter().find(|e| e.id == id)
    }

    /// The runbook the paths of the one-runbook app open: the first of the library.
    pub fn default_entry(&self) -> Option<&Entry> {
        self.runbooks.first()
    }

    /// The runbook that answers the alert `name` (the first, if several declare it).
    pub fn for_alert(&self, name: &str) -> Option<&Entry> {
        self.runbooks.iter().find(|e| e.alerts.iter().any(|a| a == name))
    }

    /// Where a path of the one-runbook app leads now, with its query kept (`query` without the
    /// `?`); `None` for every other path. An alert link opens the runbook that answers the alert.
    pub fn legacy_redirect(&self, path: &str, query: &str) -> Option<String> {
        let page = legacy_page(path)?;
        let runbook = match page {
            Page::NewIncident => query_value(query, "alert")
                .and_then(|alert| self.for_alert(&alert))
                .or_else(|| self.default_entry()),
            _ => self.default_entry(),
        }?;
        let target = page_path(&runbook.id, &page);
        Some(if query.is_empty() {
            target
        } else {
            format!("{target}?{query}")
        })
    }
}

/// A page of a runbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Read,
    Section(String),
    Triage,
    Wizard,
    Actions,
    Comms,
    Incident,
    NewIncident,
}

impl Page {
    /// The part of the path after `/r/<id>`.
    fn suffix(&self) -> String {
        match self {
            Page::Read => String::new(),
            Page::Section(id) => format!("/section/{id}"),
            Page::Triage => "/triage".into(),
            Page::Wizard => "/wizard".into(),
            Page::Actions => "/actions".into(),
            Page::Comms => "/comms".into(),
            Page::Incident => "/incident".into(),
            Page::NewIncident => "/incident/new".into(),
        }
    }

    /// The page a path of this app's nav names (`/triage` …), for links written as data.
    pub fn from_suffix(suffix: &str) -> Option<Page> {
        Some(match suffix.trim_end_matches('/') {
            "" => Page::Read,
            "/triage" => Page::Triage,
            "/wizard" => Page::Wizard,
            "/actions" => Page::Actions,
            "/comms" => Page::Comms,
            "/incident" => Page::Incident,
            "/incident/new" => Page::NewIncident,
            other => Page::Section(other.strip_prefix("/section/")?.to_string()),
        })
    }
}

/// `/r/<id>` followed by the page's own path.
pub fn page_path(runbook: &str, page: &Page) -> String {
    format!("/r/{runbook}{}", page.suffix())
}

/// The runbook a path of the app belongs to, if any.
pub fn runbook_in_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/r/")?;
    let id = rest.split('/').next().unwrap_or_default();
    (!id.is_empty()).then_some(id)
}

fn legacy_page(path: &str) -> Option<Page> {
    let path = match path.trim_end_matches('/') {
        "" => return None,
        p => p,
    };
    if let Some(section) = path.strip_prefix("/runbook/") {
        return (!section.is_empty() && !section.contains('/')).then(|| Page::Section(section.to_string()));
    }
    match Page::from_suffix(path)? {
        Page::Read | Page::Section(_) => None,
        page => Some(page),
    }
}

fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| percent_decode(v))
    })
}

/// `application/x-www-form-urlencoded` decoding; bytes that do not make UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(hi, lo)| (hi * 16 + lo) as u8),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, byte) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A runbook's data file as the build wrote it. `id` is the runbook the index says it is: a file
/// that holds another is refused.
pub fn parse_runbook(json: &str, id: &str) -> Result<Runbook, Bilingual> {
    let runbook: Runbook = serde_json::from_str(json).map_err(|e| {
        Bilingual::new(
            format!("The data of runbook “{id}” is not readable ({e})"),
            format!("手册“{id}”的数据无法读取({e})"),
        )
    })?;
    if runbook.id != id {
        return Err(Bilingual::new(
            format!("The data file of runbook “{id}” holds runbook “{}”", runbook.id),
            format!("手册“{id}”的数据文件装的是手册“{}”", runbook.id),
        ));
    }
    Ok(runbook)
}

#[cfg(test)]
mod tests;
