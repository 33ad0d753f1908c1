//! The shape of a project access key: `pkgt_`, 43 characters of base64url (32 random
//! bytes), then a 6-character base62 CRC-32 of those 43 characters.
//!
//! The prefix and checksum let secret scanners recognise a leaked key without asking
//! the server, and let the server refuse a mistyped key without a database lookup.

/// Every key starts with this.
pub const PREFIX: &str = "pkgt_";

/// Length of the random part: 32 bytes in unpadded base64url.
const BODY_CHARS: usize = 43;

/// Length of the checksum in base62.
const CHECKSUM_CHARS: usize = 6;

/// The full length of a key.
pub const KEY_CHARS: usize = PREFIX.len() + BODY_CHARS + CHECKSUM_CHARS;

use super::crc32::crc32;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The checksum of a key's random part, 6 base62 characters.
fn checksum(body: &str) -> String {
    let mut value = crc32(body.as_bytes());
    let mut digits = [b'0'; CHECKSUM_CHARS];
    for digit in digits.iter_mut().rev() {
        *digit = BASE62[(value % 62) as usize];
        value /= 62;
    }
    digits.iter().map(|&b| char::from(b)).collect()
}

/// The key for a random part (43 base64url characters).
pub fn assemble(body: &str) -> String {
    format!("{PREFIX}{body}{}", checksum(body))
}

/// Whether `key` has the shape of a key and a correct checksum.
pub fn is_well_formed(key: &str) -> bool {
    let Some(rest) = key.strip_prefix(PREFIX) else {
        return false;
    };
    if rest.len() != BODY_CHARS + CHECKSUM_CHARS || !rest.is_ascii() {
        return false;
    }
    let (body, sum) = rest.split_at(BODY_CHARS);
    body.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && sum == checksum(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "q2w3e4r5t6y7u8i9o0pAaSsDdFfGgHhJjKkLlZzXx-_";

    #[test]
    fn assembled_keys_are_recognised_and_altered_ones_are_not() {
        let key = assemble(BODY);
        assert_eq!(key.len(), KEY_CHARS);
        assert!(key.starts_with("pkgt_"));
        assert!(is_well_formed(&key));
        let mut altered = key.clone().into_bytes();
        altered[10] = if altered[10] == b'a' { b'b' } else { b'a' };
        assert!(!is_well_formed(&String::from_utf8(altered).expect("ascii")));
        assert!(!is_well_formed(&key[..KEY_CHARS - 1]));
        assert!(!is_well_formed(&key.replace("pkgt_", "pkgx_")));
        assert!(!is_well_formed(""));
        assert!(!is_well_formed(&format!("{key}é")));
    }
}
