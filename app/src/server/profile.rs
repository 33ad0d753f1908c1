//! One's own account: a forgotten password, and the Account page's changes of
//! password, display name and address.

use super::accounts::minutes_until;
use super::crypto::new_token;
use super::mail::account::{email_change_email, email_change_notice, password_reset_email};
use super::session::{begin_session, client_address, require_user};
use super::store::EmailChangeLetters;
use super::{app_state, parse_name};
use crate::core::email::EmailAddress;
use crate::core::link::{LinkKind, LinkState};
use crate::core::password::check_new_password;
use crate::error::{AppError, FieldError};
use crate::model::auth::CurrentUser;
use crate::model::link::AddressLink;

/// Digest purpose of password reset tokens.
const RESET_PURPOSE: &str = "password_reset";
/// Digest purpose of address change tokens.
const EMAIL_CHANGE_PURPOSE: &str = "email_change";
/// Reset requests are counted over this window, in seconds.
const REQUEST_WINDOW_SECONDS: i64 = 60 * 60;
/// Reset requests for one address within the window.
const MAX_RESETS_PER_ADDRESS: i64 = 5;
/// Reset requests from one client within the window.
const MAX_RESETS_PER_CLIENT: i64 = 20;

/// Emails a reset link to `email` if it has an account. The answer, and the work
/// done, are the same for an address without one; counted per address and client.
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(|e| AppError::field("email", e))?;
    let state = app_state()?;
    let now = state.clock.now();
    let address = format!("reset-email:{email}");
    let client = format!("reset-client:{}", client_address()?);
    let since = now - REQUEST_WINDOW_SECONDS;
    for (subject, limit) in [
        (&address, MAX_RESETS_PER_ADDRESS),
        (&client, MAX_RESETS_PER_CLIENT),
    ] {
        let (count, oldest) = state.store.requests_since(subject, since).await?;
        if count >= limit {
            let free_at = oldest.unwrap_or(now) + REQUEST_WINDOW_SECONDS;
            return Err(AppError::RateLimited(format!(
                "Too many reset requests. Try again in {}.",
                minutes_until(free_at, now)
            )));
        }
    }
    let token = new_token();
    let digest = state.digester.digest(RESET_PURPOSE, &token);
    let public_url = &state.settings.public_url;
    state
        .store
        .request_password_reset(&email, &digest, &[&address, &client], now, since, || {
            password_reset_email(public_url, email.as_str(), &token)
        })
        .await?;
    state.mail_queued.notify_one();
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// What the reset link with `token` would do; changes nothing.
pub async fn password_reset_link(token: String) -> Result<LinkState, AppError> {
    let state = app_state()?;
    match state.digester.link_digest(RESET_PURPOSE, &token) {
        Some(digest) => Ok(state
            .store
            .password_reset_status(&digest, state.clock.now())
            .await?),
        None => Ok(LinkState::Invalid),
    }
}

/// Sets a new password through a reset link: every session of the account ends, and
/// this browser is signed in afresh.
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    check_new_password(&password).map_err(|e| AppError::field("password", e))?;
    let state = app_state()?;
    let digest = state
        .digester
        .link_digest(RESET_PURPOSE, &token)
        .ok_or(AppError::NotFound)?;
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    match state
        .store
        .reset_password(&digest, &password_hash, now)
        .await?
    {
        Ok(user_id) => {
            begin_session(&state, user_id, None, now).await?;
            leptos_axum::redirect("/projects");
            Ok(())
        }
        Err(LinkState::Invalid) => Err(AppError::NotFound),
        Err(refused) => Err(AppError::Conflict(
            refused.message(LinkKind::PasswordReset).to_owned(),
        )),
    }
}

/// Refuses unless `password` is the signed-in user's current one.
async fn check_current_password(
    state: &super::AppState,
    user_id: i64,
    password: String,
) -> Result<(), AppError> {
    let stored = state.store.password_hash_of(user_id).await?;
    if state.passwords.verify(password, Some(stored)).await? {
        Ok(())
    } else {
        Err(AppError::field(
            "current_password",
            "That is not your current password.",
        ))
    }
}

/// Changes the signed-in user's password; every other session ends.
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    check_new_password(&new_password).map_err(|e| AppError::field("new_password", e))?;
    let caller = require_user().await?;
    let state = &caller.state;
    check_current_password(state, caller.user.id, current_password).await?;
    let password_hash = state.passwords.hash(new_password).await?;
    state
        .store
        .change_password(
            caller.user.id,
            &password_hash,
            &caller.session_digest,
            state.clock.now(),
        )
        .await?;
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}

/// Changes the name the signed-in user is shown by.
pub async fn change_display_name(display_name: String) -> Result<CurrentUser, AppError> {
    let name = parse_name("display_name", &display_name, "Enter the name to show.")?;
    let caller = require_user().await?;
    caller
        .state
        .store
        .rename_user(caller.user.id, name.as_str())
        .await?;
    leptos_axum::redirect("/account?saved=name");
    Ok(CurrentUser {
        display_name: name.as_str().to_owned(),
        ..caller.user
    })
}

/// Asks to change the signed-in user's address: a link goes to the new address, a
/// notice to the current one, and nothing changes until the link is used. The answer
/// does not say whether the new address has an account.
pub async fn request_email_change(email: String, current_password: String) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(|e| FieldError::new("email", e));
    let caller = require_user().await?;
    let email = email.map_err(|e| AppError::Invalid(vec![e]))?;
    if email.as_str() == caller.user.email {
        return Err(AppError::field("email", "That is already your address."));
    }
    let state = &caller.state;
    check_current_password(state, caller.user.id, current_password).await?;
    let token = new_token();
    let digest = state.digester.digest(EMAIL_CHANGE_PURPOSE, &token);
    let public_url = &state.settings.public_url;
    let letters = EmailChangeLetters {
        confirm: email_change_email(
            public_url,
            email.as_str(),
            &caller.user.display_name,
            &token,
        ),
        notice: email_change_notice(public_url, &caller.user.email, email.as_str()),
    };
    state
        .store
        .request_email_change(caller.user.id, &email, &digest, state.clock.now(), letters)
        .await?;
    state.mail_queued.notify_one();
    leptos_axum::redirect("/account?saved=email");
    Ok(())
}

/// What the address-change link with `token` would do; changes nothing.
pub async fn email_change_link(token: String) -> Result<AddressLink, AppError> {
    let state = app_state()?;
    let Some(digest) = state.digester.link_digest(EMAIL_CHANGE_PURPOSE, &token) else {
        return Ok(AddressLink::invalid());
    };
    let (link, email) = state
        .store
        .email_change_status(&digest, state.clock.now())
        .await?;
    Ok(AddressLink::new(link, email))
}

/// Uses an address-change link: the account takes the new address.
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    let digest = state
        .digester
        .link_digest(EMAIL_CHANGE_PURPOSE, &token)
        .ok_or(AppError::NotFound)?;
    match state
        .store
        .confirm_email_change(&digest, state.clock.now())
        .await?
    {
        LinkState::Valid => {
            leptos_axum::redirect("/account?saved=email-changed");
            Ok(())
        }
        LinkState::Invalid => Err(AppError::NotFound),
        refused => Err(AppError::Conflict(
            refused.message(LinkKind::EmailChange).to_owned(),
        )),
    }
}
