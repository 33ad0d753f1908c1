//! Sharing a project with someone outside its workspace: the share dialog, pending
//! and active shares, accepting by link, "Shared with me", leaving, and the
//! recipient's own activity feed.

use crate::error::AppError;
use crate::model::shares::{
    EndedShare, SharePage, SharePreview, ShareRow, ShareSort, SharedProject,
};
use crate::model::team::ActivityEntry;
use leptos::prelude::*;

/// Shares a project with an address outside its workspace (owners and admins),
/// until the end chosen: `ends` is `never` (or nothing) or a number of days;
/// `ends_on`, a date, wins when given.
#[server(endpoint = "shares/share_project")]
pub async fn share_project(
    project_id: i64,
    email: String,
    role: String,
    #[server(default)] ends: String,
    #[server(default)] ends_on: String,
) -> Result<ShareRow, AppError> {
    crate::server::shares::share(project_id, email, role, ends, ends_on).await
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

/// Changes when a pending or active share ends: `ends` is `never`, a number of days
/// from today, or a date (the last day of access).
#[server(endpoint = "shares/change_share_end")]
pub async fn change_share_end(
    project_id: i64,
    share_id: i64,
    ends: String,
) -> Result<ShareRow, AppError> {
    crate::server::shares::change_end(project_id, share_id, ends).await
}

/// Cancels a pending share or revokes an active one.
#[server(endpoint = "shares/end_share")]
pub async fn end_share(project_id: i64, share_id: i64) -> Result<EndedShare, AppError> {
    crate::server::shares::end(project_id, share_id).await
}

/// What the share link with `token` would do; changes nothing.
#[server(endpoint = "shares/check_share_link")]
pub async fn check_share_link(token: String) -> Result<SharePreview, AppError> {
    crate::server::shared_with_me::preview(token).await
}

/// Accepts a share as the signed-in user, whose verified address must be the one it
/// was sent to. Answers the project's id.
#[server(endpoint = "shares/accept_share")]
pub async fn accept_share(token: String) -> Result<i64, AppError> {
    crate::server::shared_with_me::accept(token).await
}

/// Creates an account for the address a share was sent to and accepts the share in
/// one step: the link proves the address, so no verification email is needed.
#[server(endpoint = "shares/register_with_share")]
pub async fn register_with_share(
    token: String,
    display_name: String,
    password: String,
) -> Result<i64, AppError> {
    crate::server::shared_with_me::register_and_accept(token, display_name, password).await
}

/// Ends the caller's own share of a project.
#[server(endpoint = "shares/leave_share")]
pub async fn leave_share(project_id: i64) -> Result<(), AppError> {
    crate::server::shared_with_me::leave(project_id).await
}

/// The projects shared with the caller.
#[server(endpoint = "shares/list_shared_with_me")]
pub async fn list_shared_with_me() -> Result<Vec<SharedProject>, AppError> {
    crate::server::shared_with_me::shared_with_me().await
}

/// The caller's own activity: shares with them, as they see them.
#[server(endpoint = "shares/my_activity")]
pub async fn my_activity() -> Result<Vec<ActivityEntry>, AppError> {
    crate::server::shared_with_me::my_activity().await
}
