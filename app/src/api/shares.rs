//! Sharing a project with someone outside its workspace: the share dialog, pending
//! and active shares, accepting by link, "Shared with me", leaving, and the
//! recipient's own activity feed.

use crate::api::team::ActivityEntry;
use crate::core::access::GrantRole;
use crate::core::link::LinkState;
use crate::error::AppError;
use leptos::prelude::*;
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
}

/// Shares a project with an address outside its workspace (owners and admins).
#[server(endpoint = "shares/share_project")]
pub async fn share_project(
    project_id: i64,
    email: String,
    role: String,
) -> Result<ShareRow, AppError> {
    crate::server::shares::share(project_id, email, role).await
}

/// One page of the project's pending and active shares whose address or name matches
/// `search` (members of its workspace).
#[server(endpoint = "shares/list_shares")]
pub async fn list_shares(
    project_id: i64,
    search: String,
    sort: ShareSort,
    descending: bool,
    page: i64,
) -> Result<SharePage, AppError> {
    crate::server::shares::list(project_id, search, sort, descending, page).await
}

/// Sends a pending share again with a new link; the old link stops working.
#[server(endpoint = "shares/resend_share")]
pub async fn resend_share(project_id: i64, share_id: i64) -> Result<ShareRow, AppError> {
    crate::server::shares::resend(project_id, share_id).await
}

/// Changes the project role of a pending or active share.
#[server(endpoint = "shares/change_share_role")]
pub async fn change_share_role(
    project_id: i64,
    share_id: i64,
    role: String,
) -> Result<ShareRow, AppError> {
    crate::server::shares::change_role(project_id, share_id, role).await
}

/// Cancels a pending share or revokes an active one.
#[server(endpoint = "shares/end_share")]
pub async fn end_share(project_id: i64, share_id: i64) -> Result<EndedShare, AppError> {
    crate::server::shares::end(project_id, share_id).await
}

/// What the share link with `token` would do; changes nothing.
#[server(endpoint = "shares/check_share_link")]
pub async fn check_share_link(token: String) -> Result<SharePreview, AppError> {
    crate::server::shares::preview(token).await
}

/// Accepts a share as the signed-in user, whose verified address must be the one it
/// was sent to. Answers the project's id.
#[server(endpoint = "shares/accept_share")]
pub async fn accept_share(token: String) -> Result<i64, AppError> {
    crate::server::shares::accept(token).await
}

/// Creates an account for the address a share was sent to and accepts the share in
/// one step: the link proves the address, so no verification email is needed.
#[server(endpoint = "shares/register_with_share")]
pub async fn register_with_share(
    token: String,
    display_name: String,
    password: String,
) -> Result<i64, AppError> {
    crate::server::shares::register_and_accept(token, display_name, password).await
}

/// Ends the caller's own share of a project.
#[server(endpoint = "shares/leave_share")]
pub async fn leave_share(project_id: i64) -> Result<(), AppError> {
    crate::server::shares::leave(project_id).await
}

/// The projects shared with the caller.
#[server(endpoint = "shares/list_shared_with_me")]
pub async fn list_shared_with_me() -> Result<Vec<SharedProject>, AppError> {
    crate::server::shares::shared_with_me().await
}

/// The caller's own activity: shares with them, as they see them.
#[server(endpoint = "shares/my_activity")]
pub async fn my_activity() -> Result<Vec<ActivityEntry>, AppError> {
    crate::server::shares::my_activity().await
}
