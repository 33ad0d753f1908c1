//! The team use cases behind the `team` server functions: workspaces and members.

use super::parse_name;
use super::session::{Caller, require_user};
use crate::core::key_lifetime::parse_lifetime;
use crate::core::policy::{Action, Member, authorize};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::{
    ActivityEntry, MemberPage, MemberSort, Removal, RoleChange, WorkspaceSummary, Workspaces,
};

/// Longest search text accepted; longer input matches nobody anyway.
const MAX_SEARCH_CHARS: usize = 200;

/// The search text of a list of people (members, shares), refused when it is longer
/// than anyone's name or holds control characters (which no name or address has).
pub(super) fn checked_search(search: &str) -> Result<&str, AppError> {
    if search.chars().count() > MAX_SEARCH_CHARS {
        Err(AppError::field(
            "search",
            format!("Search for at most {MAX_SEARCH_CHARS} characters."),
        ))
    } else if search.chars().any(char::is_control) {
        Err(AppError::field(
            "search",
            "Search with letters, digits, spaces and punctuation only.",
        ))
    } else {
        Ok(search)
    }
}

/// The signed-in caller and their active workspace, once `authorize` allowed them to
/// see its team (members, invites, activity).
pub(super) async fn team_viewer() -> Result<(Caller, WorkspaceSummary), AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    authorize(
        Member {
            user_id: caller.user.id,
            role: workspace.role,
        },
        Action::ViewTeam,
    )?;
    Ok((caller, workspace))
}

/// The caller's workspaces and the active one.
pub async fn workspaces() -> Result<Workspaces, AppError> {
    let caller = require_user().await?;
    let active = caller.workspace().await?;
    let all = caller.state.store.workspaces_of(caller.user.id).await?;
    Ok(Workspaces { active, all })
}

/// Switches this session to another of the caller's workspaces; any other id is
/// answered as not found.
pub async fn switch_workspace(workspace_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .switch_workspace(&caller.session_digest, caller.user.id, workspace_id)
        .await
}

/// Renames the active workspace.
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

/// Sets the longest lifetime of the active workspace's new keys: `never` for no
/// limit, or one of the lifetimes keys are minted with.
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

/// One page of the active workspace's members.
pub async fn list_members(
    search: String,
    sort: MemberSort,
    descending: bool,
    page: i64,
) -> Result<MemberPage, AppError> {
    let search = checked_search(&search)?;
    let (caller, workspace) = team_viewer().await?;
    Ok(caller
        .state
        .store
        .member_page(workspace.id, search, sort, descending, page)
        .await?)
}

/// Changes a member's role in the active workspace.
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

/// Removes a member from the active workspace.
pub async fn remove_member(user_id: i64) -> Result<Removal, AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .remove_member(workspace.id, caller.user.id, user_id, caller.now())
        .await
}

/// One page of the active workspace's activity.
pub async fn list_activity(page: i64) -> Result<Vec<ActivityEntry>, AppError> {
    let (caller, workspace) = team_viewer().await?;
    Ok(caller.state.store.activity_page(workspace.id, page).await?)
}
