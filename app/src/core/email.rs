//! Email addresses as Packagento stores and compares them.

use super::text::{is_hidden, nfc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest address accepted (RFC 5321 limits a forward path to 254 characters).
pub const MAX_EMAIL_LEN: usize = 254;

/// A syntactically plausible email address, trimmed, in NFC and lower-cased.
///
/// Invariant: non-empty local part and domain separated by exactly one `@`, the
/// domain has a dot that is neither first nor last, no whitespace, control,
/// invisible or bidi-control characters (see [`crate::core::text`]), no domain label
/// that mixes scripts (a Cyrillic `а` among Latin letters), at most
/// [`MAX_EMAIL_LEN`] characters. Two addresses that differ only in case or in
/// Unicode spelling (composed or decomposed `ë`) are the same address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

/// Why an address was refused, phrased for the person typing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Nothing was entered.
    #[error("Enter your email address.")]
    Empty,
    /// Longer than [`MAX_EMAIL_LEN`].
    #[error("That email address is too long.")]
    TooLong,
    /// Not of the form name@example.com.
    #[error("Enter an email address like name@example.com.")]
    Malformed,
    /// Holds a character that shows nothing or reorders the text around it.
    #[error(
        "This address holds an invisible or direction-changing character. Type it again without it."
    )]
    Hidden,
    /// A part of the domain mixes alphabets, the way look-alike domains do.
    #[error(
        "The domain mixes alphabets (for example a Cyrillic а among Latin letters). Check the address."
    )]
    MixedScript,
}

/// Whether `label` (one part of a domain) uses letters of more than one script;
/// digits, hyphens and marks belong to every script.
fn mixes_scripts(label: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    let mut scripts = label
        .chars()
        .map(|c| c.script())
        .filter(|script| !matches!(script, Script::Common | Script::Inherited));
    scripts
        .next()
        .is_some_and(|first| scripts.any(|other| other != first))
}

impl EmailAddress {
    /// Parses user input: trims it, lower-cases it and checks its shape.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > MAX_EMAIL_LEN {
            return Err(EmailError::TooLong);
        }
        if trimmed.chars().any(is_hidden) {
            return Err(EmailError::Hidden);
        }
        let lowered = nfc(trimmed).to_lowercase();
        let (local, domain) = lowered.split_once('@').ok_or(EmailError::Malformed)?;
        let well_formed = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !lowered
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'));
        if !well_formed {
            Err(EmailError::Malformed)
        } else if domain.split('.').any(mixes_scripts) {
            Err(EmailError::MixedScript)
        } else {
            Ok(Self(lowered))
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Alice@Example.COM ").expect("valid");
        assert_eq!(email.as_str(), "alice@example.com");
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse("   "), Err(EmailError::Empty));
        for bad in [
            "alice",
            "@example.com",
            "alice@",
            "alice@example",
            "alice@@example.com",
            "alice@.example.com",
            "alice@example.com.",
            "alice@exa..mple.com",
            "al ice@example.com",
            "alice@example.com>,bob@example.com",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Malformed),
                "{bad}"
            );
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn unicode_addresses_are_accepted_in_one_spelling() {
        let email = EmailAddress::parse("Zoë@bücher.de").expect("valid");
        assert_eq!(email.as_str(), "zoë@bücher.de");
        let decomposed = EmailAddress::parse("Zoe\u{308}@bu\u{308}cher.de").expect("valid");
        assert_eq!(decomposed, email);
        assert!(EmailAddress::parse("иван@пример.рф").is_ok(), "one script");
    }

    #[test]
    fn invisible_and_look_alike_addresses_are_refused() {
        for hidden in [
            "ali\u{200B}ce@acme.test",
            "alice\u{202E}@acme.test",
            "carol@acme.test\u{200B}",
            "\u{FEFF}bob@acme.test",
            "alice@exam\u{0}ple.com",
        ] {
            assert_eq!(
                EmailAddress::parse(hidden),
                Err(EmailError::Hidden),
                "{hidden:?}"
            );
        }
        assert_eq!(
            EmailAddress::parse("alice@\u{430}cme.test"),
            Err(EmailError::MixedScript)
        );
    }
}
