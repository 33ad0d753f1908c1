//! Accounts: register, verify the address, sign in, sign out.

use crate::core::display_name::DisplayName;
use crate::core::email::EmailAddress;
use crate::core::link::LinkState;
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
