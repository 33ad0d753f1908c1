//! Server-only plumbing for the server functions: state, store, sessions, secrets, mail.
//!
//! Compiled only with the `ssr` feature; the browser build never sees sqlx or argon2.

pub mod access_review;
pub mod accounts;
pub mod billing;
pub mod clock;
pub mod crypto;
pub mod invites;
pub mod keys;
pub mod mail;
pub mod passwords;
pub mod profile;
pub mod project_members;
pub mod projects;
pub mod redirect;
pub mod session;
pub mod shared_with_me;
pub mod shares;
pub mod state;
pub mod store;
pub mod team;

use crate::core::display_name::{DisplayName, DisplayNameError};
use crate::error::{AppError, internal_error};

pub use state::{AppState, Settings};

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
        .record_refused_link(link, digest, actor_id, reason, state.clock.now())
        .await
    {
        Ok(()) => refusal,
        Err(error) => error.into(),
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

/// Parses the name of something (a workspace, a project, a key) typed into `field`;
/// `missing` is the message when nothing was typed.
pub fn parse_name(field: &str, input: &str, missing: &str) -> Result<DisplayName, AppError> {
    DisplayName::parse(input).map_err(|error| match error {
        DisplayNameError::Empty => AppError::field(field, missing),
        other => AppError::field(field, other),
    })
}
