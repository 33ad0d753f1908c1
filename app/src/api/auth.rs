//! Accounts: register, verify the address, sign in, sign out.

use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::link::AddressLink;
use leptos::prelude::*;

/// The signed-in user, or `None` when signed out.
#[server(endpoint = "auth/get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::server::session::caller()
        .await?
        .map(|caller| caller.user))
}

/// Creates an account and emails a verification link. The answer is the same whether
/// or not the address already has an account; its owner gets an email instead.
#[server(endpoint = "auth/register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    crate::server::accounts::register(email, display_name, password).await
}

/// What the verification link with `token` would do; changes nothing, so a mail
/// scanner opening the link consumes nothing.
#[server(endpoint = "auth/check_verification_link")]
pub async fn check_verification_link(token: String) -> Result<AddressLink, AppError> {
    crate::server::accounts::verification_link(token).await
}

/// Uses a verification link, then sends the person to sign in.
#[server(endpoint = "auth/verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    crate::server::accounts::verify_email(token).await
}

/// Signs in with email and password, starting a new session, then goes to `next`
/// (a path on this site) or to Projects.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    crate::server::accounts::sign_in(email, password, next).await
}

/// Ends this browser's session.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::server::accounts::sign_out().await
}

/// Ends every session of the signed-in user, on every device.
#[server(endpoint = "auth/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    crate::server::accounts::sign_out_everywhere().await
}
