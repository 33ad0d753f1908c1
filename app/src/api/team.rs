//! Workspaces and their teams: the switcher, renaming and the key lifetime limit,
//! Org settings' members (role changes, removal) and the activity feed. Invites are
//! in `invites.rs`.

use crate::error::AppError;
use crate::model::team::{ActivityEntry, MemberPage, MemberSort, Removal, RoleChange, Workspaces};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::key_lifetime::parse_lifetime,
    crate::core::policy::{Action, Member, allows, offerable_roles},
    crate::core::role::Role,
    crate::model::team::WorkspaceRights,
    crate::server::input::{checked_search, parse_name},
    crate::server::session::{require_user, team_viewer},
};

/// The signed-in user's workspaces and the active one.
#[server(endpoint = "team/get_workspaces")]
pub async fn get_workspaces() -> Result<Workspaces, AppError> {
    let caller = require_user().await?;
    let active = caller.workspace().await?;
    let all = caller.state.store.workspaces_of(caller.user.id).await?;
    let me = Member {
        user_id: caller.user.id,
        role: active.role,
    };
    let can = WorkspaceRights {
        invite: allows(me, Action::Invite { role: Role::Viewer }),
        offer: offerable_roles(active.role).collect(),
        view_billing: allows(me, Action::ViewBilling),
        review_access: allows(me, Action::ReviewAccess),
        rename: allows(me, Action::RenameWorkspace),
        set_key_lifetime: allows(me, Action::SetKeyLifetime),
    };
    Ok(Workspaces { active, all, can })
}

/// Makes `workspace_id` the active workspace of this session.
#[server(endpoint = "team/switch_workspace")]
pub async fn switch_workspace(workspace_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .switch_workspace(&caller.session_digest, caller.user.id, workspace_id)
        .await
}

/// Renames the active workspace (owners only).
#[server(endpoint = "team/rename_workspace")]
pub async fn rename_workspace(name: String) -> Result<(), AppError> {
    let name = parse_name("name", &name, "Enter a name for the workspace.")?;
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .rename_workspace(workspace.id, caller.user.id, name.as_str(), caller.now())
        .await
}

/// Sets the longest lifetime of the active workspace's new access keys (owners only):
/// `never` for no limit, or `30`, `90`, `365` days.
#[server(endpoint = "team/set_key_lifetime")]
pub async fn set_key_lifetime(longest: String) -> Result<(), AppError> {
    let days = parse_lifetime(&longest, None).map_err(|error| AppError::field("longest", error))?;
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .set_key_lifetime(workspace.id, caller.user.id, days, caller.now())
        .await
}

/// One page of the active workspace's members matching `search` (name or email).
#[server(endpoint = "team/list_members")]
pub async fn list_members(
    search: String,
    sort: MemberSort,
    descending: bool,
    page: i64,
) -> Result<MemberPage, AppError> {
    let search = checked_search(&search)?;
    let (caller, workspace_id, me) = team_viewer().await?;
    Ok(caller
        .state
        .store
        .member_page(workspace_id, me, search, sort, descending, page)
        .await?)
}

/// Changes a member's role; refused with a reason when the rules forbid it.
#[server(endpoint = "team/change_member_role")]
pub async fn change_member_role(user_id: i64, role: String) -> Result<RoleChange, AppError> {
    let role = Role::parse(&role).map_err(|e| AppError::field("role", e))?;
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .change_role(workspace.id, caller.user.id, user_id, role, caller.now())
        .await
}

/// Removes a member, deactivating the tokens they minted here and cancelling the
/// invites they sent.
#[server(endpoint = "team/remove_member")]
pub async fn remove_member(user_id: i64) -> Result<Removal, AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .remove_member(workspace.id, caller.user.id, user_id, caller.now())
        .await
}

/// The active workspace's activity, newest first.
#[server(endpoint = "team/list_activity")]
pub async fn list_activity(page: i64) -> Result<Vec<ActivityEntry>, AppError> {
    let (caller, workspace_id, _) = team_viewer().await?;
    Ok(caller.state.store.activity_page(workspace_id, page).await?)
}
