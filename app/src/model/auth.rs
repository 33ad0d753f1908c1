//! Who is signed in, and the checks of a registration.

use crate::core::display_name::DisplayName;
use crate::core::email::EmailAddress;
use crate::core::password::check_new_password;
use crate::error::{AppError, FieldError};
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
