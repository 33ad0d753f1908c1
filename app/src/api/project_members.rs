//! A project's Members screen: who has access, from their workspace role and from a
//! grant on the project, and setting that grant inline.

use crate::error::AppError;
use crate::model::project_members::{ProjectMemberPage, ProjectMemberRow, ProjectMemberSort};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::access::GrantRole,
    crate::core::policy::projects::{ProjectAction, authorize_project},
    crate::server::input::checked_search,
    crate::server::session::require_user,
};

/// One page of the workspace members with their access to the project.
#[server(endpoint = "project_members/list_project_members")]
pub async fn list_project_members(
    project_id: i64,
    search: String,
    sort: ProjectMemberSort,
    descending: bool,
    page: i64,
) -> Result<ProjectMemberPage, AppError> {
    let search = checked_search(&search)?;
    let caller = require_user().await?;
    let store = &caller.state.store;
    let (facts, _) = caller
        .project_permit(project_id, ProjectAction::ViewMembers)
        .await?;
    let can_manage = authorize_project(facts.actor(), ProjectAction::ManageProject).is_ok();
    let (rows, total, page) = store
        .project_member_page(&facts, search, sort, descending, page)
        .await?;
    Ok(ProjectMemberPage {
        project: facts.name,
        rows,
        total,
        page,
        can_manage,
    })
}

/// Sets a workspace member's project role (`viewer`, `developer`), or clears it
/// (`""`). Owners' and admins' access cannot be changed.
#[server(endpoint = "project_members/set_project_access")]
pub async fn set_project_access(
    project_id: i64,
    user_id: i64,
    role: String,
) -> Result<ProjectMemberRow, AppError> {
    let role = match role.as_str() {
        "" => None,
        name => Some(GrantRole::parse(name).map_err(|e| AppError::field("role", e))?),
    };
    let caller = require_user().await?;
    caller
        .state
        .store
        .set_project_access(caller.changing(project_id), user_id, role)
        .await
}
