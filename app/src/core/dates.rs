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

/// The Unix timestamp of midnight UTC that starts the date `text` (`YYYY-MM-DD`),
/// or `None` when it is not such a date.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|part| part.parse::<i64>().ok())
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    // Howard Hinnant's days-from-civil algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let midnight = (era * 146_097 + day_of_era - 719_468) * 86_400;
    // A day past the month's end (2027-02-30) reads back as another date.
    (format_date(midnight) == text.trim()).then_some(midnight)
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
    use super::{format_date, format_timestamp, parse_date};

    #[test]
    fn dates_read_back_as_written() {
        for at in [
            0,
            951_782_400,
            1_795_459_003 - 1_795_459_003 % 86_400,
            -86_400,
        ] {
            assert_eq!(parse_date(&format_date(at)), Some(at));
        }
        assert_eq!(parse_date(" 2028-02-29 "), Some(1_835_395_200));
        for bad in [
            "",
            "2027-02-30",
            "2027-13-01",
            "2027-1-01",
            "27-01-01",
            "2027-01-01x",
            "tomorrow",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

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
