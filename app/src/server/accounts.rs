//! The account use cases behind the `auth` server functions.

use super::crypto::new_token;
use super::session::{
    SESSION_PURPOSE, begin_session, client_address, require_user, session_token, set_session_cookie,
};
use super::store::{Credentials, NewAccount};
use super::{app_state, mail, now};
use crate::api::auth::{LinkState, VerificationLink, check_registration};
use crate::core::email::EmailAddress;
use crate::core::password::MAX_PASSWORD_CHARS;
use crate::error::AppError;

/// Digest purpose of email verification tokens.
const VERIFY_PURPOSE: &str = "verify_email";
/// Failed sign-ins are counted over this window, in seconds.
const THROTTLE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins allowed for one address within the window.
const MAX_FAILURES_PER_ADDRESS: i64 = 5;
/// Failed sign-ins allowed from one client within the window.
const MAX_FAILURES_PER_CLIENT: i64 = 30;

fn wrong_credentials() -> AppError {
    AppError::field("", "Wrong email or password.")
}

/// Registers an account, or quietly emails the owner of an existing one.
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
        .register(account, now(), &verification, &already_registered)
        .await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Describes a verification link without using it.
pub async fn verification_link(token: String) -> Result<VerificationLink, AppError> {
    let state = app_state()?;
    let Some(digest) = state.digester.link_digest(VERIFY_PURPOSE, &token) else {
        return Ok(VerificationLink {
            state: LinkState::Invalid,
            email: None,
        });
    };
    let status = state.store.verification_status(&digest, now()).await?;
    let email = (status.state == LinkState::Valid)
        .then_some(status.email)
        .flatten();
    Ok(VerificationLink {
        state: status.state,
        email,
    })
}

/// Uses a verification link once; a used, expired or unknown one changes nothing.
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    let outcome = match state.digester.link_digest(VERIFY_PURPOSE, &token) {
        Some(digest) => {
            let outcome = state.store.verify_email(&digest, now()).await?;
            if !matches!(outcome, LinkState::Valid | LinkState::Invalid) {
                let reason = outcome.refusal_reason();
                state
                    .store
                    .record_refused_verification(&digest, reason, now())
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
        used_or_expired => Err(AppError::Conflict(
            used_or_expired.verification_message().to_owned(),
        )),
    }
}

/// Where to go after signing in: `next` when it is a path on this site, else Projects.
/// Anything else (`//evil.example`, `https://…`) could send the person elsewhere.
fn safe_next(next: Option<&str>) -> &str {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .unwrap_or("/projects")
}

/// Refuses the attempt when an address or client failed too often recently.
async fn check_throttle(subjects: &[(&str, i64)], now: i64) -> Result<(), AppError> {
    let state = app_state()?;
    for (subject, limit) in subjects {
        let (failures, oldest) = state
            .store
            .failed_sign_ins(subject, now - THROTTLE_WINDOW_SECONDS)
            .await?;
        if failures >= *limit {
            let free_at = oldest.unwrap_or(now) + THROTTLE_WINDOW_SECONDS;
            let minutes = ((free_at - now) + 59).div_euclid(60).max(1);
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            return Err(AppError::RateLimited(format!(
                "Too many failed sign-ins. Try again in {minutes} {unit}."
            )));
        }
    }
    Ok(())
}

/// Signs in: throttled, timing-safe for unknown addresses, with a fresh session id.
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
    let now = now();
    let address_subject = format!("email:{email}");
    let client_subject = format!("client:{}", client_address()?);
    check_throttle(
        &[
            (&address_subject, MAX_FAILURES_PER_ADDRESS),
            (&client_subject, MAX_FAILURES_PER_CLIENT),
        ],
        now,
    )
    .await?;
    let credentials = state.store.credentials(&email).await?;
    let acceptable_length = password.chars().count() <= MAX_PASSWORD_CHARS;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
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
    if !credentials.verified {
        return resend_verification(&credentials, &email, now).await;
    }
    begin_session(&state, credentials.user_id, None, now).await?;
    leptos_axum::redirect(safe_next(next.as_deref()));
    Ok(())
}

/// Answers a correct sign-in to an unverified account: a new link (at most every few
/// minutes) and a message saying where it went.
async fn resend_verification(
    account: &Credentials,
    email: &EmailAddress,
    now: i64,
) -> Result<(), AppError> {
    let state = app_state()?;
    let token = new_token();
    let public_url = &state.settings.public_url;
    let mail = mail::verification_email(public_url, email.as_str(), &account.display_name, &token);
    let digest = state.digester.digest(VERIFY_PURPOSE, &token);
    if state
        .store
        .resend_verification(account.user_id, &digest, now, &mail)
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

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/invite?token=abc")), "/invite?token=abc");
        for unsafe_next in [
            None,
            Some(""),
            Some("//evil.example"),
            Some("https://evil.example"),
            Some("/\\evil.example"),
        ] {
            assert_eq!(safe_next(unsafe_next), "/projects", "{unsafe_next:?}");
        }
    }
}
