//! When a share ends: the ends a person can choose, when sharing or later (no end, in
//! 7, 30 or 90 days, or on a date), how an end reads, and when both sides are warned.
//! Every end is a midnight UTC: access lasts to the end of the day it names.

use super::dates::{format_date, parse_date};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The ends offered as a number of days from today.
pub const END_IN_DAYS: [i64; 3] = [7, 30, 90];

/// Days before a share ends that its recipient and the person who shared it are told.
pub const WARNING_DAYS: i64 = 3;

/// The furthest end a date may set, in days from today.
const LATEST_DAYS: i64 = 5 * 365;

/// Why an end from a form was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareEndError {
    /// Neither a choice of the list nor a date.
    #[error("Choose when access ends from the list, or type a date as YYYY-MM-DD.")]
    Unknown,
    /// A date before today.
    #[error("Choose today or a later day: access cannot end in the past.")]
    Past,
    /// A date more than five years away.
    #[error("Choose a day within five years, or no end date.")]
    TooFar,
}

/// The end a form chose, as of `now`: `never` (or nothing) for no end, a number of
/// days of [`END_IN_DAYS`], or a date `YYYY-MM-DD` (the last day of access). `Some`
/// is the moment access ends: the midnight after the last day.
pub fn parse_share_end(value: &str, now: i64) -> Result<Option<i64>, ShareEndError> {
    let today = now.div_euclid(DAY) * DAY;
    let last_day = match value.trim() {
        "" | "never" => return Ok(None),
        value => match value.parse::<i64>() {
            Ok(days) if END_IN_DAYS.contains(&days) => today + days * DAY,
            Ok(_) => return Err(ShareEndError::Unknown),
            Err(_) => parse_date(value).ok_or(ShareEndError::Unknown)?,
        },
    };
    if last_day < today {
        Err(ShareEndError::Past)
    } else if last_day > today + LATEST_DAYS * DAY {
        Err(ShareEndError::TooFar)
    } else {
        Ok(Some(last_day + DAY))
    }
}

/// The last day of access of a share ending at `ends_at`, as `YYYY-MM-DD`: the value
/// a form sends to keep that end.
pub fn last_day(ends_at: i64) -> String {
    format_date(last_moment(ends_at))
}

/// The last second of access of a share ending at `ends_at` (which is the first
/// second without it), the moment whose day is its last day.
pub fn last_moment(ends_at: i64) -> i64 {
    ends_at - 1
}

/// The ends a dropdown offers, each its form value and its words: no end date, the
/// share's `current` end (if it has one), and [`END_IN_DAYS`] from today.
pub fn end_choices(current: Option<i64>) -> Vec<(String, String)> {
    let never = ("never".to_owned(), end_words(None));
    let current = current.map(|at| (last_day(at), end_words(Some(at))));
    let from_today = END_IN_DAYS
        .into_iter()
        .map(|days| (days.to_string(), format!("In {days} days")));
    std::iter::once(never)
        .chain(current)
        .chain(from_today)
        .collect()
}

/// The form value of the end `ends_at`: `never`, or its last day.
pub fn end_value(ends_at: Option<i64>) -> String {
    ends_at.map_or_else(|| "never".to_owned(), last_day)
}

/// How an end reads in a list: "No end date" or "Until 2027-01-04".
pub fn end_words(ends_at: Option<i64>) -> String {
    ends_at.map_or_else(
        || "No end date".to_owned(),
        |at| format!("Until {}", last_day(at)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-05 10:00 UTC.
    const NOW: i64 = 1_796_464_800;

    #[test]
    fn every_end_is_the_midnight_after_its_last_day() {
        assert_eq!(parse_share_end("never", NOW), Ok(None));
        assert_eq!(parse_share_end(" ", NOW), Ok(None));
        let week = parse_share_end("7", NOW).expect("valid").expect("an end");
        assert_eq!(last_day(week), "2026-12-12");
        assert_eq!(week % DAY, 0);
        assert_eq!(end_words(Some(week)), "Until 2026-12-12");
        let dated = parse_share_end("2027-01-31", NOW).expect("valid");
        assert_eq!(dated.map(last_day).as_deref(), Some("2027-01-31"));
        assert_eq!(
            parse_share_end("2026-12-05", NOW)
                .expect("today")
                .map(last_day),
            Some("2026-12-05".to_owned()),
            "today is the last day: access ends at midnight"
        );
        assert_eq!(end_words(None), "No end date");
        let choices = end_choices(Some(week));
        assert_eq!(
            choices[1],
            (end_value(Some(week)), "Until 2026-12-12".to_owned())
        );
        assert_eq!(
            parse_share_end(&choices[1].0, NOW),
            Ok(Some(week)),
            "the current end, chosen again, is the same end"
        );
        assert_eq!(end_choices(None).len(), 4);
        assert_eq!(end_value(None), "never");
    }

    #[test]
    fn ends_not_offered_or_in_the_past_or_too_far_are_refused() {
        assert_eq!(parse_share_end("8", NOW), Err(ShareEndError::Unknown));
        assert_eq!(parse_share_end("soon", NOW), Err(ShareEndError::Unknown));
        assert_eq!(
            parse_share_end("2027-02-30", NOW),
            Err(ShareEndError::Unknown)
        );
        assert_eq!(parse_share_end("2026-12-04", NOW), Err(ShareEndError::Past));
        assert_eq!(
            parse_share_end("2032-01-01", NOW),
            Err(ShareEndError::TooFar)
        );
    }
}
