//! Copy text: the Clipboard API where the browser allows it, else the caller shows a selected
//! text area for a manual copy. The Web Share API where the device has it.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Whether the text reached the clipboard (the write promise resolved).
pub async fn copy(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard = navigator.clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

pub fn can_share() -> bool {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false) && navigator.can_share()
}

pub async fn share(title: &str, text: &str) -> bool {
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_text(text);
    JsFuture::from(window().navigator().share_with_data(&data))
        .await
        .is_ok()
}
