//! The runbook library: its index, which the build writes into every page, and each runbook's
//! data, fetched from its own file the first time that runbook is opened (the pre-rendered page
//! of a runbook preloads it) and kept for the rest of the visit.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use runbook_core::i18n::Bilingual;
use runbook_core::library::{self, Entry, INDEX_ELEMENT_ID};
use runbook_core::runbook::Runbook;

use super::content::Content;

thread_local! {
    static LOADED: RefCell<HashMap<String, Content>> = RefCell::new(HashMap::new());
}

#[derive(Clone, Copy)]
pub struct Library {
    index: &'static library::Library,
    /// The runbook being read: set by the runbook's pages, cleared by the library page.
    current: RwSignal<Option<Content>>,
    /// Bumped whenever a runbook has loaded.
    loads: RwSignal<u32>,
}

pub fn use_library() -> Library {
    expect_context::<Library>()
}

/// The index in this page, or why there is none (a page not written by this build).
pub fn read_index() -> Result<&'static library::Library, Bilingual> {
    let text = document()
        .get_element_by_id(INDEX_ELEMENT_ID)
        .and_then(|element| element.text_content())
        .ok_or_else(|| {
            Bilingual::new(
                "This page carries no runbook library index: reload it, or redeploy the site",
                "此页面没有运维手册库索引:请重新加载,或重新部署站点",
            )
        })?;
    library::Library::parse(&text).map(|index| &*Box::leak(Box::new(index)))
}

impl Library {
    /// `current`: the runbook the page opened on, if it was loaded before the mount.
    pub fn new(index: &'static library::Library, current: Option<&str>) -> Library {
        Library {
            index,
            current: RwSignal::new(current.and_then(cached)),
            loads: RwSignal::new(0),
        }
    }

    pub fn index(self) -> &'static library::Library {
        self.index
    }

    /// The runbook being read (tracked); none on the library page.
    pub fn current(self) -> Option<Content> {
        self.current.get()
    }

    pub fn current_untracked(self) -> Option<Content> {
        self.current.get_untracked()
    }

    pub fn set_current(self, content: Option<Content>) {
        if self
            .current
            .with_untracked(|c| c.map(Content::id) != content.map(Content::id))
        {
            self.current.set(content);
        }
    }

    /// The runbook `id` if it has loaded (tracked: becomes `Some` when it does).
    pub fn loaded(self, id: &str) -> Option<Content> {
        self.loads.track();
        cached(id)
    }

    /// The runbook an incident follows (tracked): the one it names, or the library's first for an
    /// incident that names none or one this library does not have. Fetched if it has not loaded:
    /// `None` until it has.
    pub fn of_incident(self, runbook: Option<&str>) -> Option<Content> {
        let id = runbook
            .and_then(|id| self.index.get(id))
            .or_else(|| self.index.default_entry())?
            .id
            .as_str();
        let loaded = self.loaded(id);
        if loaded.is_none() {
            leptos::task::spawn_local(async move {
                let _ = self.load(id).await;
            });
        }
        loaded
    }

    /// The runbook `id`, fetched if it has not loaded yet.
    pub async fn load(self, id: &str) -> Result<Content, Bilingual> {
        let result = fetch(self.index, id).await;
        if result.is_ok() {
            self.loads.update(|n| *n = n.wrapping_add(1));
        }
        result
    }
}

// Reading a runbook's data (its whole model's deserializer) is code the library page never
// runs: it lives in a chunk of its own, fetched alongside the first data file.
#[wasm_split(runbook_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_reader() -> Result<(), Unread> {
    Ok(())
}

#[allow(improper_ctypes_definitions)] // a split point is an extern "C" fn of Rust values
#[wasm_split(runbook_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn parse(text: String, id: String) -> Result<Runbook, Unread> {
    library::parse_runbook(&text, &id).map_err(Unread::Data)
}

/// Why a fetched data file gave no runbook.
enum Unread {
    /// The reader's chunk could not be fetched.
    Chunk,
    Data(Bilingual),
}

impl From<SplitLoaderError> for Unread {
    fn from(_: SplitLoaderError) -> Self {
        Unread::Chunk
    }
}

fn cached(id: &str) -> Option<Content> {
    LOADED.with(|loaded| loaded.borrow().get(id).copied())
}

/// The entry of runbook `id`, or a message that the library has none.
pub fn entry<'a>(index: &'a library::Library, id: &str) -> Result<&'a Entry, Bilingual> {
    index.get(id).ok_or_else(|| {
        Bilingual::new(
            format!("There is no runbook “{id}” in this library"),
            format!("本手册库中没有手册“{id}”"),
        )
    })
}

/// Fetches and parses runbook `id` once per visit; the service worker answers offline.
pub async fn fetch(index: &library::Library, id: &str) -> Result<Content, Bilingual> {
    if let Some(content) = cached(id) {
        return Ok(content);
    }
    let entry = entry(index, id)?;
    let failed = |reason: String| {
        Bilingual::new(
            format!("The runbook “{id}” could not be loaded from {} ({reason})", entry.data),
            format!("手册“{id}”无法从 {} 加载({reason})", entry.data),
        )
    };
    let text = async {
        let response = gloo_net::http::Request::get(&entry.data)
            .send()
            .await
            .map_err(|e| failed(e.to_string()))?;
        if !response.ok() {
            return Err(failed(format!("HTTP {}", response.status())));
        }
        response.text().await.map_err(|e| failed(e.to_string()))
    };
    // The reader's chunk arrives while the file does.
    let (text, reader) = futures_util::future::join(text, load_reader()).await;
    let text = text?;
    let unread = |why: Unread| match why {
        Unread::Chunk => failed("its reader's wasm chunk could not be fetched".to_string()),
        Unread::Data(problem) => problem,
    };
    reader.map_err(unread)?;
    let runbook = parse(text, id.to_string()).await.map_err(unread)?;
    // Loaded once per visit and read by every page until the tab closes.
    let content = Content::new(runbook);
    LOADED.with(|loaded| loaded.borrow_mut().insert(id.to_string(), content));
    Ok(content)
}
