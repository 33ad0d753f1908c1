//! Server-only plumbing for the server functions: state, store, sessions, secrets, mail.
//!
//! Compiled only with the `ssr` feature; the browser build never sees sqlx or argon2.

pub mod accounts;
pub mod billing;
pub mod crypto;
pub mod invites;
pub mod keys;
pub mod mail;
pub mod passwords;
pub mod project_members;
pub mod projects;
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
    fn from(error: sqlx::Error) -> Self {
        internal_error(error)
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
