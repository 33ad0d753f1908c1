//! Paged lists: how many rows a page holds and which pages exist.
//!
//! A page number comes from a request, so it is clamped before any arithmetic: a
//! negative page is the first, one past the end is the last, and no page number,
//! however large, overflows the offset computed from it.

/// Rows per page of every list of people (members, project members, shares).
pub const ROWS_PER_PAGE: i64 = 50;

/// Entries per page of an activity feed.
pub const ACTIVITY_PER_PAGE: i64 = 50;

/// The furthest page of an activity feed anyone can ask for; beyond it the feed is
/// empty anyway (fifty million entries).
pub const MAX_ACTIVITY_PAGE: i64 = 1_000_000;

/// The last page (from 0) of a list of `total` rows, [`ROWS_PER_PAGE`] to a page.
pub fn last_page(total: i64) -> i64 {
    total.saturating_sub(1).max(0) / ROWS_PER_PAGE
}

/// The page of a list of `total` rows to show for the requested `page`: within
/// `0..=last_page(total)`.
pub fn clamp_page(page: i64, total: i64) -> i64 {
    page.clamp(0, last_page(total))
}

/// The offset of the first row of `page` (already clamped) at `per_page` rows a page.
pub fn offset(page: i64, per_page: i64) -> i64 {
    page.max(0).saturating_mul(per_page)
}

/// The activity page to read for the requested `page`: within `0..=MAX_ACTIVITY_PAGE`.
pub fn clamp_activity_page(page: i64) -> i64 {
    page.clamp(0, MAX_ACTIVITY_PAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_requested_page_lands_on_an_existing_one_without_overflow() {
        assert_eq!(last_page(0), 0);
        assert_eq!(last_page(50), 0);
        assert_eq!(last_page(51), 1);
        assert_eq!(last_page(i64::MIN), 0);
        for page in [i64::MIN, -1, 0] {
            assert_eq!(clamp_page(page, 10_000), 0);
        }
        assert_eq!(clamp_page(i64::MAX, 10_000), 199);
        assert_eq!(clamp_activity_page(i64::MAX), MAX_ACTIVITY_PAGE);
        assert_eq!(
            offset(clamp_activity_page(i64::MAX), ACTIVITY_PER_PAGE),
            50_000_000
        );
        assert_eq!(offset(i64::MAX, ROWS_PER_PAGE), i64::MAX);
    }
}
