//! One GET through the same-origin proxy, with a real (aborting) timeout. Returns the core's
//! `RawResponse`; the core classifies it.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use leptos::prelude::*;
use runbook_core::signals::fetch::RawResponse;
use web_sys::AbortController;

pub async fn get(url: &str, timeout_ms: u32) -> RawResponse {
    if !window().navigator().on_line() {
        return RawResponse::Offline;
    }
    let Ok(controller) = AbortController::new() else {
        return RawResponse::Network("AbortController unavailable".into());
    };
    let signal = controller.signal();
    let timed_out = Rc::new(Cell::new(false));
    // Dropping the timer before it fires cancels it; firing aborts the fetch for real.
    let timer = {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let request = Request::get(url)
        .abort_signal(Some(&signal))
        .header("Accept", "application/json")
        .cache(web_sys::RequestCache::NoStore);
    let result = request.send().await;
    let outcome = match result {
        Ok(response) => {
            let status = response.status();
            let retry_after = response.headers().get("Retry-After");
            match response.text().await {
                Ok(body) => RawResponse::Http {
                    status,
                    body,
                    retry_after,
                },
                Err(_) if timed_out.get() => RawResponse::Timeout { after_ms: timeout_ms },
                Err(e) => RawResponse::Network(e.to_string()),
            }
        }
        Err(_) if timed_out.get() => RawResponse::Timeout { after_ms: timeout_ms },
        Err(_) if !window().navigator().on_line() => RawResponse::Offline,
        Err(e) => RawResponse::Network(e.to_string()),
    };
    drop(timer);
    outcome
}
