//! Keeps the reader's place when the content under them is re-rendered (language switch).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The first section whose bottom is below the sticky header, and its current top offset.
pub struct Anchor {
    id: String,
    top: f64,
}

const HEADER_ALLOWANCE: f64 = 96.0;

pub fn top_anchor() -> Option<Anchor> {
    let sections = document().query_selector_all("[data-section]").ok()?;
    (0..sections.length())
        .filter_map(|i| sections.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find_map(|el| {
            let rect = el.get_bounding_client_rect();
            (rect.bottom() > HEADER_ALLOWANCE).then(|| Anchor {
                id: el.id(),
                top: rect.top(),
            })
        })
}

pub fn restore_after_render(anchor: Option<Anchor>) {
    let Some(anchor) = anchor else { return };
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&anchor.id) {
            let now_top = el.get_bounding_client_rect().top();
            window().scroll_by_with_x_and_y(0.0, now_top - anchor.top);
        }
    });
}

/// Scrolls a deep-linked element into view once it is rendered. Off-screen sections are laid
/// out from an estimated height (`content-visibility`), so the sections that render around
/// the target can move it: the scroll repeats on the next frames until it stays put.
pub fn reveal(id: String) {
    reveal_from(id, None, 0);
}

const REVEAL_FRAMES: u8 = 10;

fn reveal_from(id: String, top_after_last_scroll: Option<f64>, frame: u8) {
    request_animation_frame(move || {
        let Some(el) = document().get_element_by_id(&id) else {
            return;
        };
        if top_after_last_scroll == Some(el.get_bounding_client_rect().top()) || frame == REVEAL_FRAMES {
            return;
        }
        el.scroll_into_view();
        reveal_from(id, Some(el.get_bounding_client_rect().top()), frame + 1);
    });
}
