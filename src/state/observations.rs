//! The live signals as evidence for the decision tree.

use leptos::prelude::*;
use runbook_core::tree::Observations;

use super::AppState;

/// Reactive: re-read when a signal, the config or the clock changes (staleness needs `now`).
pub fn observations(app: AppState) -> Observations {
    let live = app.live;
    let now = app.now.get();
    app.config.with(|c| {
        live.vendor.with(|vendor| {
            live.health.with(|health| {
                live.errors.with(|errors| {
                    Observations::from_signals(
                        vendor,
                        health,
                        errors,
                        &c.config.thresholds,
                        c.config.refresh.interval_secs,
                        now,
                    )
                })
            })
        })
    })
}
