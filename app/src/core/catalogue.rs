//! The package catalogue's rules: versions, version lines, QA status and what a
//! licence covers.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The outcome of Packagento's quality checks on one released version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QaStatus {
    /// The checks passed.
    Passed,
    /// The checks have not finished.
    Pending,
    /// The checks failed.
    Failed,
}

impl QaStatus {
    const ALL: [Self; 3] = [Self::Passed, Self::Pending, Self::Failed];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Passed => "passed",
            Self::Pending => "pending",
            Self::Failed => "failed",
        }
    }

    /// The word pages show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Passed => "Passed",
            Self::Pending => "Pending",
            Self::Failed => "Failed",
        }
    }

    /// The status a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == name)
    }
}

/// A released version number, `MAJOR.MINOR.PATCH`, compared numerically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Version {
    /// The major number: a licence covers one major line.
    pub major: u32,
    /// The minor number.
    pub minor: u32,
    /// The patch number.
    pub patch: u32,
}

/// A version string that is not `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("A version is three numbers separated by dots, such as 2.4.1.")]
pub struct BadVersion;

impl Version {
    /// Parses `2.4.1`.
    pub fn parse(text: &str) -> Result<Self, BadVersion> {
        let mut parts = text.split('.').map(|part| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                Err(BadVersion)
            } else {
                part.parse::<u32>().map_err(|_| BadVersion)
            }
        });
        let version = Self {
            major: parts.next().ok_or(BadVersion)??,
            minor: parts.next().ok_or(BadVersion)??,
            patch: parts.next().ok_or(BadVersion)??,
        };
        match parts.next() {
            None => Ok(version),
            Some(_) => Err(BadVersion),
        }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// One released version of a package, as the catalogue lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// Its number.
    pub version: Version,
    /// When it was released (Unix seconds).
    pub released_at: i64,
    /// Its QA status.
    pub qa: QaStatus,
}

/// The major version line a licence covers, such as `2.x`.
pub fn line_label(major: u32) -> String {
    format!("{major}.x")
}

/// The Composer constraint that installs a licensed line: `^2.0`.
pub fn constraint(major: u32) -> String {
    format!("^{major}.0")
}

/// Whether a licence of line `major` expiring at `expires_at` covers `release`:
/// the same major line, released before the licence expired. Versions released
/// before expiry stay installable after it.
pub fn covers(major: u32, expires_at: i64, release: &Release) -> bool {
    release.version.major == major && release.released_at <= expires_at
}

/// The newest release a licence covers, if any.
pub fn newest_covered<'a>(
    major: u32,
    expires_at: i64,
    releases: impl IntoIterator<Item = &'a Release>,
) -> Option<&'a Release> {
    releases
        .into_iter()
        .filter(|release| covers(major, expires_at, release))
        .max_by_key(|release| release.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(text: &str, released_at: i64) -> Release {
        Release {
            version: Version::parse(text).expect("valid version"),
            released_at,
            qa: QaStatus::Passed,
        }
    }

    #[test]
    fn versions_parse_and_compare_numerically() {
        assert!(Version::parse("2.10.0").expect("v") > Version::parse("2.9.9").expect("v"));
        assert_eq!(
            Version::parse("1.2.3").expect("v").to_string(),
            "1.2.3".to_owned()
        );
        for bad in [
            "", "1", "1.2", "1.2.3.4", "1.x.0", "-1.2.3", "1..3", " 1.2.3",
        ] {
            assert_eq!(Version::parse(bad), Err(BadVersion), "{bad:?}");
        }
    }

    #[test]
    fn a_licence_covers_its_line_up_to_expiry() {
        let releases = [
            release("1.9.0", 10),
            release("2.0.0", 20),
            release("2.3.0", 30),
            release("2.4.0", 50),
            release("3.0.0", 40),
        ];
        let newest = newest_covered(2, 40, &releases).expect("covered");
        assert_eq!(newest.version.to_string(), "2.3.0");
        assert!(newest_covered(4, 40, &releases).is_none());
        assert!(newest_covered(2, 5, &releases).is_none());
        assert_eq!(constraint(2), "^2.0");
        assert_eq!(line_label(2), "2.x");
    }

    #[test]
    fn qa_names_round_trip() {
        for status in QaStatus::ALL {
            assert_eq!(QaStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(QaStatus::parse("green"), None);
    }
}
