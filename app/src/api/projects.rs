//! Projects and their licences: the Projects page and the project page.

use crate::error::AppError;
use crate::model::projects::{AttachableLicences, Deletion, ProjectCard, ProjectList, ProjectView};
use crate::model::team::ActivityEntry;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::key_lifetime::lifetimes_within,
    crate::core::policy::projects::{ProjectAction, authorize_project, recipient},
    crate::core::policy::{Action, authorize},
    crate::server::input::{parse_name, parse_preview},
    crate::server::session::{require_member, require_user},
};

/// What a project's name field says when nothing was typed.
#[cfg(feature = "ssr")]
const NAME_MISSING: &str = "Enter a name for the project.";

/// The active workspace's projects.
#[server(endpoint = "projects/list_projects")]
pub async fn list_projects() -> Result<ProjectList, AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ViewProjects)?;
    let store = &caller.state.store;
    let projects = store.project_cards(workspace_id, caller.now()).await?;
    Ok(ProjectList {
        projects,
        can_manage: authorize(member, Action::CreateProject).is_ok(),
        organization: store.member_count(workspace_id).await? > 1,
    })
}

/// Creates a project in the active workspace (owners and admins).
#[server(endpoint = "projects/create_project")]
pub async fn create_project(name: String) -> Result<ProjectCard, AppError> {
    let name = parse_name("name", &name, NAME_MISSING)?;
    let (caller, workspace_id, member) = require_member().await?;
    caller
        .state
        .store
        .create_project(workspace_id, member.user_id, name.as_str(), caller.now())
        .await
}

/// Renames a project (owners and admins of its workspace).
#[server(endpoint = "projects/rename_project")]
pub async fn rename_project(project_id: i64, name: String) -> Result<(), AppError> {
    let name = parse_name("name", &name, NAME_MISSING)?;
    let caller = require_user().await?;
    caller
        .state
        .store
        .rename_project(caller.changing(project_id), name.as_str())
        .await
}

/// Deletes a project once its name is typed to confirm; deactivates its keys.
#[server(endpoint = "projects/delete_project")]
pub async fn delete_project(project_id: i64, confirm_name: String) -> Result<Deletion, AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .delete_project(caller.changing(project_id), confirm_name.trim())
        .await
}

/// The project page's data; with `preview` (`viewer`, `developer`), as a share's
/// recipient with that role would see it (for those who may share the project).
#[server(endpoint = "projects/get_project")]
pub async fn get_project(
    project_id: i64,
    #[server(default)] preview: String,
) -> Result<ProjectView, AppError> {
    let preview = parse_preview(&preview)?;
    let caller = require_user().await?;
    let store = &caller.state.store;
    let asked = if preview.is_some() {
        ProjectAction::Share
    } else {
        ProjectAction::View
    };
    let (facts, permit) = caller.project_permit(project_id, asked).await?;
    let (actor, access) = match preview {
        Some(role) => (recipient(role), role.access()),
        None => (facts.actor(), permit.access()),
    };
    let public_url = &caller.state.settings.public_url;
    let auth_host = public_url
        .split_once("://")
        .map_or(public_url.as_str(), |(_, rest)| rest)
        .to_owned();
    Ok(ProjectView {
        members_visible: authorize_project(actor, ProjectAction::ViewMembers).is_ok(),
        keys_manageable: authorize_project(actor, ProjectAction::ManageKeys).is_ok(),
        key_lifetimes: lifetimes_within(facts.max_key_days),
        preview,
        id: facts.project_id,
        name: facts.name,
        workspace: facts.workspace_name,
        access,
        licences: store.project_licences(project_id, caller.now()).await?,
        repository_url: format!("{public_url}/composer/{project_id}"),
        auth_host,
        key_count: store.active_key_count(project_id).await?,
    })
}

/// The workspace's licences not yet attached to this project whose package contains
/// `search` (owners and admins): the first few, and how many there are.
#[server(endpoint = "projects/list_attachable_licences")]
pub async fn list_attachable_licences(
    project_id: i64,
    #[server(default)] search: String,
) -> Result<AttachableLicences, AppError> {
    let caller = require_user().await?;
    let store = &caller.state.store;
    let (facts, _) = caller
        .project_permit(project_id, ProjectAction::ManageLicences)
        .await?;
    Ok(store
        .attachable_licences(facts.workspace_id, project_id, search.trim())
        .await?)
}

/// Attaches (activates) a licence of the workspace on a project.
#[server(endpoint = "projects/attach_licence")]
pub async fn attach_licence(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .set_licence_attached(caller.changing(project_id), licence_id, true)
        .await
}

/// Detaches a licence from a project.
#[server(endpoint = "projects/detach_licence")]
pub async fn detach_licence(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .set_licence_attached(caller.changing(project_id), licence_id, false)
        .await
}

/// The project's own activity, newest first.
#[server(endpoint = "projects/project_activity")]
pub async fn project_activity(project_id: i64) -> Result<Vec<ActivityEntry>, AppError> {
    let caller = require_user().await?;
    let store = &caller.state.store;
    caller
        .project_permit(project_id, ProjectAction::ViewMembers)
        .await?;
    Ok(store.project_activity(project_id).await?)
}
