//! Random tokens, their keyed digests and the purposes they are digested under, and
//! project access keys.
//!
//! A token that travels in a link or a cookie is 32 random bytes, base64url. The
//! database keeps only its HMAC-SHA-256 under the server secret, so a copy of the
//! database neither signs anybody in nor opens any link.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use sha2::Sha256;

use super::AppState;
use super::store::KeyMaterial;
use crate::core::access_key;
use crate::error::{AppError, internal_error};
use crate::random::random_text;

/// The purposes tokens are digested under, one per kind of token, so that no kind
/// works as another (see [`TokenDigester::digest`]).
pub mod purpose {
    /// Session cookies.
    pub const SESSION: &str = "session";
    /// Links that verify a new registration's address.
    pub const VERIFY_EMAIL: &str = "verify_email";
    /// Links that set a new password.
    pub const PASSWORD_RESET: &str = "password_reset";
    /// Links that confirm an account's new address.
    pub const EMAIL_CHANGE: &str = "email_change";
    /// Invite links.
    pub const INVITE: &str = "invite";
    /// Share links.
    pub const SHARE: &str = "share";
    /// Project access keys, which Composer presents.
    pub const PROJECT_KEY: &str = "project-key";
    /// Licence codes from vendors.
    pub const LICENCE_CODE: &str = "licence-code";
}

/// Length of a token in random bytes (256 bits).
const TOKEN_BYTES: usize = 32;

/// A fresh random token to hand to a person (in a link or cookie).
pub fn new_token() -> String {
    random_text::<TOKEN_BYTES>()
}

/// A fresh project access key: its value, and what the database keeps of it.
///
/// A key is `pkgt_` + 32 random bytes + a checksum. The database keeps its keyed
/// digest, to authenticate Composer, and a copy sealed under the server secret, so
/// developers can read it again. Values never reach a log: they travel only in
/// responses to developers, which are never cached.
pub fn new_key(state: &AppState) -> Result<(String, KeyMaterial), AppError> {
    let value = access_key::assemble(&new_token());
    let digest = state.digester.digest(purpose::PROJECT_KEY, &value);
    let sealed = state.sealer.seal(&value, &digest)?;
    Ok((value, KeyMaterial { digest, sealed }))
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

    /// The digest of a token taken from a link, or `None` when it cannot be one of
    /// ours (empty, or longer than any token we make).
    pub fn link_digest(&self, purpose: &str, token: &str) -> Option<String> {
        const MAX_LINK_TOKEN_CHARS: usize = 128;
        (!token.is_empty() && token.len() <= MAX_LINK_TOKEN_CHARS)
            .then(|| self.digest(purpose, token))
    }
}

/// Encrypts secrets that must be read again (project access keys) under a key
/// derived from the server secret, with ChaCha20-Poly1305; cheap to clone.
#[derive(Clone)]
pub struct Sealer {
    key: std::sync::Arc<LessSafeKey>,
}

impl Sealer {
    /// A sealer keyed with a key derived from the server secret.
    pub fn new(secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(b"packagento sealing key");
        let derived = mac.finalize().into_bytes();
        let key = UnboundKey::new(&CHACHA20_POLY1305, &derived)
            .unwrap_or_else(|_| unreachable!("a SHA-256 output is a ChaCha20 key"));
        Self {
            key: std::sync::Arc::new(LessSafeKey::new(key)),
        }
    }

    /// `plaintext` encrypted and bound to `context` (which must be given again to
    /// open it), as base64url of a random nonce followed by the ciphertext.
    pub fn seal(&self, plaintext: &str, context: &str) -> Result<String, AppError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut sealed = plaintext.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut sealed,
            )
            .map_err(|_| internal_error("sealing failed"))?;
        let mut stored = nonce.to_vec();
        stored.extend_from_slice(&sealed);
        Ok(URL_SAFE_NO_PAD.encode(stored))
    }

    /// The plaintext of what [`Sealer::seal`] made with the same `context`.
    pub fn open(&self, sealed: &str, context: &str) -> Result<String, AppError> {
        let stored = URL_SAFE_NO_PAD
            .decode(sealed)
            .map_err(|_| internal_error("a sealed value is not base64"))?;
        if stored.len() < NONCE_LEN {
            return Err(internal_error("a sealed value is too short"));
        }
        let (nonce, ciphertext) = stored.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce)
            .map_err(|_| internal_error("a sealed value has a bad nonce"))?;
        let mut buffer = ciphertext.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut buffer)
            .map_err(|_| internal_error("a sealed value does not open under this secret"))?;
        String::from_utf8(plain.to_vec()).map_err(|_| internal_error("a sealed value is not text"))
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

    #[test]
    fn sealed_values_open_only_with_their_secret_and_context() {
        let sealer = Sealer::new(b"a server secret of some length");
        let sealed = sealer.seal("pkgt_value", "digest-1").expect("sealed");
        assert!(!sealed.contains("pkgt_value"));
        assert_ne!(
            sealer.seal("pkgt_value", "digest-1").expect("sealed"),
            sealed
        );
        assert_eq!(
            sealer.open(&sealed, "digest-1").expect("opened"),
            "pkgt_value"
        );
        assert!(sealer.open(&sealed, "digest-2").is_err());
        assert!(
            Sealer::new(b"another secret")
                .open(&sealed, "digest-1")
                .is_err()
        );
        assert!(sealer.open("not base64!", "digest-1").is_err());
    }
}
