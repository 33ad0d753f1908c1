//! The password policy for new accounts.

/// Fewest characters a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Most characters a password may have; bounds the cost of hashing it.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Shorter than [`MIN_PASSWORD_CHARS`].
    #[error("Use at least {MIN_PASSWORD_CHARS} characters.")]
    TooShort,
    /// Longer than [`MAX_PASSWORD_CHARS`].
    #[error("Use at most {MAX_PASSWORD_CHARS} characters.")]
    TooLong,
}

/// Checks a new password against the policy. Characters are counted as Unicode
/// scalar values, so a passphrase in any script is measured the way a person counts it.
pub fn check_new_password(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(PasswordError::TooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits_are_inclusive() {
        assert_eq!(
            check_new_password(&"a".repeat(9)),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_new_password(&"a".repeat(10)), Ok(()));
        assert_eq!(check_new_password(&"a".repeat(128)), Ok(()));
        assert_eq!(
            check_new_password(&"a".repeat(129)),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        assert_eq!(check_new_password(&"ü".repeat(10)), Ok(()));
        assert_eq!(check_new_password(&"ü".repeat(100)), Ok(()));
    }
}
