//! A project's Members screen: who has access, from their workspace role and from a
//! grant on the project, and setting that grant inline.

use crate::error::AppError;
use crate::model::project_members::{ProjectMemberPage, ProjectMemberRow, ProjectMemberSort};
use leptos::prelude::*;

/// One page of the workspace members with their access to the project.
#[server(endpoint = "project_members/list_project_members")]
pub async fn list_project_members(
    project_id: i64,
    search: String,
    sort: ProjectMemberSort,
    descending: bool,
    page: i64,
) -> Result<ProjectMemberPage, AppError> {
    crate::server::project_members::list(project_id, search, sort, descending, page).await
}

/// Sets a workspace member's project role (`viewer`, `developer`), or clears it
/// (`""`). Owners' and admins' access cannot be changed.
#[server(endpoint = "project_members/set_project_access")]
pub async fn set_project_access(
    project_id: i64,
    user_id: i64,
    role: String,
) -> Result<ProjectMemberRow, AppError> {
    crate::server::project_members::set(project_id, user_id, role).await
}
