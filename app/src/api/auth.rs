//! Accounts: register, verify the address, sign in, sign out.

use crate::core::display_name::DisplayName;
use crate::core::email::EmailAddress;
use crate::core::password::check_new_password;
use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person, as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The account id.
    pub id: i64,
    /// The verified address, normalised.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
}

/// What an emailed link would do if used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// It works.
    Valid,
    /// It was used already.
    Used,
    /// It is past its expiry.
    Expired,
    /// Its sender withdrew it.
    Revoked,
    /// No such link exists.
    Invalid,
}

/// Why a link was refused when the account using it is not the one it was sent to.
pub const SENT_TO_ANOTHER_ADDRESS: &str = "signed in as another account";

impl LinkState {
    /// Why a link in this state was refused, as the sender's activity feed says it.
    pub fn refusal_reason(self) -> &'static str {
        match self {
            Self::Used => "already used",
            Self::Expired => "expired",
            Self::Revoked => "withdrawn",
            Self::Valid | Self::Invalid => "not valid",
        }
    }

    /// What to tell a person who opened a verification link in this state.
    pub fn verification_message(self) -> &'static str {
        match self {
            Self::Valid => "This link verifies your email address.",
            Self::Used => {
                "This link was already used, so your address is verified. Sign in to continue."
            }
            Self::Expired => "This link has expired. Sign in and we will send you a new one.",
            Self::Revoked => "This link was withdrawn. Sign in and we will send you a new one.",
            Self::Invalid => {
                "This link is not valid. Check that you opened the whole address from the email."
            }
        }
    }
}

impl LinkState {
    /// What to tell a person who opened an invite link in this state.
    pub fn invite_message(self) -> &'static str {
        match self {
            Self::Valid => "This invite is waiting for you.",
            Self::Used => "This invite was already accepted. Sign in to reach the workspace.",
            Self::Expired => "This invite has expired. Ask whoever invited you to re-issue it.",
            Self::Revoked => "This invite was revoked. Ask whoever invited you for a new one.",
            Self::Invalid => {
                "This invite link is not valid. Check that you opened the whole address from the email."
            }
        }
    }

    /// What to tell a person who opened a share link in this state.
    pub fn share_message(self) -> &'static str {
        match self {
            Self::Valid => "This share is waiting for you.",
            Self::Used => {
                "This share was already accepted. Sign in to find the project under Shared with me."
            }
            Self::Expired => "This share has expired. Ask whoever shared the project to resend it.",
            Self::Revoked => {
                "This share was cancelled or revoked. Ask whoever shared the project for a new one."
            }
            Self::Invalid => {
                "This share link is not valid. Check that you opened the whole address from the email."
            }
        }
    }
}

/// A verification link as its page shows it, before anything is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationLink {
    /// Whether it can be used.
    pub state: LinkState,
    /// The address it verifies, when it can be used.
    pub email: Option<String>,
}

/// Checks the display name and password of a new account; every problem is
/// reported against its field.
pub fn check_profile(display_name: &str, password: &str) -> Result<DisplayName, Vec<FieldError>> {
    let name = DisplayName::parse(display_name).map_err(|e| FieldError::new("display_name", e));
    let password = check_new_password(password).map_err(|e| FieldError::new("password", e));
    match (name, password) {
        (Ok(name), Ok(())) => Ok(name),
        (name, password) => Err([name.err(), password.err()].into_iter().flatten().collect()),
    }
}

/// Checks a registration form; every problem is reported against its field.
pub fn check_registration(
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<(EmailAddress, DisplayName), AppError> {
    let email = EmailAddress::parse(email).map_err(|e| FieldError::new("email", e));
    match (email, check_profile(display_name, password)) {
        (Ok(email), Ok(name)) => Ok((email, name)),
        (email, profile) => Err(AppError::Invalid(
            email
                .err()
                .into_iter()
                .chain(profile.err().into_iter().flatten())
                .collect(),
        )),
    }
}

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
pub async fn check_verification_link(token: String) -> Result<VerificationLink, AppError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_reports_every_bad_field() {
        let error = check_registration("nope", " ", "short").expect_err("invalid");
        for field in ["email", "display_name", "password"] {
            assert!(error.message_for(field).is_some(), "{field}");
        }
        let (email, name) =
            check_registration(" Ann@Example.org", "Ann", "long enough pass").expect("valid");
        assert_eq!((email.as_str(), name.as_str()), ("ann@example.org", "Ann"));
    }
}
