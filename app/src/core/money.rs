//! Amounts of money as billing pages show them.

use super::text::grouped_digits;

/// `481723, "EUR"` → `4,817.23 EUR`. Amounts are kept in cents.
pub fn format_money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!(
        "{sign}{}.{:02} {currency}",
        grouped_digits(cents / 100),
        cents % 100
    )
}

#[cfg(test)]
mod tests {
    use super::format_money;

    #[test]
    fn amounts_are_grouped_with_two_decimals() {
        assert_eq!(format_money(481_723, "EUR"), "4,817.23 EUR");
        assert_eq!(format_money(5, "USD"), "0.05 USD");
        assert_eq!(format_money(123_456_789, "EUR"), "1,234,567.89 EUR");
        assert_eq!(format_money(-1_000, "EUR"), "-10.00 EUR");
    }
}
