//! How long access keys last: the lifetimes a key can be minted with, a workspace's
//! longest lifetime for new keys, and when an unused key is worth a look.

use super::dates::format_date;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The lifetimes a key can be minted with, in days; `None` never expires. A
/// workspace's longest lifetime is one of these too.
pub const LIFETIMES: [Option<i64>; 4] = [None, Some(30), Some(90), Some(365)];

/// Days before a key ends that its minter and the workspace's owners and admins are
/// told.
pub const WARNING_DAYS: i64 = 7;

/// Days without a use after which the keys list flags a key.
pub const UNUSED_DAYS: i64 = 90;

/// A lifetime's value in a form: `never`, or its days.
pub fn lifetime_value(days: Option<i64>) -> String {
    days.map_or_else(|| "never".to_owned(), |days| days.to_string())
}

/// A lifetime in words, as a key's lifetime ("Never expires", "90 days").
pub fn lifetime_words(days: Option<i64>) -> String {
    days.map_or_else(|| "Never expires".to_owned(), |days| format!("{days} days"))
}

/// The lifetimes a new key may have under the workspace's longest lifetime
/// `longest` (`None`: no limit), longest first.
pub fn lifetimes_within(longest: Option<i64>) -> Vec<Option<i64>> {
    let mut allowed: Vec<Option<i64>> = LIFETIMES
        .into_iter()
        .filter(|days| within(*days, longest))
        .collect();
    allowed.sort_by_key(|days| std::cmp::Reverse(days.unwrap_or(i64::MAX)));
    allowed
}

fn within(days: Option<i64>, longest: Option<i64>) -> bool {
    match (days, longest) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(days), Some(longest)) => days <= longest,
    }
}

/// Why a lifetime from a form was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifetimeError {
    /// Not one of [`LIFETIMES`].
    #[error("Choose how long the key lasts from the list.")]
    Unknown,
    /// Longer than the workspace allows.
    #[error("Keys of this workspace last at most {0} days.")]
    TooLong(i64),
}

/// Parses a lifetime (`never`, `30`, …) of a form: one of [`LIFETIMES`], and
/// nothing is `never`, as a call that does not say. With `longest`, the workspace's
/// longest lifetime for new keys, it must be within it.
pub fn parse_lifetime(value: &str, longest: Option<i64>) -> Result<Option<i64>, LifetimeError> {
    let value = match value.trim() {
        "" => "never",
        value => value,
    };
    let days = LIFETIMES
        .into_iter()
        .find(|days| lifetime_value(*days) == value)
        .ok_or(LifetimeError::Unknown)?;
    match longest {
        Some(longest) if !within(days, Some(longest)) => Err(LifetimeError::TooLong(longest)),
        _ => Ok(days),
    }
}

/// When a key minted at `now` with a lifetime of `days` expires.
pub fn expires_at(now: i64, days: Option<i64>) -> Option<i64> {
    days.map(|days| now.saturating_add(days.saturating_mul(DAY)))
}

/// Whether a key minted at `created_at` and last used at `last_used_at` has gone
/// [`UNUSED_DAYS`] without a use by `now`.
pub fn unused(created_at: i64, last_used_at: Option<i64>, now: i64) -> bool {
    now - last_used_at.unwrap_or(created_at) >= UNUSED_DAYS * DAY
}

/// What Composer is told of a key that expired at `expires_at`.
pub fn expired_message(expires_at: i64) -> String {
    format!(
        "This access key expired on {}. Ask a developer of the project for a new one.",
        format_date(expires_at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_limit_leaves_the_lifetimes_within_it() {
        assert_eq!(
            lifetimes_within(None),
            [None, Some(365), Some(90), Some(30)]
        );
        assert_eq!(lifetimes_within(Some(90)), [Some(90), Some(30)]);
        assert_eq!(lifetimes_within(Some(30)), [Some(30)]);
    }

    #[test]
    fn a_lifetime_is_one_of_the_list_and_within_the_limit() {
        assert_eq!(parse_lifetime("never", None), Ok(None));
        assert_eq!(parse_lifetime(" 90 ", None), Ok(Some(90)));
        assert_eq!(parse_lifetime("7", None), Err(LifetimeError::Unknown));
        assert_eq!(parse_lifetime("", None), Ok(None));
        assert_eq!(
            parse_lifetime("", Some(30)),
            Err(LifetimeError::TooLong(30))
        );
        assert_eq!(
            parse_lifetime("never", Some(90)),
            Err(LifetimeError::TooLong(90))
        );
        assert_eq!(
            parse_lifetime("365", Some(90)),
            Err(LifetimeError::TooLong(90))
        );
        assert_eq!(parse_lifetime("30", Some(90)), Ok(Some(30)));
    }

    #[test]
    fn expiry_and_disuse_are_counted_in_whole_days() {
        assert_eq!(expires_at(1_000, Some(30)), Some(1_000 + 30 * DAY));
        assert_eq!(expires_at(1_000, None), None);
        assert_eq!(expires_at(i64::MAX - 1, Some(365)), Some(i64::MAX));
        let created = 0;
        assert!(!unused(created, None, 89 * DAY));
        assert!(unused(created, None, 90 * DAY));
        assert!(!unused(created, Some(10 * DAY), 90 * DAY));
    }
}
