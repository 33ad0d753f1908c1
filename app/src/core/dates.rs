//! Dates as pages show them, computed without a calendar library.

/// The UTC calendar date of a Unix timestamp, as `YYYY-MM-DD`.
pub fn format_date(unix_seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = unix_seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A Unix timestamp in UTC as RFC 3339, `YYYY-MM-DDTHH:MM:SS+00:00`.
pub fn format_timestamp(unix_seconds: i64) -> String {
    let seconds = unix_seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}+00:00",
        format_date(unix_seconds),
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{format_date, format_timestamp};

    #[test]
    fn timestamps_carry_the_time_of_day() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format_timestamp(951_868_799), "2000-02-29T23:59:59+00:00");
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59+00:00");
    }

    #[test]
    fn known_dates() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(951_782_400), "2000-02-29");
        assert_eq!(format_date(1_795_459_003), "2026-11-23");
        assert_eq!(format_date(-86_400), "1969-12-31");
    }
}
