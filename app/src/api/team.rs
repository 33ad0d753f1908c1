//! Workspaces and their teams: the switcher, Org settings' members, invites and activity.

use crate::error::AppError;
use crate::model::team::{
    ActivityEntry, InvitePreview, MemberPage, MemberSort, PendingInvite, Removal, RoleChange,
    Workspaces,
};
use leptos::prelude::*;

/// The signed-in user's workspaces and the active one.
#[server(endpoint = "team/get_workspaces")]
pub async fn get_workspaces() -> Result<Workspaces, AppError> {
    crate::server::team::workspaces().await
}

/// Makes `workspace_id` the active workspace of this session.
#[server(endpoint = "team/switch_workspace")]
pub async fn switch_workspace(workspace_id: i64) -> Result<(), AppError> {
    crate::server::team::switch_workspace(workspace_id).await
}

/// Renames the active workspace (owners only).
#[server(endpoint = "team/rename_workspace")]
pub async fn rename_workspace(name: String) -> Result<(), AppError> {
    crate::server::team::rename_workspace(name).await
}

/// Sets the longest lifetime of the active workspace's new access keys (owners only):
/// `never` for no limit, or `30`, `90`, `365` days.
#[server(endpoint = "team/set_key_lifetime")]
pub async fn set_key_lifetime(longest: String) -> Result<(), AppError> {
    crate::server::team::set_key_lifetime(longest).await
}

/// One page of the active workspace's members matching `search` (name or email).
#[server(endpoint = "team/list_members")]
pub async fn list_members(
    search: String,
    sort: MemberSort,
    descending: bool,
    page: i64,
) -> Result<MemberPage, AppError> {
    crate::server::team::list_members(search, sort, descending, page).await
}

/// Changes a member's role; refused with a reason when the rules forbid it.
#[server(endpoint = "team/change_member_role")]
pub async fn change_member_role(user_id: i64, role: String) -> Result<RoleChange, AppError> {
    crate::server::team::change_member_role(user_id, role).await
}

/// Removes a member, deactivating the tokens they minted here and cancelling the
/// invites they sent.
#[server(endpoint = "team/remove_member")]
pub async fn remove_member(user_id: i64) -> Result<Removal, AppError> {
    crate::server::team::remove_member(user_id).await
}

/// Invites an address to the active workspace with a role.
#[server(endpoint = "team/invite_member")]
pub async fn invite_member(email: String, role: String) -> Result<PendingInvite, AppError> {
    crate::server::invites::invite(email, role).await
}

/// The active workspace's pending invites.
#[server(endpoint = "team/list_invites")]
pub async fn list_invites() -> Result<Vec<PendingInvite>, AppError> {
    crate::server::invites::list().await
}

/// Revokes a pending invite: its link stops working.
#[server(endpoint = "team/revoke_invite")]
pub async fn revoke_invite(invite_id: i64) -> Result<(), AppError> {
    crate::server::invites::revoke(invite_id).await
}

/// Sends a pending invite again with a new link; the old link stops working.
#[server(endpoint = "team/reissue_invite")]
pub async fn reissue_invite(invite_id: i64) -> Result<PendingInvite, AppError> {
    crate::server::invites::reissue(invite_id).await
}

/// The active workspace's activity, newest first.
#[server(endpoint = "team/list_activity")]
pub async fn list_activity(page: i64) -> Result<Vec<ActivityEntry>, AppError> {
    crate::server::team::list_activity(page).await
}

/// What the invite link with `token` would do; changes nothing.
#[server(endpoint = "team/check_invite_link")]
pub async fn check_invite_link(token: String) -> Result<InvitePreview, AppError> {
    crate::server::invites::preview(token).await
}

/// Accepts an invite as the signed-in user, whose verified address must be the
/// invited one.
#[server(endpoint = "team/accept_invite")]
pub async fn accept_invite(token: String) -> Result<(), AppError> {
    crate::server::invites::accept(token).await
}

/// Creates an account for the invited address and accepts the invite in one step:
/// the link proves the address, so no verification email is needed.
#[server(endpoint = "team/register_with_invite")]
pub async fn register_with_invite(
    token: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    crate::server::invites::register_and_accept(token, display_name, password).await
}
