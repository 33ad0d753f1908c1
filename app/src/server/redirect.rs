//! Where a person may be sent after signing in: only to a page of this app.
//!
//! A `next` value comes from the query string of the sign-in page, so anyone can
//! write one into a link. Browsers forgive a lot when they read a URL (they drop tabs
//! and line breaks, and read `\` as `/`), so `/\t/evil.test` becomes
//! `//evil.test`, another site. The rules below accept only a plain path of this app,
//! and a value that also reaches a `Location` header can hold nothing a header cannot.

use url::{Position, Url};

/// Where to go when `next` is missing or refused.
pub const DEFAULT_NEXT: &str = "/projects";

/// Longest `next` accepted; longer ones are refused.
const MAX_NEXT_CHARS: usize = 2_000;

/// How many rounds of percent-decoding are checked too (`%2509` is `%09` once
/// decoded, a tab twice).
const DECODING_ROUNDS: usize = 3;

/// The path to send a person to after signing in: `next` when it is a plain path of
/// the app at `public_url`, else [`DEFAULT_NEXT`].
pub fn safe_next(public_url: &str, next: Option<&str>) -> String {
    next.and_then(|next| checked(public_url, next))
        .unwrap_or_else(|| DEFAULT_NEXT.to_owned())
}

fn checked(public_url: &str, next: &str) -> Option<String> {
    if next.chars().count() > MAX_NEXT_CHARS || !plain_path(next) {
        return None;
    }
    let mut decoded = next.to_owned();
    for _ in 0..DECODING_ROUNDS {
        let once = percent_decode(&decoded)?;
        if !plain_path(&once) {
            return None;
        }
        decoded = once;
    }
    let base = Url::parse(public_url).ok()?;
    let resolved = base.join(next).ok()?;
    (resolved.origin() == base.origin()).then(|| resolved[Position::BeforePath..].to_owned())
}

/// A path that starts with one `/` and holds no backslash, whitespace or control
/// character anywhere.
fn plain_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
}

/// `text` with its `%XX` escapes decoded; `None` when that is not UTF-8 (refused).
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "https://packages.example.com";

    #[test]
    fn paths_of_the_app_are_followed() {
        for (next, expected) in [
            ("/invite?token=abc", "/invite?token=abc"),
            (
                "/projects/7/members?q=ann&page=2",
                "/projects/7/members?q=ann&page=2",
            ),
            ("/org", "/org"),
            ("/a/../org", "/org"),
            ("/caf%C3%A9", "/caf%C3%A9"),
        ] {
            assert_eq!(safe_next(APP, Some(next)), expected, "{next:?}");
        }
    }

    #[test]
    fn known_bypasses_go_to_projects() {
        for next in [
            "",
            "projects",
            "//evil.test",
            "///evil.test",
            "/\\evil.test",
            "\\\\evil.test",
            "/\t/evil.test",
            "/%09/evil.test",
            "/%2509/evil.test",
            "/%252509/evil.test",
            "/%5Cevil.test",
            "/%5cevil.test",
            "/%2F/evil.test",
            "/%2f%2fevil.test",
            "\t/evil.test",
            "/\n/x",
            "/\r\nSet-Cookie: a=b",
            "/%0d%0aSet-Cookie:%20a=b",
            "javascript:alert(1)",
            "/javascript:alert(1)//%0a",
            "http:evil.test",
            "http://evil.test",
            "https://packages.example.com.evil.test/",
            "https:/evil.test",
            " /org",
            "/org\u{0}",
            "/\u{2028}/evil.test",
            "/\u{3000}/evil.test",
            "/%E2%80%A8/evil.test",
            "/%ff",
        ] {
            assert_eq!(safe_next(APP, Some(next)), DEFAULT_NEXT, "{next:?}");
        }
        assert_eq!(safe_next(APP, None), DEFAULT_NEXT);
        let long = format!("/{}", "a".repeat(MAX_NEXT_CHARS));
        assert_eq!(safe_next(APP, Some(&long)), DEFAULT_NEXT);
    }
}
