//! The live triage signals, fetched through the same-origin proxy and classified by the core.

use runbook_core::config::DeployConfig;
use runbook_core::signals::error_rate::ErrorRates;
use runbook_core::signals::fetch::{classify, FetchFailure, ShapeError};
use runbook_core::signals::health::{parse_health_entry, HealthStatus};
use runbook_core::signals::prometheus::{backup_may_answer, parse_instant, parse_range, RangeAnswer};
use runbook_core::signals::query::{self, Window};
use runbook_core::signals::vendor::{parse_vendor_status, VendorStatus};
use runbook_core::signals::Source;
use std::future::Future;

use serde_json::Value;

use super::http;

pub type Fetched<T> = Result<(T, Source), FetchFailure>;

/// A Prometheus result, and the primary's failure when the backup answered (or also failed).
pub struct FromPrometheus<T> {
    pub result: Fetched<T>,
    pub primary_failure: Option<FetchFailure>,
}

async fn get<T>(
    url: &str,
    cfg: &DeployConfig,
    parse: impl Fn(&Value) -> Result<T, ShapeError>,
) -> Result<T, FetchFailure> {
    classify(http::get(url, cfg.refresh.timeout_ms).await, parse)
}

pub async fn vendor_status(cfg: DeployConfig) -> Fetched<VendorStatus> {
    get(&cfg.endpoints.vendor_status, &cfg, parse_vendor_status)
        .await
        .map(|v| (v, Source::Primary))
}

/// `service`: the runbook's key in the health endpoint's answer.
pub async fn health(cfg: DeployConfig, service: String) -> Fetched<HealthStatus> {
    get(&cfg.endpoints.health, &cfg, |v| parse_health_entry(v, &service))
        .await
        .map(|v| (v, Source::Primary))
}

async fn error_rates_from(base: &str, cfg: &DeployConfig) -> Result<ErrorRates, FetchFailure> {
    let prom = &cfg.prometheus;
    let total = get(
        &query::instant_query_url(base, &query::error_rate_total_query(prom)),
        cfg,
        parse_instant,
    )
    .await?;
    let by_code = get(
        &query::instant_query_url(base, &query::error_rate_by_code_query(prom)),
        cfg,
        parse_instant,
    )
    .await?;
    Ok(ErrorRates::from_results(&total, &by_code, &prom.status_code_label))
}

async fn series_from(base: &str, cfg: &DeployConfig, window: Window) -> Result<RangeAnswer, FetchFailure> {
    let url = query::range_query_url(
        base,
        &query::error_rate_by_code_query(&cfg.prometheus),
        window,
        chrono::Utc::now(),
    );
    get(&url, cfg, parse_range).await
}

/// Asks the primary Prometheus, and the backup from config when the primary cannot answer.
/// A refused query (bad PromQL) would be the same on both, so it is not retried on the backup.
pub async fn with_backup<T, Fut>(cfg: &DeployConfig, fetch: impl Fn(String) -> Fut) -> FromPrometheus<T>
where
    Fut: Future<Output = Result<T, FetchFailure>>,
{
    match fetch(cfg.endpoints.prometheus.clone()).await {
        Ok(v) => FromPrometheus {
            result: Ok((v, Source::Primary)),
            primary_failure: None,
        },
        Err(failure) if !backup_may_answer(&failure) => FromPrometheus {
            result: Err(failure),
            primary_failure: None,
        },
        Err(primary) => match &cfg.endpoints.prometheus_backup {
            None => FromPrometheus {
                result: Err(primary),
                primary_failure: None,
            },
            Some(backup) => FromPrometheus {
                result: fetch(backup.clone()).await.map(|v| (v, Source::Backup)),
                primary_failure: Some(primary),
            },
        },
    }
}

/// Nothing asked when config.json names no error metric.
fn not_configured<T>(cfg: &DeployConfig) -> Option<FromPrometheus<T>> {
    query::not_configured(&cfg.prometheus).map(|failure| FromPrometheus {
        result: Err(failure),
        primary_failure: None,
    })
}

pub async fn error_rates(cfg: DeployConfig) -> FromPrometheus<ErrorRates> {
    if let Some(unasked) = not_configured(&cfg) {
        return unasked;
    }
    with_backup(&cfg, |base| {
        let cfg = cfg.clone();
        async move { error_rates_from(&base, &cfg).await }
    })
    .await
}

/// The chart's series, with what the backend said about them (a partial range is marked so).
pub async fn error_series(cfg: DeployConfig, window: Window) -> FromPrometheus<RangeAnswer> {
    if let Some(unasked) = not_configured(&cfg) {
        return unasked;
    }
    with_backup(&cfg, |base| {
        let cfg = cfg.clone();
        async move { series_from(&base, &cfg, window).await }
    })
    .await
}
