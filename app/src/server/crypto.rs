//! Random tokens and their keyed digests.
//!
//! A token that travels in a link or a cookie is 32 random bytes, base64url. The
//! database keeps only its HMAC-SHA-256 under the server secret, so a copy of the
//! database neither signs anybody in nor opens any link.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Length of a token in random bytes (256 bits).
const TOKEN_BYTES: usize = 32;

/// A fresh random token to hand to a person (in a link or cookie).
pub fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A short random reference shown with internal errors and written to the log.
pub fn reference_id() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Computes keyed digests of tokens; cheap to clone.
#[derive(Clone)]
pub struct TokenDigester {
    key: std::sync::Arc<[u8]>,
}

impl TokenDigester {
    /// A digester keyed with the server secret.
    pub fn new(secret: &[u8]) -> Self {
        Self { key: secret.into() }
    }

    /// The digest stored for `token`, hex-encoded. `purpose` separates the digests of
    /// different kinds of token, so a session id never works as a link token.
    pub fn digest(&self, purpose: &str, token: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(token.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
    }

    #[test]
    fn digests_depend_on_key_purpose_and_token() {
        let d = TokenDigester::new(b"first secret");
        let stored = d.digest("session", "abc");
        assert_eq!(d.digest("session", "abc"), stored);
        assert_ne!(d.digest("verify", "abc"), stored);
        assert_ne!(d.digest("session", "abd"), stored);
        assert_ne!(
            TokenDigester::new(b"other secret").digest("session", "abc"),
            stored
        );
    }
}
