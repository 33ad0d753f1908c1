//! Licence codes a vendor hands out: how one typed into a form is read. Codes are
//! printed in groups (`PKGT-7KQ2-M9XD-4TWB`); case, spaces and dashes do not count.

/// The fewest and most letters and digits a code has.
const LENGTH: std::ops::RangeInclusive<usize> = 12..=40;

/// A code that cannot be one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Type the licence code as printed, such as PKGT-7KQ2-M9XD-4TWB.")]
pub struct BadCode;

/// The code `input` as stored (its digest is): capitals and digits only.
pub fn normalise_code(input: &str) -> Result<String, BadCode> {
    let mut code = String::new();
    for c in input.chars() {
        match c {
            '-' | ' ' => {}
            c if c.is_ascii_alphanumeric() => code.push(c.to_ascii_uppercase()),
            _ => return Err(BadCode),
        }
    }
    if LENGTH.contains(&code.len()) {
        Ok(code)
    } else {
        Err(BadCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_the_same_however_it_is_typed() {
        let printed = normalise_code("PKGT-7KQ2-M9XD-4TWB").expect("valid");
        assert_eq!(printed, "PKGT7KQ2M9XD4TWB");
        assert_eq!(normalise_code(" pkgt 7kq2-m9xd-4twb "), Ok(printed));
        for bad in [
            "",
            "PKGT-7KQ2",
            "PKGT-7KQ2-M9XD-4TWB'; --",
            "PKGT_7KQ2_M9XD_4TWB",
        ] {
            assert_eq!(normalise_code(bad), Err(BadCode), "{bad}");
        }
    }
}
