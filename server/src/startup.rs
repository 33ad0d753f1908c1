//! Building and running the server: database, router, mail worker. Longer than most
//! files on purpose: the router's layers are in the order a request meets them, and
//! reading that order in one place is how the security model is checked.

use crate::client_address::find_client;
use crate::config::Config;
use crate::dev_mailbox::{self, DevMailbox};
use crate::health::{self, Readiness};
use crate::mail_worker::{self, Delivery};
use crate::security::{PageNonce, TrustedOrigin, add_security_headers, refuse_cross_site};
use crate::{
    access_review, composer, compression, key_warnings, metrics, pruning, request_log, seed,
    share_ends,
};
use app::error::internal_error;
use app::server::crypto::{Sealer, TokenDigester};
use app::server::passwords::PasswordHasher;
use app::server::payments::TestMode;
use app::server::session::RequestCaller;
use app::server::store::{Engine, Store};
use app::server::{AppState, Settings};
use app::{App, shell};
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use leptos::nonce::Nonce;
use leptos::prelude::{LeptosOptions, provide_context, use_context};
use leptos_axum::{
    AxumRouteListing, ErrorHandler, LeptosRoutes, generate_route_list, site_pkg_dir_service,
};
use sqlx::migrate::Migrator;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

/// Largest request body accepted, in bytes; larger ones get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// The database could not be reached or prepared.
    Database(String),
    /// Something else at start-up.
    Other(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Database(problem) => write!(f, "DATABASE_URL: {problem}"),
            Self::Other(problem) => f.write_str(problem),
        }
    }
}

impl std::error::Error for StartError {}

/// Creates the folder of a SQLite file when it is missing, so the default
/// `sqlite://data/packagento.db` works on a fresh clone.
fn ensure_sqlite_folder(url: &str) -> Result<(), StartError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    match std::path::Path::new(path).parent() {
        Some(folder) if !folder.as_os_str().is_empty() && path != ":memory:" => {
            std::fs::create_dir_all(folder).map_err(|e| {
                StartError::Database(format!("cannot create {}: {e}", folder.display()))
            })
        }
        _ => Ok(()),
    }
}

/// Connects to the database and applies the migrations of its engine.
pub async fn connect(config: &Config) -> Result<Store, StartError> {
    if config.engine == Engine::Sqlite {
        ensure_sqlite_folder(&config.database_url)?;
    }
    let store = Store::connect(&config.database_url, config.engine)
        .await
        .map_err(|e| StartError::Database(format!("cannot connect ({e})")))?;
    migrator(config.engine)
        .run(store.pool())
        .await
        .map_err(|e| StartError::Database(format!("migrations failed ({e})")))?;
    Ok(store)
}

/// The migrations this binary carries for `engine`.
fn migrator(engine: Engine) -> Migrator {
    match engine {
        Engine::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Engine::Postgres => sqlx::migrate!("migrations/postgres"),
    }
}

/// The newest migration this binary carries for `engine`.
fn newest_migration(engine: Engine) -> i64 {
    migrator(engine)
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

/// Resolves when the process is asked to stop: SIGTERM (what process managers and
/// orchestrators send) or SIGINT (Ctrl-C).
async fn stop_requested() {
    let terminate = async {
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "SIGTERM cannot be caught; only Ctrl-C stops cleanly");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}

/// Builds the state shared by every request.
pub fn app_state(store: Store, config: &Config) -> Result<AppState, StartError> {
    Ok(AppState {
        store,
        settings: Arc::new(Settings {
            public_url: config.public_url.clone(),
        }),
        passwords: PasswordHasher::new().map_err(|e| StartError::Other(format!("argon2: {e}")))?,
        digester: TokenDigester::new(&config.secret),
        sealer: Sealer::new(&config.secret),
        mail_queued: Arc::new(Notify::new()),
        clock: config.clock.clone(),
        payments: Arc::new(TestMode),
    })
}

/// Gives Leptos the nonce `add_security_headers` minted for this request, in place of
/// one of its own, so the policy that middleware sets names the nonce the page uses.
fn provide_page_nonce() {
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(Nonce::from_value(nonce.for_page()));
    }
}

/// The app's routes, listed once per process. Listing them renders the app under a
/// process-wide guard that keeps resources from loading (leptos-rs/leptos #4773): a
/// page rendered meanwhile by another server of the same process (several test
/// servers, or `server routes` beside a running server) would wait forever. Listed
/// once, before any server of the process accepts a request, the guard never meets
/// a render.
pub fn route_list() -> &'static [AxumRouteListing] {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

/// The answer to a request whose handler panicked: 500 with a reference that finds
/// the panic in the log, instead of a dropped connection.
fn answer_panic(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    let error = internal_error(format!("handler panicked: {detail}"));
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        error.to_string(),
    )
        .into_response()
}

