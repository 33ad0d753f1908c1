//! Text people will read: the same in every spelling, and visible.
//!
//! Names and addresses are normalised to NFC, so the composed and decomposed
//! spellings of `zoë` are one name. Characters that show nothing or change how the
//! text around them is ordered (zero-width spaces and joiners, bidi controls such as
//! U+202E, the byte-order mark, tag characters) are refused: with them `Evil\u{202E}exe.txt`
//! reads "Eviltxt.exe", and `ali\u{200B}ce@acme.test` looks like alice's address
//! without being it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `input` in Unicode normalisation form C.
pub fn nfc(input: &str) -> String {
    input.nfc().collect()
}

/// Whether `c` shows nothing by itself or reorders the text around it: control and
/// format characters, separators other than the plain space, fillers and tags.
pub fn is_hidden(c: char) -> bool {
    (c.is_whitespace() && c != ' ')
        || c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{600}'..='\u{605}'
                | '\u{61C}'
                | '\u{6DD}'
                | '\u{70F}'
                | '\u{890}'..='\u{891}'
                | '\u{8E2}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether `text` has a character a person can see: something other than spaces,
/// hidden characters and combining marks (which only decorate the one before).
pub fn has_visible(text: &str) -> bool {
    text.chars()
        .any(|c| c != ' ' && !is_hidden(c) && !is_combining_mark(c))
}

/// `n` with its thousands grouped by commas, as the pages print counts: "10,005".
/// The same on the server and in the browser (no locale is consulted), so a count
/// hydrates as it was rendered.
pub fn grouped(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", grouped_digits(n.unsigned_abs()))
}

/// The digits of `n` with their thousands grouped by commas: "1,234,567" (for counts
/// and for amounts of money).
pub fn grouped_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(10_005), "10,005");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-1_234), "-1,234");
        assert_eq!(grouped(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn both_spellings_of_a_name_are_one() {
        assert_eq!(nfc("zoe\u{308}"), nfc("zo\u{eb}"));
        assert_eq!(nfc("zoe\u{308}"), "zo\u{eb}");
    }

    #[test]
    fn invisible_and_reordering_characters_are_hidden() {
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{E0041}',
            '\t',
            '\n',
            '\u{3000}',
            '\u{2028}',
            '\u{AD}',
        ] {
            assert!(is_hidden(c), "{:04X}", u32::from(c));
        }
        for c in ['a', 'é', 'а', ' ', '-', '🙂', '\u{301}', '中'] {
            assert!(!is_hidden(c), "{c}");
        }
    }

    #[test]
    fn marks_alone_show_nothing() {
        assert!(!has_visible("\u{301}\u{301}\u{200B}"));
        assert!(!has_visible("   "));
        assert!(has_visible("e\u{301}"));
        assert!(has_visible("🙂"));
    }
}
