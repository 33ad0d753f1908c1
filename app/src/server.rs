//! Server-only plumbing for the server functions: state, store, sessions, secrets, mail.
//!
//! Compiled only with the `ssr` feature; the browser build never sees sqlx or argon2.

pub mod accounts;
pub mod billing;
pub mod crypto;
pub mod fault;
pub mod invites;
pub mod keys;
pub mod mail;
pub mod passwords;
pub mod profile;
pub mod project_members;
pub mod projects;
pub mod redirect;
pub mod session;
pub mod shares;
pub mod state;
pub mod store;
pub mod team;

use crate::core::display_name::{DisplayName, DisplayNameError};
use crate::error::AppError;
use std::fmt::Display;

pub use state::{AppState, Settings};

/// Logs an unexpected failure with a fresh reference and returns the error that
/// carries only that reference to the browser.
pub fn internal_error(detail: impl Display) -> AppError {
    let ref_id = crypto::reference_id();
    tracing::error!(%ref_id, error = %detail, "internal error");
    AppError::Internal { ref_id }
}

impl From<sqlx::Error> for AppError {
    /// A lost or unreachable database is `Unavailable` (503, try again); anything
    /// else is an internal error.
    fn from(error: sqlx::Error) -> Self {
        if database_unreachable(&error) {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        } else {
            internal_error(error)
        }
    }
}

/// Whether `error` says the database cannot be reached now: the connection failed or
/// broke, no connection came free in time, or PostgreSQL is shutting down, starting
/// or refusing connections (SQLSTATE classes 08 and 57P).
fn database_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Records a refused use of an emailed link in its sender's feed (see
/// [`store::Store::record_refused_link`]) and returns `refusal`, the answer to give.
pub async fn refuse_link(
    state: &AppState,
    link: store::EmailedLink,
    digest: &str,
    actor_id: Option<i64>,
    reason: &str,
    refusal: AppError,
) -> AppError {
    match state
        .store
        .record_refused_link(link, digest, actor_id, reason, now())
        .await
    {
        Ok(()) => refusal,
        Err(error) => error.into(),
    }
}

/// Sets the HTTP status of the response being built, if there is one.
pub fn set_response_status(code: u16) {
    if let (Some(options), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
}

/// The application state provided to every server function and page render.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| internal_error("AppState missing from the Leptos context"))
}

/// The request being answered; present for every server function and page render.
pub fn request_parts() -> Result<http::request::Parts, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .ok_or_else(|| internal_error("request parts missing from the Leptos context"))
}

/// Seconds since the Unix epoch: every timestamp in the database uses this unit.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Parses the name of something (a workspace, a project, a key) typed into `field`;
/// `missing` is the message when nothing was typed.
pub fn parse_name(field: &str, input: &str, missing: &str) -> Result<DisplayName, AppError> {
    DisplayName::parse(input).map_err(|error| match error {
        DisplayNameError::Empty => AppError::field(field, missing),
        other => AppError::field(field, other),
    })
}
