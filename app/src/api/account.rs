//! One's own account: a forgotten password, and the Account page's changes of
//! password, display name and address.

use crate::core::link::LinkState;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::link::AddressLink;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::email::EmailAddress,
    crate::core::link::LinkKind,
    crate::core::password::check_new_password,
    crate::error::FieldError,
    crate::server::crypto::{new_token, purpose},
    crate::server::input::parse_name,
    crate::server::mail::account::{email_change_email, email_change_notice, password_reset_email},
    crate::server::session::{begin_session, client_address, require_user},
    crate::server::store::EmailChangeLetters,
    crate::server::throttle::{
        MAX_RESETS_PER_ADDRESS, MAX_RESETS_PER_CLIENT, RESET_WINDOW_SECONDS, minutes_until,
    },
    crate::server::{AppState, app_state},
};

/// Emails a link that sets a new password to `email`, if it has an account. The
/// answer is the same whether or not it has one.
#[server(endpoint = "account/request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(|e| AppError::field("email", e))?;
    let state = app_state()?;
    let now = state.clock.now();
    let address = format!("reset-email:{email}");
    let client = format!("reset-client:{}", client_address()?);
    let since = now - RESET_WINDOW_SECONDS;
    for (subject, limit) in [
        (&address, MAX_RESETS_PER_ADDRESS),
        (&client, MAX_RESETS_PER_CLIENT),
    ] {
        let (count, oldest) = state.store.requests_since(subject, since).await?;
        if count >= limit {
            let free_at = oldest.unwrap_or(now) + RESET_WINDOW_SECONDS;
            return Err(AppError::RateLimited(format!(
                "Too many reset requests. Try again in {}.",
                minutes_until(free_at, now)
            )));
        }
    }
    let token = new_token();
    let digest = state.digester.digest(purpose::PASSWORD_RESET, &token);
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

/// What the reset link with `token` would do; changes nothing, so a mail scanner
/// opening the link consumes nothing.
#[server(endpoint = "account/check_password_reset_link")]
pub async fn check_password_reset_link(token: String) -> Result<LinkState, AppError> {
    let state = app_state()?;
    match state.digester.link_digest(purpose::PASSWORD_RESET, &token) {
        Some(digest) => Ok(state
            .store
            .password_reset_status(&digest, state.clock.now())
            .await?),
        None => Ok(LinkState::Invalid),
    }
}

/// Sets a new password through a reset link, signs out every session of the account
/// and signs this browser in.
#[server(endpoint = "account/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    check_new_password(&password).map_err(|e| AppError::field("password", e))?;
    let state = app_state()?;
    let digest = state
        .digester
        .link_digest(purpose::PASSWORD_RESET, &token)
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

/// Changes the signed-in user's password (the current one is required); every other
/// session ends.
#[server(endpoint = "account/change_password")]
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
#[server(endpoint = "account/change_display_name")]
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

/// Asks to change the signed-in user's address (the current password is required):
/// it changes when the link sent to the new address is used.
#[server(endpoint = "account/request_email_change")]
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
    let digest = state.digester.digest(purpose::EMAIL_CHANGE, &token);
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
#[server(endpoint = "account/check_email_change_link")]
pub async fn check_email_change_link(token: String) -> Result<AddressLink, AppError> {
    let state = app_state()?;
    let Some(digest) = state.digester.link_digest(purpose::EMAIL_CHANGE, &token) else {
        return Ok(AddressLink::invalid());
    };
    let (link, email) = state
        .store
        .email_change_status(&digest, state.clock.now())
        .await?;
    Ok(AddressLink::new(link, email))
}

/// Uses an address-change link: the account takes the new address.
#[server(endpoint = "account/confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    let digest = state
        .digester
        .link_digest(purpose::EMAIL_CHANGE, &token)
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

/// Refuses unless `password` is the signed-in user's current one.
#[cfg(feature = "ssr")]
async fn check_current_password(
    state: &AppState,
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
