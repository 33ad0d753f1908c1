//! Session cookies: who is signed in on this request.
//!
//! The cookie holds a random session id; the database holds its digest. The session
//! is looked up on every request, so signing out anywhere ends it everywhere at once.

use super::{AppState, app_state, now, request_parts};
use crate::api::auth::CurrentUser;
use crate::error::AppError;
use http::HeaderValue;
use http::header::{COOKIE, SET_COOKIE};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "packagento_session";
/// Digest purpose of session ids.
pub const SESSION_PURPOSE: &str = "session";
/// How long a session lasts after sign-in, in seconds (30 days).
pub const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The session id the browser sent, if any.
pub fn session_token() -> Result<Option<String>, AppError> {
    let parts = request_parts()?;
    Ok(parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned()))
}

/// The signed-in user of this request, read fresh from the database.
pub async fn current_user(state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = session_token()? else {
        return Ok(None);
    };
    let digest = state.digester.digest(SESSION_PURPOSE, &token);
    Ok(state.store.session_user(&digest, now()).await?)
}

/// The signed-in user, or `Unauthenticated`: the choke point of every server function
/// that needs an account.
pub async fn require_user() -> Result<(AppState, CurrentUser), AppError> {
    let state = app_state()?;
    let user = current_user(&state)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok((state, user))
}

/// Sends the browser a cookie holding `token`, or one that deletes it when `None`.
pub fn set_session_cookie(state: &AppState, token: Option<&str>) -> Result<(), AppError> {
    let secure = if state.settings.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    let value = HeaderValue::from_str(&cookie).map_err(super::internal_error)?;
    let options = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        .ok_or_else(|| super::internal_error("ResponseOptions missing from the Leptos context"))?;
    options.append_header(SET_COOKIE, value);
    Ok(())
}

/// The client's IP address as the listener saw it, for rate limiting sign-ins.
pub fn client_address() -> Result<String, AppError> {
    let parts = request_parts()?;
    Ok(parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string()))
}
