//! The screen a panic leaves behind. The app's DOM and reactive state may be dead by then, so it
//! is built with plain DOM calls, not Leptos, and its buttons touch only storage and downloads.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::platform::download;
use crate::state::{incident, storage};

const EXPORT_MIME: &str = "application/json";

fn element(document: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el.set_text_content(Some(text));
    Some(el)
}

/// A paragraph in both languages, each marked with its language.
fn both(document: &Document, tag: &str, en: &str, zh: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    for (lang, text) in [("en", en), ("zh-CN", zh)] {
        let part = element(document, "span", "", text)?;
        part.set_attribute("lang", lang).ok()?;
        el.append_child(&part).ok()?;
        el.append_child(&document.create_text_node(" ")).ok()?;
    }
    Some(el)
}

fn button(document: &Document, test_id: &str, en: &str, zh: &str, on_click: impl FnMut() + 'static) -> Option<Element> {
    let b = both(document, "button", en, zh)?;
    b.set_attribute("type", "button").ok()?;
    b.set_attribute("data-testid", test_id).ok()?;
    let listener = Closure::<dyn FnMut()>::new(on_click);
    b.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())
        .ok()?;
    // The screen stays until the page is left.
    listener.forget();
    Some(b)
}

/// Shows the crash screen once, at the top of the page; it never panics itself.
pub fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let _ = build(&document);
}

fn build(document: &Document) -> Option<()> {
    let screen = document.create_element("section").ok()?;
    screen.set_id("crash");
    screen.set_class_name("banner banner-error crash-screen");
    screen.set_attribute("role", "alert").ok()?;
    screen.set_attribute("data-testid", "crash-screen").ok()?;
    let status = both(document, "p", "", "")?;
    status.set_attribute("data-testid", "crash-status").ok()?;
    let status_line = status.clone();
    let say = move |en: &str, zh: &str| {
        if let Some(line) = both(&status_line.owner_document()?, "span", en, zh) {
            status_line.replace_children_with_node_1(&line);
        }
        Some(())
    };
    let say_export = say.clone();
    let export = button(
        document,
        "crash-export",
        "Export my data",
        "导出我的数据",
        move || {
            let now = chrono::Utc::now();
            if let Err(e) = download::save(&storage::export_file_name(now), EXPORT_MIME, &storage::export_all(now)) {
                say_export(&format!("Export failed: {e}"), &format!("导出失败:{e}"));
            }
        },
    )?;
    let start_clean = button(
        document,
        "crash-start-clean",
        "Start clean (keeps a backup)",
        "重新开始(保留备份)",
        move || match incident::set_aside() {
            Ok(_) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
            Err(e) => {
                say(
                    &format!("Could not set the saved incidents aside ({e}); nothing was changed."),
                    &format!("无法另存已保存的事件({e});未做任何更改。"),
                );
            }
        },
    )?;
    let heading = both(document, "h1", "The app hit a bug", "应用出现了错误")?;
    let explain = both(
        document,
        "p",
        "Your incidents are still saved in this browser. Export them to keep a copy, or start clean: the saved incidents move to a backup key (nothing is deleted) and the app reloads.",
        "您的事件仍保存在此浏览器中。可导出以保留副本,或重新开始:已保存的事件将移到备份键(不会删除任何内容),然后重新加载应用。",
    )?;
    for child in [&heading, &explain, &export, &start_clean, &status] {
        screen.append_child(child).ok()?;
    }
    let body = document.body()?;
    body.prepend_with_node_1(&screen).ok()?;
    screen.scroll_into_view();
    Some(())
}

/// A problem that keeps the app from starting at all (this page carries no runbook library): the
/// pre-rendered page stays readable below it.
pub fn show_problem(problem: &runbook_core::i18n::Bilingual) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let shown = (|| -> Option<()> {
        let screen = document.create_element("section").ok()?;
        screen.set_class_name("banner banner-error");
        screen.set_attribute("role", "alert").ok()?;
        screen.set_attribute("data-testid", "start-problem").ok()?;
        let text = both(&document, "p", &problem.en, &problem.zh)?;
        screen.append_child(&text).ok()?;
        document.body()?.prepend_with_node_1(&screen).ok()
    })();
    let _ = shown;
}
