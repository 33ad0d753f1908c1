//! Server-only plumbing for the server functions: state, store, sessions, secrets, mail.
//!
//! Compiled only with the `ssr` feature; the browser build never sees sqlx or argon2.

pub mod access_review;
pub mod clock;
pub mod crypto;
pub mod input;
pub mod links;
pub mod mail;
pub mod passwords;
pub mod payments;
pub mod redirect;
pub mod session;
pub mod state;
pub mod store;
pub mod throttle;

use crate::error::{AppError, internal_error};

pub use state::{AppState, Settings};

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
