//! Project access keys as the keys list shows them.

use serde::{Deserialize, Serialize};

/// An access key as the list shows it, without its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    /// The key.
    pub id: i64,
    /// What it is for, such as "CI".
    pub name: String,
    /// Who minted it.
    pub minted_by: String,
    /// When it was minted (Unix seconds).
    pub created_at: i64,
    /// When Composer last used it, if ever.
    pub last_used_at: Option<i64>,
    /// The address Composer last used it from (hidden from a share's recipient for
    /// keys they did not mint).
    pub last_used_from: Option<String>,
    /// Whether it was not deactivated.
    pub active: bool,
    /// When it stops working, if it does (Unix seconds).
    pub expires_at: Option<i64>,
    /// Whether it has expired.
    pub expired: bool,
    /// Whether it has gone [`UNUSED_DAYS`](crate::core::key_lifetime::UNUSED_DAYS)
    /// without a use.
    pub unused: bool,
}

/// A key together with its value, shown to those who may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedKey {
    /// The key.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The value Composer sends: `pkgt_…`.
    pub value: String,
}
