//! Shares of a project, from both sides, as the pages receive them.

use crate::core::access::GrantRole;
use crate::core::link::LinkState;
use serde::{Deserialize, Serialize};

/// Whether a share was accepted yet, or its link expired first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareStatus {
    /// Its link was sent and not yet used.
    Pending,
    /// The recipient accepted it and has access.
    Active,
    /// Its link expired before it was used; it can be resent or cancelled.
    Expired,
}

/// A share as the sharing side lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRow {
    /// The share.
    pub id: i64,
    /// The recipient's address.
    pub email: String,
    /// The recipient's display name, once they accepted.
    pub name: Option<String>,
    /// The project role it gives.
    pub role: GrantRole,
    /// Pending or active.
    pub status: ShareStatus,
    /// Who shared it.
    pub shared_by: String,
    /// When it was sent (Unix seconds).
    pub created_at: i64,
    /// When its link stops working, while pending (Unix seconds).
    pub expires_at: i64,
    /// When access ends, if the share has an end date (a midnight UTC).
    pub ends_at: Option<i64>,
}

impl ShareRow {
    /// What ending this share does, asked before Cancel or Revoke.
    pub fn ending_consequence(&self) -> String {
        let email = &self.email;
        match self.status {
            ShareStatus::Active if self.role.access().uses_keys() => format!(
                "{email} loses access to this project at once. Access keys they could read \
                 keep working until you rotate them."
            ),
            ShareStatus::Active => format!("{email} loses access to this project at once."),
            ShareStatus::Pending | ShareStatus::Expired => format!(
                "The link sent to {email} stops working. You can share the project with \
                 them again later."
            ),
        }
    }
}

/// The columns the list of shares sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ShareSort {
    /// The recipient's address.
    Person,
    /// The project role.
    Access,
    /// Pending before active.
    Status,
    /// When it was sent.
    #[default]
    Added,
}

/// One page of a project's pending and active shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePage {
    /// The shares on this page.
    pub rows: Vec<ShareRow>,
    /// How many match the search in all.
    pub total: i64,
    /// The page shown, from 0.
    pub page: i64,
}

/// What ending a share did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedShare {
    /// The recipient's address.
    pub email: String,
    /// Whether it was active (revoked) rather than pending (cancelled).
    pub was_active: bool,
    /// How many keys the recipient had minted on the project, now deactivated.
    pub keys_deactivated: i64,
    /// The active keys the recipient could read (as a developer), which the owner may
    /// want to rotate.
    pub readable_keys: Vec<String>,
}

/// What a share link would do if used now; changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePreview {
    /// Whether it can be used.
    pub state: LinkState,
    /// The project it shares (only for a usable link).
    pub project: String,
    /// The workspace the project belongs to.
    pub workspace: String,
    /// The role it gives.
    pub role: Option<GrantRole>,
    /// The address it was sent to.
    pub email: String,
    /// The address of the signed-in user, if someone is signed in.
    pub signed_in_as: Option<String>,
}

/// A project shared with the user, as "Shared with me" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedProject {
    /// The project.
    pub project_id: i64,
    /// Its name.
    pub name: String,
    /// The workspace that shared it.
    pub workspace: String,
    /// Who shared it.
    pub shared_by: String,
    /// The role it gives.
    pub role: GrantRole,
    /// When it was accepted (Unix seconds).
    pub since: i64,
    /// When access ends, if the share has an end date (a midnight UTC).
    pub ends_at: Option<i64>,
}
