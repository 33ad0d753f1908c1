//! Random text for tokens and identifiers: bytes from the operating system, written
//! as base64url without padding. Server-only; it imports no other module of the app,
//! so the error type and the store use it as well as the server layer.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;

/// `N` random bytes as base64url text.
pub fn random_text<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
