//! The project use cases behind the `projects` server functions.

use super::parse_name;
use super::session::{require_member, require_user};
use crate::core::access::GrantRole;
use crate::core::key_lifetime::lifetimes_within;
use crate::core::policy::projects::{ProjectAction, authorize_project, recipient};
use crate::core::policy::{Action, authorize};
use crate::error::AppError;
use crate::model::projects::{AttachableLicences, Deletion, ProjectCard, ProjectList, ProjectView};
use crate::model::team::ActivityEntry;

const NAME_MISSING: &str = "Enter a name for the project.";

/// The active workspace's projects.
pub async fn list() -> Result<ProjectList, AppError> {
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

/// Creates a project in the active workspace.
pub async fn create(name: String) -> Result<ProjectCard, AppError> {
    let name = parse_name("name", &name, NAME_MISSING)?;
    let (caller, workspace_id, member) = require_member().await?;
    caller
        .state
        .store
        .create_project(workspace_id, member.user_id, name.as_str(), caller.now())
        .await
}

/// Renames a project.
pub async fn rename(project_id: i64, name: String) -> Result<(), AppError> {
    let name = parse_name("name", &name, NAME_MISSING)?;
    let caller = require_user().await?;
    caller
        .state
        .store
        .rename_project(caller.changing(project_id), name.as_str())
        .await
}

/// Deletes a project whose name was typed to confirm.
pub async fn delete(project_id: i64, confirm_name: String) -> Result<Deletion, AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .delete_project(caller.changing(project_id), confirm_name.trim())
        .await
}

/// The project page's data, for anyone with access to the project; with `preview`
/// (`viewer`, `developer`), as a share's recipient with that role would see it, for
/// those who may share it.
pub async fn view(project_id: i64, preview: String) -> Result<ProjectView, AppError> {
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

/// The recipient role a preview asks for: none when `preview` is empty.
pub fn parse_preview(preview: &str) -> Result<Option<GrantRole>, AppError> {
    match preview.trim() {
        "" => Ok(None),
        role => GrantRole::parse(role)
            .map(Some)
            .map_err(|error| AppError::field("preview", error)),
    }
}

/// The workspace's licences that could still be attached to the project, the first
/// few of those whose package contains `search`.
pub async fn attachable(project_id: i64, search: String) -> Result<AttachableLicences, AppError> {
    let caller = require_user().await?;
    let store = &caller.state.store;
    let (facts, _) = caller
        .project_permit(project_id, ProjectAction::ManageLicences)
        .await?;
    Ok(store
        .attachable_licences(facts.workspace_id, project_id, search.trim())
        .await?)
}

/// Attaches a licence to a project.
pub async fn attach(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .set_licence_attached(caller.changing(project_id), licence_id, true)
        .await
}

/// Detaches a licence from a project.
pub async fn detach(project_id: i64, licence_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .set_licence_attached(caller.changing(project_id), licence_id, false)
        .await
}

/// The project's own activity, for members of its workspace (a share's recipient
/// has a feed of their own).
pub async fn activity(project_id: i64) -> Result<Vec<ActivityEntry>, AppError> {
    let caller = require_user().await?;
    let store = &caller.state.store;
    caller
        .project_permit(project_id, ProjectAction::ViewMembers)
        .await?;
    Ok(store.project_activity(project_id).await?)
}
