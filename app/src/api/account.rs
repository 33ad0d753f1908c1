//! One's own account: a forgotten password, and the Account page's changes of
//! password, display name and address.

use crate::core::link::LinkState;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::link::AddressLink;
use leptos::prelude::*;

/// Emails a link that sets a new password to `email`, if it has an account. The
/// answer is the same whether or not it has one.
#[server(endpoint = "account/request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    crate::server::profile::request_password_reset(email).await
}

/// What the reset link with `token` would do; changes nothing, so a mail scanner
/// opening the link consumes nothing.
#[server(endpoint = "account/check_password_reset_link")]
pub async fn check_password_reset_link(token: String) -> Result<LinkState, AppError> {
    crate::server::profile::password_reset_link(token).await
}

/// Sets a new password through a reset link, signs out every session of the account
/// and signs this browser in.
#[server(endpoint = "account/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::server::profile::reset_password(token, password).await
}

/// Changes the signed-in user's password (the current one is required); every other
/// session ends.
#[server(endpoint = "account/change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    crate::server::profile::change_password(current_password, new_password).await
}

/// Changes the name the signed-in user is shown by.
#[server(endpoint = "account/change_display_name")]
pub async fn change_display_name(display_name: String) -> Result<CurrentUser, AppError> {
    crate::server::profile::change_display_name(display_name).await
}

/// Asks to change the signed-in user's address (the current password is required):
/// it changes when the link sent to the new address is used.
#[server(endpoint = "account/request_email_change")]
pub async fn request_email_change(email: String, current_password: String) -> Result<(), AppError> {
    crate::server::profile::request_email_change(email, current_password).await
}

/// What the address-change link with `token` would do; changes nothing.
#[server(endpoint = "account/check_email_change_link")]
pub async fn check_email_change_link(token: String) -> Result<AddressLink, AppError> {
    crate::server::profile::email_change_link(token).await
}

/// Uses an address-change link: the account takes the new address.
#[server(endpoint = "account/confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    crate::server::profile::confirm_email_change(token).await
}
