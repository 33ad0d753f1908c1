//! The account use cases behind the `auth` server functions: register, verify, sign
//! in and out.

use super::crypto::new_token;
use super::redirect::safe_next;
use super::session::{
    SESSION_PURPOSE, begin_session, client_address, require_user, session_token, set_session_cookie,
};
use super::store::{Credentials, NewAccount};
use super::{app_state, mail};
use crate::core::email::EmailAddress;
use crate::core::link::{LinkKind, LinkState};
use crate::core::password::MAX_PASSWORD_CHARS;
use crate::error::AppError;
use crate::model::auth::check_registration;
use crate::model::link::AddressLink;
use std::time::Duration;

/// Digest purpose of email verification tokens.
const VERIFY_PURPOSE: &str = "verify_email";
/// Failed sign-ins are counted over this window, in seconds.
pub(super) const THROTTLE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins allowed for one address within the window.
const MAX_FAILURES_PER_ADDRESS: i64 = 5;
/// Failed sign-ins from one client within the window after which its attempts are
/// checked one at a time (see [`wait_for_turn`]).
const MAX_FAILURES_PER_CLIENT: i64 = 30;
/// Time between two attempts of a client over its limit, in milliseconds.
const TURN_STEP_MS: i64 = 1_000;
/// Longest a client over its limit waits for its turn before being refused.
const MAX_TURN_WAIT_MS: i64 = 10_000;

fn wrong_credentials() -> AppError {
    AppError::field("", "Wrong email or password.")
}

/// Stores a registration and emails its verification link, or quietly emails the
/// owner of an existing account. The answer is the same either way.
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
        verification_digest: &state.digester.digest(VERIFY_PURPOSE, &token),
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

/// Describes a verification link without using it.
pub async fn verification_link(token: String) -> Result<AddressLink, AppError> {
    let state = app_state()?;
    let Some(digest) = state.digester.link_digest(VERIFY_PURPOSE, &token) else {
        return Ok(AddressLink::invalid());
    };
    let status = state
        .store
        .verification_status(&digest, state.clock.now())
        .await?;
    Ok(AddressLink::new(status.state, status.email))
}

/// Uses a verification link once: its registration becomes the account. A used,
/// expired, superseded or unknown one changes nothing.
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    let outcome = match state.digester.link_digest(VERIFY_PURPOSE, &token) {
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

/// Refuses the attempt when `subject` failed `limit` times within the window.
pub(super) async fn check_throttle(subject: &str, limit: i64, now: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (failures, oldest) = state
        .store
        .failed_sign_ins(subject, now - THROTTLE_WINDOW_SECONDS)
        .await?;
    if failures >= limit {
        let free_at = oldest.unwrap_or(now) + THROTTLE_WINDOW_SECONDS;
        return Err(AppError::RateLimited(format!(
            "Too many failed sign-ins. Try again in {}.",
            minutes_until(free_at, now)
        )));
    }
    Ok(())
}

/// "1 minute", "12 minutes": how long until `at`, rounded up.
pub(super) fn minutes_until(at: i64, now: i64) -> String {
    let minutes = ((at - now) + 59).div_euclid(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("{minutes} {unit}")
}

/// Slows a client that failed many sign-ins recently (credential stuffing across many
/// addresses, or everyone behind one proxy): its attempts are checked one at a time,
/// a second apart, across every server. A person with the right password behind the
/// same address still signs in, after a short wait; only when the queue is longer
/// than ten seconds is an attempt refused, to be tried again in a moment.
async fn wait_for_turn(client_subject: &str, now: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (failures, _) = state
        .store
        .failed_sign_ins(client_subject, now - THROTTLE_WINDOW_SECONDS)
        .await?;
    if failures < MAX_FAILURES_PER_CLIENT {
        return Ok(());
    }
    let now_ms = state.clock.now_millis();
    let turn = state
        .store
        .take_sign_in_turn(client_subject, now_ms, TURN_STEP_MS, MAX_TURN_WAIT_MS)
        .await?;
    let wait = turn.ok_or_else(|| {
        AppError::RateLimited(
            "Many sign-ins failed from your network just now. Try again in a minute.".to_owned(),
        )
    })?;
    tokio::time::sleep(Duration::from_millis(u64::try_from(wait).unwrap_or(0))).await;
    Ok(())
}

/// Signs in: throttled per address, slowed per client, timing-safe for unknown
/// addresses, with a fresh session id.
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
    check_throttle(&address_subject, MAX_FAILURES_PER_ADDRESS, now).await?;
    wait_for_turn(&client_subject, now).await?;
    let credentials = state.store.credentials(&email, now).await?;
    let acceptable_length = password.chars().count() <= MAX_PASSWORD_CHARS;
    let stored = credentials.as_ref().map(|c| c.password_hash().to_owned());
    let matched = state.passwords.verify(password, stored).await? && acceptable_length;
    let Some(credentials) = credentials.filter(|_| matched) else {
        let forget_before = now - THROTTLE_WINDOW_SECONDS;
        state
            .store
            .record_failed_sign_in(&[&address_subject, &client_subject], now, forget_before)
            .await?;
        return Err(wrong_credentials());
    };
    state.store.clear_failed_sign_ins(&address_subject).await?;
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

/// Answers the right password of a registration not yet verified: a new link (at
/// most every few minutes) and a message saying where it went.
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
    let digest = state.digester.digest(VERIFY_PURPOSE, &token);
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

/// Ends this browser's session, if it has one.
pub async fn sign_out() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(token) = session_token()? {
        state
            .store
            .end_session(&state.digester.digest(SESSION_PURPOSE, &token))
            .await?;
    }
    set_session_cookie(&state, None)?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Ends every session of the signed-in user.
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let caller = require_user().await?;
    caller.state.store.end_all_sessions(caller.user.id).await?;
    set_session_cookie(&caller.state, None)?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}
