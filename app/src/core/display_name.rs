//! The name a person shows to others.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Most characters a display name may have.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// A trimmed, non-empty display name without control characters, at most
/// [`MAX_DISPLAY_NAME_CHARS`] characters long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

/// Why a display name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    /// Nothing but whitespace was entered.
    #[error("Enter your name.")]
    Empty,
    /// Longer than [`MAX_DISPLAY_NAME_CHARS`].
    #[error("Use at most {MAX_DISPLAY_NAME_CHARS} characters.")]
    TooLong,
    /// Contains a control character such as a line break.
    #[error("Use letters, digits, spaces and punctuation only.")]
    ControlCharacter,
}

impl DisplayName {
    /// Parses user input into a display name.
    pub fn parse(input: &str) -> Result<Self, DisplayNameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            Err(DisplayNameError::Empty)
        } else if trimmed.chars().count() > MAX_DISPLAY_NAME_CHARS {
            Err(DisplayNameError::TooLong)
        } else if trimmed.chars().any(char::is_control) {
            Err(DisplayNameError::ControlCharacter)
        } else {
            Ok(Self(trimmed.to_owned()))
        }
    }

    /// The name as entered, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            DisplayName::parse("  Alice Liddell ")
                .expect("valid")
                .as_str(),
            "Alice Liddell"
        );
    }

    #[test]
    fn bad_names_are_refused() {
        assert_eq!(DisplayName::parse(" \t "), Err(DisplayNameError::Empty));
        assert_eq!(
            DisplayName::parse(&"x".repeat(81)),
            Err(DisplayNameError::TooLong)
        );
        assert_eq!(
            DisplayName::parse("Bob\nSmith"),
            Err(DisplayNameError::ControlCharacter)
        );
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
    }
}
