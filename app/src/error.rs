//! The one error type every server function returns, shared by server and browser.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::fmt;

use leptos::server_fn;

/// A problem with one form field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The name of the form field (`email`, `password`, ...).
    pub field: String,
    /// What is wrong and how to fix it, for the person filling in the form.
    pub message: String,
}

/// Everything a server function can answer instead of a result.
///
/// Expected outcomes ("check your inbox") are values, not errors. Internal failures
/// carry only a reference; the detail stays in the server log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The caller is not signed in (401).
    Unauthenticated,
    /// The thing does not exist, or the caller may not know that it does (404).
    NotFound,
    /// The caller's own access to a project, shared with them, ended (404): the
    /// message names the project and when, which they knew already.
    AccessEnded(String),
    /// The caller may see the thing but not do this to it (403).
    Forbidden(String),
    /// The input was refused; nothing changed (400).
    Invalid(Vec<FieldError>),
    /// The request conflicts with the current state, for example a link already used (409).
    Conflict(String),
    /// Too many attempts; the message says when to try again (429).
    RateLimited(String),
    /// The browser could not reach the server.
    Unreachable,
    /// The server could not reach its database for the moment (503).
    Unavailable,
    /// Something failed on the server; `ref_id` finds the detail in the log (500).
    Internal {
        /// The reference shown to the user and written to the log.
        ref_id: String,
    },
}

/// What the caller may see: `None` when the server refused it to them, so that a page
/// shows it as absent.
pub fn if_allowed<T>(answer: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match answer {
        Ok(value) => Ok(Some(value)),
        Err(AppError::Forbidden(_) | AppError::NotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

impl FieldError {
    /// A problem with `field`, explained by `message`.
    pub fn new(field: &str, message: impl fmt::Display) -> Self {
        Self {
            field: field.to_owned(),
            message: message.to_string(),
        }
    }
}

impl AppError {
    /// A refusal of one field's value.
    pub fn field(field: &str, message: impl fmt::Display) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// The message for `field`, if this error refuses that field.
    pub fn message_for(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::NotFound | Self::AccessEnded(_) => 404,
            Self::Forbidden(_) => 403,
            Self::Invalid(_) => 400,
            Self::Conflict(_) => 409,
            Self::RateLimited(_) => 429,
            Self::Unreachable | Self::Unavailable => 503,
            Self::Internal { .. } => 500,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unauthenticated => f.write_str("Sign in to continue."),
            Self::NotFound => {
                f.write_str("This page or link does not exist, or you cannot open it.")
            }
            Self::AccessEnded(message)
            | Self::Forbidden(message)
            | Self::Conflict(message)
            | Self::RateLimited(message) => f.write_str(message),
            Self::Invalid(errors) => match errors.as_slice() {
                [] => f.write_str("Check the form and try again."),
                [only] => f.write_str(&only.message),
                _ => f.write_str("Check the highlighted fields and try again."),
            },
            Self::Unreachable => {
                f.write_str("Could not reach Packagento. Check your connection and try again.")
            }
            Self::Unavailable => f.write_str(
                "Packagento cannot reach its database at the moment. Try again in a minute.",
            ),
            Self::Internal { ref_id } => {
                write!(f, "Something went wrong on our side. Reference: {ref_id}.")
            }
        }
    }
}

impl std::error::Error for AppError {}

impl From<crate::core::policy::Denial> for AppError {
    fn from(denial: crate::core::policy::Denial) -> Self {
        match denial {
            crate::core::policy::Denial::Invisible => Self::NotFound,
            other => Self::Forbidden(other.to_string()),
        }
    }
}

/// An unexpected failure: logged with a reference on the server; in the browser a
/// failure of the server-function machinery itself.
fn unexpected(detail: ServerFnErrorErr) -> AppError {
    #[cfg(feature = "ssr")]
    return internal_error(detail);
    #[cfg(not(feature = "ssr"))]
    {
        let _ = detail;
        AppError::Internal {
            ref_id: "browser".to_owned(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => Self::Invalid(vec![FieldError {
                field: String::new(),
                message: "The request could not be read. Reload the page and try again.".to_owned(),
            }]),
            other => unexpected(other),
        }
    }

    /// Serialises the error and, on the server, answers with its HTTP status: this is
    /// the one place every server function's error passes through. A form posted
    /// without scripts keeps the redirect Leptos answers it with, back to its page with
    /// the error in the URL, where the form shows it: a browser does not follow a 400.
    fn ser(&self) -> server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if !posted_without_scripts() {
            set_response_status(self.status_code());
        }
        <JsonEncoding as server_fn::Encodes<Self>>::encode(self).unwrap_or_default()
    }
}

/// Logs an unexpected failure with a fresh reference and returns the error that
/// carries only that reference to the browser.
#[cfg(feature = "ssr")]
pub fn internal_error(detail: impl std::fmt::Display) -> AppError {
    // A short reference, shown with the error and written to the log.
    let ref_id = crate::random::random_text::<6>();
    tracing::error!(%ref_id, error = %detail, "internal error");
    AppError::Internal { ref_id }
}

#[cfg(feature = "ssr")]
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
#[cfg(feature = "ssr")]
fn database_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Whether this request is a form a browser posted without scripts: it asks for
/// HTML, where the app's own calls ask for JSON.
#[cfg(feature = "ssr")]
fn posted_without_scripts() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Sets the HTTP status of the response being built, if there is one.
#[cfg(feature = "ssr")]
pub fn set_response_status(code: u16) {
    if let (Some(options), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
}
