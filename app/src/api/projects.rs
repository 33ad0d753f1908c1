//! Projects and their licences: the Projects page and the project page.

use crate::error::AppError;
use crate::model::projects::{AttachableLicences, Deletion, ProjectCard, ProjectList, ProjectView};
use crate::model::team::ActivityEntry;
use leptos::prelude::*;

/// The active workspace's projects.
#[server(endpoint = "projects/list_projects")]
pub async fn list_projects() -> Result<ProjectList, AppError> {
    crate::server::projects::list().await
}

/// Creates a project in the active workspace (owners and admins).
#[server(endpoint = "projects/create_project")]
pub async fn create_project(name: String) -> Result<ProjectCard, AppError> {
    crate::server::projects::create(name).await
}

/// Renames a project (owners and admins of its workspace).
#[server(endpoint = "projects/rename_project")]
pub async fn rename_project(project_id: i64, name: String) -> Result<(), AppError> {
    crate::server::projects::rename(project_id, name).await
}

/// Deletes a project once its name is typed to confirm; deactivates its keys.
#[server(endpoint = "projects/delete_project")]
pub async fn delete_project(project_id: i64, confirm_name: String) -> Result<Deletion, AppError> {
    crate::server::projects::delete(project_id, confirm_name).await
}

/// The project page's data; with `preview` (`viewer`, `developer`), as a share's
/// recipient with that role would see it (for those who may share the project).
#[server(endpoint = "projects/get_project")]
pub async fn get_project(
    project_id: i64,
    #[server(default)] preview: String,
) -> Result<ProjectView, AppError> {
    crate::server::projects::view(project_id, preview).await
}

/// The workspace's licences not yet attached to this project whose package contains
/// `search` (owners and admins): the first few, and how many there are.
#[server(endpoint = "projects/list_attachable_licences")]
pub async fn list_attachable_licences(
    project_id: i64,
    #[server(default)] search: String,
) -> Result<AttachableLicences, AppError> {
    crate::server::projects::attachable(project_id, search).await
}

/// Attaches (activates) a licence of the workspace on a project.
#[server(endpoint = "projects/attach_licence")]
pub async fn attach_licence(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    crate::server::projects::attach(project_id, licence_id).await
}

/// Detaches a licence from a project.
#[server(endpoint = "projects/detach_licence")]
pub async fn detach_licence(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    crate::server::projects::detach(project_id, licence_id).await
}

/// The project's own activity, newest first.
#[server(endpoint = "projects/project_activity")]
pub async fn project_activity(project_id: i64) -> Result<Vec<ActivityEntry>, AppError> {
    crate::server::projects::activity(project_id).await
}
