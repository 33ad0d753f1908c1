//! One log line per request: a fresh request id (also sent back in `X-Request-Id`),
//! the method, the route template it matched (`/projects/{id}`: never the path with
//! its ids, never the query, which can carry a link's token), the status and the
//! latency; the same go to the metrics.

use crate::metrics;
use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tracing::Instrument;

/// What the log names a request that matched no route (static files, unknown pages).
const UNMATCHED: &str = "(files and unknown pages)";

/// Logs `request` and its answer; its other log lines carry the same id and route.
pub async fn log_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let route = matched.as_ref().map_or(UNMATCHED, MatchedPath::as_str);
    let function = metrics::server_function(request.uri().path());
    let request_id = format!("{:016x}", rand::random::<u64>());
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        route = %route,
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    let (status, seconds) = (response.status().as_u16(), started.elapsed().as_secs_f64());
    span.in_scope(|| tracing::info!(status, latency_ms = seconds * 1_000.0, "answered"));
    metrics::record_request(route, function.as_deref(), status, seconds);
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}