/// The whole HTTP application: pages, server functions, static files, and the
/// layers every request passes through.
pub fn router(
    state: AppState,
    config: &Config,
    mailbox: DevMailbox,
    readiness: Readiness,
) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("packagento")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .build();
    let routes = route_list().to_vec();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(RequestCaller::default());
            provide_page_nonce();
        }
    };
    let mut router = Router::new()
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        // Static files are served apart from Leptos: its own file handler reads the
        // response options of whatever render is current on the thread, so a file
        // served beside a 404 render got its status (README, Known issues).
        .fallback_service(site_pkg_dir_service(&leptos_options).fallback(
            ErrorHandler::new_with_context(context, shell, leptos_options.clone()),
        ))
        .with_state(leptos_options)
        .merge(composer::routes(
            state.clone(),
            config.archive_dir.clone().into(),
        ))
        .merge(access_review::routes(state.clone()))
        .merge(health::routes(readiness));
    if config.uses_dev_mailbox() {
        router = router.route("/dev/mailbox", get(dev_mailbox::page).with_state(mailbox));
    }
    let trusted = TrustedOrigin(config.public_url.as_str().into());
    let https = config.public_url.starts_with("https://");
    router
        .layer(compression::layer())
        .layer(axum::middleware::map_response(
            compression::vary_with_encoding,
        ))
        .layer(axum::middleware::from_fn_with_state(
            trusted,
            refuse_cross_site,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(answer_panic))
        .layer(axum::middleware::from_fn_with_state(
            https,
            add_security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.trusted_proxies.clone(),
            find_client,
        ))
        .layer(axum::middleware::from_fn(request_log::log_requests))
}

/// Runs the server on `listener` until the process is asked to stop: migrations,
/// demo data when asked, the mail worker and the pruning job, then the HTTP
/// application.
pub async fn run(listener: TcpListener, config: Config) -> Result<(), StartError> {
    let store = connect(&config).await?;
    let state = app_state(store.clone(), &config)?;
    if config.demo_data {
        seed::demo(&state, config.demo_members)
            .await
            .map_err(|e| StartError::Other(format!("demo data: {e}")))?;
        tracing::info!("{}", seed::credentials_banner(&config.public_url));
    }
    let mailbox = DevMailbox::default();
    let delivery = Delivery::new(config.smtp_url.as_deref(), mailbox.clone())
        .map_err(|e| StartError::Other(format!("SMTP_URL: {e}")))?;
    let (stop_workers, workers_stop) = watch::channel(false);
    let pruning = pruning::spawn(state.clone(), config.pruning, workers_stop.clone());
    let key_warnings = key_warnings::spawn(state.clone(), workers_stop.clone());
    let share_ends = share_ends::spawn(state.clone(), workers_stop.clone());
    let mail = mail_worker::spawn(
        state.clone(),
        delivery,
        config.mail_from.clone(),
        workers_stop,
    );
    if let Some(addr) = config.metrics_addr {
        let listener = TcpListener::bind(addr).await.map_err(|e| {
            StartError::Other(format!("METRICS_ADDR: cannot listen on {addr} ({e})"))
        })?;
        metrics::serve(listener, state.clone());
        tracing::info!("metrics at http://{addr}/metrics");
    }
    let readiness = Readiness::new(state.store.clone(), newest_migration(config.engine));
    let app = router(state, &config, mailbox, readiness.clone());
    tracing::info!(public_url = %config.public_url, engine = ?config.engine, "Packagento is listening");
    if config.uses_dev_mailbox() {
        tracing::info!("emails go to {}/dev/mailbox", config.public_url);
    }
    // Without TCP_NODELAY a response written in two parts (headers, then a streamed
    // body) waits on the client's delayed acknowledgement: 40 ms on every page.
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY not set: {error}");
        }
    });
    // Once asked to stop, the requests in flight and the mail being sent get
    // `SHUTDOWN_SECONDS` in all to finish; whatever is still running then is cut.
    let deadline = Duration::from_secs(config.shutdown_seconds);
    let (cut_off_tx, mut cut_off_at) = watch::channel(None::<Instant>);
    let serve = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stop_requested().await;
        tracing::info!("stopping: no new connections, finishing the requests in flight");
        readiness.stop();
        let _ = stop_workers.send(true);
        let _ = cut_off_tx.send(Some(Instant::now() + deadline));
    })
    .into_future();
    let cut_off = async {
        let at = cut_off_at
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|at| *at);
        match at {
            Some(at) => tokio::time::sleep_until(at).await,
            None => std::future::pending().await,
        }
    };
    let served = tokio::select! {
        served = serve => served.map_err(|e| StartError::Other(format!("server stopped: {e}"))),
        () = cut_off => {
            tracing::warn!("requests still in flight after {deadline:?}: stopping anyway");
            Ok(())
        }
    };
    // A run of a job is one transaction (or two): cut, it changes nothing half-way.
    pruning.abort();
    key_warnings.abort();
    share_ends.abort();
    let at = (*cut_off_at.borrow()).unwrap_or_else(|| Instant::now() + deadline);
    if tokio::time::timeout_at(at, mail).await.is_err() {
        tracing::warn!(
            "the email being sent did not finish in {deadline:?}; its lease will let it be retried"
        );
    }
    served
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_is_answered_500_with_a_reference() {
        let app = Router::new()
            .route(
                "/boom",
                get(|| async {
                    let header = axum::http::HeaderValue::from_str("/\n/x");
                    #[expect(clippy::unwrap_used, reason = "the panic under test")]
                    header.unwrap();
                }),
            )
            .layer(CatchPanicLayer::custom(answer_panic));
        let request = axum::http::Request::get("/boom")
            .body(Body::empty())
            .expect("request");
        let response = app
            .oneshot(request)
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 4096).await.expect("body");
        let text = String::from_utf8_lossy(&body);
        assert!(
            text.starts_with("Something went wrong on our side. Reference: "),
            "{text}"
        );
        assert!(
            !text.contains("HeaderValue"),
            "no detail reaches the browser: {text}"
        );
    }
}
