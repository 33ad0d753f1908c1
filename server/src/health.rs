//! What a load balancer probes, without a session and revealing one word:
//! `GET /healthz`, the process answers; `GET /readyz`, the database answers with the
//! migrations this binary carries and the server is not stopping (503 otherwise).

use app::server::store::Store;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether this server should get requests.
#[derive(Clone)]
pub struct Readiness {
    store: Store,
    /// The newest migration this binary carries.
    migration: i64,
    stopping: Arc<AtomicBool>,
}

impl Readiness {
    /// Readiness of a server on `store`, whose binary carries migrations up to
    /// `migration`.
    pub fn new(store: Store, migration: i64) -> Self {
        Self {
            store,
            migration,
            stopping: Arc::default(),
        }
    }

    /// From now on the server is stopping: `/readyz` answers 503.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }
}

/// The two probes.
pub fn routes(readiness: Readiness) -> Router {
    Router::new()
        .route("/healthz", get(|| async { word(StatusCode::OK, "ok") }))
        .route("/readyz", get(ready))
        .with_state(readiness)
}

async fn ready(State(readiness): State<Readiness>) -> Response {
    if readiness.stopping.load(Ordering::SeqCst) {
        return word(StatusCode::SERVICE_UNAVAILABLE, "stopping");
    }
    match readiness.store.applied_migration().await {
        Ok(Some(applied)) if applied == readiness.migration => word(StatusCode::OK, "ready"),
        Ok(_) => word(StatusCode::SERVICE_UNAVAILABLE, "migrations differ"),
        Err(error) => {
            tracing::warn!(%error, "readiness: the database does not answer");
            word(StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

fn word(status: StatusCode, word: &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("{word}\n"),
    )
        .into_response()
}
