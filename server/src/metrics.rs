//! Prometheus metrics, served on their own address (`METRICS_ADDR`, off by default,
//! so they are never public by accident): requests by route template and status with
//! their latencies, server-function calls, sign-in throttles, sends and failures of
//! the mail worker, and, read when scraped, the outbox's depth and oldest unsent mail,
//! the database pool and the active sessions.

use app::server::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use tokio::net::TcpListener;

/// The latency buckets, in seconds: a page takes milliseconds, a slow one a second.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The longest server-function name recorded as a label; longer paths are no
/// function of the app and would only grow the label set.
const MAX_FUNCTION_NAME: usize = 48;

/// The process's recorder, installed once however many servers the process runs.
static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process-wide recorder (once) and answers its handle.
fn handle() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("packagento_http_request_duration_seconds".to_owned()),
                    &LATENCY_BUCKETS,
                )
                .and_then(PrometheusBuilder::install_recorder)
                .inspect_err(|error| tracing::error!(%error, "metrics are off"))
                .ok()
        })
        .clone()
}

/// Serves `GET /metrics` on `listener` until the process ends.
pub fn serve(listener: TcpListener, state: AppState) {
    let Some(handle) = handle() else {
        return;
    };
    let app = Router::new()
        .route("/metrics", get(scrape))
        .with_state((state, handle));
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    });
}

/// Reads the gauges that live in the database and renders every metric.
async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> String {
    let (store, now) = (&state.store, state.clock.now());
    match store.outbox_state().await {
        Ok((depth, oldest)) => {
            metrics::gauge!("packagento_outbox_depth").set(depth as f64);
            metrics::gauge!("packagento_outbox_oldest_unsent_seconds")
                .set(oldest.map_or(0.0, |created| (now - created).max(0) as f64));
        }
        Err(error) => tracing::warn!(%error, "metrics: could not read the outbox"),
    }
    match store.active_sessions(now).await {
        Ok(sessions) => metrics::gauge!("packagento_sessions_active").set(sessions as f64),
        Err(error) => tracing::warn!(%error, "metrics: could not count the sessions"),
    }
    let pool = store.pool();
    let (open, idle) = (
        pool.size(),
        u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
    );
    metrics::gauge!("packagento_db_connections", "state" => "in_use")
        .set(f64::from(open.saturating_sub(idle)));
    metrics::gauge!("packagento_db_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("packagento_db_pool_waiting").set(store.waiting_for_connection() as f64);
    handle.render()
}

/// Whether this process serves metrics (otherwise recording costs nothing).
fn enabled() -> bool {
    HANDLE.get().is_some_and(Option::is_some)
}

/// The server function `path` calls (`team/invite_member`), when metrics are on and
/// it looks like one: read before the request is answered, so that nothing is copied
/// when metrics are off.
pub fn server_function(path: &str) -> Option<String> {
    let name = path.strip_prefix("/api/")?;
    let looks_like_one = name.len() <= MAX_FUNCTION_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'/');
    (enabled() && looks_like_one).then(|| name.to_owned())
}

/// Records one answered request: `route` is its template, `function` the server
/// function it called (see [`server_function`]), `seconds` its latency.
pub fn record_request(route: &str, function: Option<&str>, status: u16, seconds: f64) {
    if !enabled() {
        return;
    }
    let status_label = status.to_string();
    metrics::counter!(
        "packagento_http_requests_total",
        "route" => route.to_owned(),
        "status" => status_label.clone()
    )
    .increment(1);
    metrics::histogram!("packagento_http_request_duration_seconds", "route" => route.to_owned())
        .record(seconds);
    // An unknown function answers 404; its name would only grow the label set.
    if let Some(function) = function.filter(|_| status != 404) {
        metrics::counter!(
            "packagento_server_function_calls_total",
            "function" => function.to_owned(),
            "status" => status_label
        )
        .increment(1);
        if function == "auth/sign_in" && status == 429 {
            metrics::counter!("packagento_sign_in_throttled_total").increment(1);
        }
    }
}

/// Records the outcome of one attempt to send an email.
pub fn record_send(sent: bool) {
    if !enabled() {
        return;
    }
    if sent {
        metrics::counter!("packagento_mails_sent_total").increment(1);
    } else {
        metrics::counter!("packagento_mail_failures_total").increment(1);
    }
}
