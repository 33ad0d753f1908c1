//! Paged lists: how many rows a page holds and which pages exist.
//!
//! A page number comes from a request, so it is clamped before any arithmetic: a
//! negative page is the first, one past the end is the last, and no page number,
//! however large, overflows the offset computed from it.

use super::text::grouped;

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

/// What a page of a member list says of its rows: "No members match.", "1 member",
/// "10,005 members, showing 51–100" (`shown` rows on `page`, from 0).
pub fn member_count(total: i64, page: i64, shown: usize) -> String {
    let count = match total {
        0 => return "No members match.".to_owned(),
        1 => "1 member".to_owned(),
        n => format!("{} members", grouped(n)),
    };
    let shown = i64::try_from(shown).unwrap_or(i64::MAX);
    if total > shown {
        let first = offset(page, ROWS_PER_PAGE);
        format!(
            "{count}, showing {}–{}",
            grouped(first + 1),
            grouped(first + shown)
        )
    } else {
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_count_names_the_rows_shown() {
        assert_eq!(member_count(0, 0, 0), "No members match.");
        assert_eq!(member_count(1, 0, 1), "1 member");
        assert_eq!(member_count(3, 0, 3), "3 members");
        assert_eq!(member_count(120, 1, 50), "120 members, showing 51–100");
        assert_eq!(member_count(120, 2, 20), "120 members, showing 101–120");
        assert_eq!(
            member_count(10_005, 199, 50),
            "10,005 members, showing 9,951–10,000"
        );
    }

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
