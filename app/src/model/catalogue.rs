//! The catalogue as a workspace's pages receive it: packages, their major lines and
//! what the workspace holds; prices only for those who see billing.

use crate::core::catalogue::QaStatus;
use serde::{Deserialize, Serialize};

/// One major line of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueLine {
    /// Its major number.
    pub major: u32,
    /// Its label, `2.x`.
    pub line: String,
    /// Its newest release.
    pub newest: String,
    /// When that release came out (Unix seconds).
    pub released_at: i64,
    /// That release's QA status.
    pub qa: QaStatus,
    /// When the workspace's licence of the line ends, if it holds one.
    pub held_until: Option<i64>,
    /// Whether that licence has ended (it can be renewed).
    pub ended: bool,
}

/// A package of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CataloguePackage {
    /// The package.
    pub id: i64,
    /// `vendor/name`.
    pub name: String,
    /// What it does.
    pub description: String,
    /// A year of one of its lines, formatted with the currency; only for those who
    /// see billing.
    pub price: Option<String>,
    /// Its major lines, newest first.
    pub lines: Vec<CatalogueLine>,
}

/// The catalogue page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// The packages, by name.
    pub packages: Vec<CataloguePackage>,
    /// The workspace the licences are for.
    pub workspace: String,
    /// Whether the viewer may buy and activate licences (owners and billing members).
    pub can_buy: bool,
    /// Whether purchases go to the test-mode checkout (nothing is charged).
    pub test_mode: bool,
}

/// A licence bought or activated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLicence {
    /// The package.
    pub package: String,
    /// Its line, `2.x`.
    pub line: String,
    /// When the licence ends (Unix seconds).
    pub expires_at: i64,
    /// The invoice of a purchase (none for a code).
    pub invoice: Option<String>,
}
