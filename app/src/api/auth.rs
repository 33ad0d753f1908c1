//! Accounts: register, verify the address, sign in, sign out.

use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::link::AddressLink;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::email::EmailAddress,
    crate::core::link::{LinkKind, LinkState},
    crate::core::password::MAX_PASSWORD_CHARS,
    crate::model::auth::check_registration,
    crate::server::crypto::{new_token, purpose},
    crate::server::redirect::safe_next,
    crate::server::session::{
        begin_session, client_address, require_user, session_token, set_session_cookie,
    },
    crate::server::store::{Credentials, NewAccount},
    crate::server::throttle::{
        MAX_FAILURES_PER_ADDRESS, check_throttle, record_failure, wait_for_turn,
    },
    crate::server::{app_state, mail},
};

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
    let (email, display_name) = check_registration(&email, &display_name, &password)?;
    let state = app_state()?;
    let password_hash = state.passwords.hash(password).await?;
    let token = new_token();
    let public_url = &state.settings.public_url;
    let verification =
        mail::verification_email(public_url, email.as_str(), display_name.as_str(), &token);
    let already_registered = mail::account_exists_email(public_url, email.as_str());
    let account = NewAccount {
        email: &email,
        display_name: &display_name,
        password_hash: &password_hash,
        verification_digest: &state.digester.digest(purpose::VERIFY_EMAIL, &token),
    };
    state
        .store
        .register(
            account,
            state.clock.now(),
            &verification,
            &already_registered,
        )
        .await?;
    state.mail_queued.notify_one();
    leptos_axum::redirect("/register?sent=1");
    Ok(())
}

/// What the verification link with `token` would do; changes nothing, so a mail
/// scanner opening the link consumes nothing.
#[server(endpoint = "auth/check_verification_link")]
pub async fn check_verification_link(token: String) -> Result<AddressLink, AppError> {
    let state = app_state()?;
    let Some(digest) = state.digester.link_digest(purpose::VERIFY_EMAIL, &token) else {
        return Ok(AddressLink::invalid());
    };
    let status = state
        .store
        .verification_status(&digest, state.clock.now())
        .await?;
    Ok(AddressLink::new(status.state, status.email))
}

/// Uses a verification link, then sends the person to sign in.
#[server(endpoint = "auth/verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    let outcome = match state.digester.link_digest(purpose::VERIFY_EMAIL, &token) {
        Some(digest) => {
            let outcome = state.store.verify_email(&digest, state.clock.now()).await?;
            if !matches!(outcome, LinkState::Valid | LinkState::Invalid) {
                let reason = outcome.refusal_reason();
                state
                    .store
                    .record_refused_verification(&digest, reason, state.clock.now())
                    .await?;
            }
            outcome
        }
        None => LinkState::Invalid,
    };
    match outcome {
        LinkState::Valid => {
            leptos_axum::redirect("/sign-in?verified=1");
            Ok(())
        }
        LinkState::Invalid => Err(AppError::NotFound),
        refused => Err(AppError::Conflict(
            refused.message(LinkKind::Verification).to_owned(),
        )),
    }
}

/// Signs in with email and password, starting a new session, then goes to `next`
/// (a path on this site) or to Projects.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(&email).map_err(|e| AppError::field("email", e))?;
    if password.is_empty() {
        return Err(AppError::field("password", "Enter your password."));
    }
    let state = app_state()?;
    let now = state.clock.now();
    let address_subject = format!("email:{email}");
    let client_subject = format!("client:{}", client_address()?);
    check_throttle(&address_subject, MAX_FAILURES_PER_ADDRESS, "sign-ins", now).await?;
    wait_for_turn(&client_subject, now).await?;
    let credentials = state.store.credentials(&email, now).await?;
    let acceptable_length = password.chars().count() <= MAX_PASSWORD_CHARS;
    let stored = credentials.as_ref().map(|c| c.password_hash().to_owned());
    let matched = state.passwords.verify(password, stored).await? && acceptable_length;
    let Some(credentials) = credentials.filter(|_| matched) else {
        record_failure(&[&address_subject, &client_subject], now).await?;
        return Err(wrong_credentials());
    };
    state.store.clear_failed_attempts(&address_subject).await?;
    match credentials {
        Credentials::Account { user_id, .. } => {
            begin_session(&state, user_id, None, now).await?;
            leptos_axum::redirect(&safe_next(&state.settings.public_url, next.as_deref()));
            Ok(())
        }
        Credentials::Pending {
            registration_id,
            display_name,
            ..
        } => resend_verification(registration_id, &display_name, &email, now).await,
    }
}

/// Ends this browser's session.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(token) = session_token()? {
        state
            .store
            .end_session(&state.digester.digest(purpose::SESSION, &token))
            .await?;
    }
    set_session_cookie(&state, None)?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Ends every session of the signed-in user, on every device.
#[server(endpoint = "auth/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let caller = require_user().await?;
    caller.state.store.end_all_sessions(caller.user.id).await?;
    set_session_cookie(&caller.state, None)?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// The one answer to a wrong address or password, whichever it was.
#[cfg(feature = "ssr")]
fn wrong_credentials() -> AppError {
    AppError::field("", "Wrong email or password.")
}

/// Answers the right password of a registration not yet verified: a new link (at
/// most every few minutes) and a message saying where it went.
#[cfg(feature = "ssr")]
async fn resend_verification(
    registration_id: i64,
    display_name: &str,
    email: &EmailAddress,
    now: i64,
) -> Result<(), AppError> {
    let state = app_state()?;
    let token = new_token();
    let public_url = &state.settings.public_url;
    let mail = mail::verification_email(public_url, email.as_str(), display_name, &token);
    let digest = state.digester.digest(purpose::VERIFY_EMAIL, &token);
    if state
        .store
        .resend_verification(registration_id, &digest, now, &mail)
        .await?
    {
        state.mail_queued.notify_one();
    }
    Err(AppError::Forbidden(format!(
        "Verify your email address first: we sent a link to {email}. Open it, then sign in."
    )))
}
