//! The use cases behind the `project_members` server functions.

use super::session::require_user;
use super::team::checked_search;
use crate::core::access::GrantRole;
use crate::model::project_members::{ProjectMemberPage, ProjectMemberRow, ProjectMemberSort};

use crate::core::policy::projects::{ProjectAction, authorize_project};
use crate::error::AppError;

/// One page of the project's members, for workspace members with access to it.
pub async fn list(
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

/// Sets or clears a member's project role.
pub async fn set(
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
