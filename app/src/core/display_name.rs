//! The name a person shows to others.

use super::text::{has_visible, is_hidden, nfc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most characters a display name may have.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// A trimmed display name in NFC with something visible in it, without control,
/// invisible or bidi-control characters (see [`crate::core::text`]), at most
/// [`MAX_DISPLAY_NAME_CHARS`] characters long. Pages show it isolated (`<bdi>`), so
/// even right-to-left letters in it cannot reorder the text around it.
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
    /// Contains a control character such as a line break, or an invisible or
    /// direction-changing one.
    #[error("Use letters, digits, spaces and punctuation only.")]
    ControlCharacter,
}

impl DisplayName {
    /// Parses user input into a display name.
    pub fn parse(input: &str) -> Result<Self, DisplayNameError> {
        let normalised = nfc(input.trim());
        if normalised.chars().any(is_hidden) {
            Err(DisplayNameError::ControlCharacter)
        } else if !has_visible(&normalised) {
            Err(DisplayNameError::Empty)
        } else if normalised.chars().count() > MAX_DISPLAY_NAME_CHARS {
            Err(DisplayNameError::TooLong)
        } else {
            Ok(Self(normalised))
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
        for hidden in ["Evil\u{202E}exe.txt", "Ann\u{200B}", "\u{2066}Bob"] {
            assert_eq!(
                DisplayName::parse(hidden),
                Err(DisplayNameError::ControlCharacter),
                "{hidden:?}"
            );
        }
        assert_eq!(
            DisplayName::parse("\u{301}\u{301}\u{301}"),
            Err(DisplayNameError::Empty)
        );
        assert_eq!(
            DisplayName::parse("Zoe\u{308}").expect("valid").as_str(),
            "Zo\u{eb}"
        );
    }
}
