//! The decision for everything done on one project.

use super::Denial;
use crate::core::access::ProjectAccess;

/// Something a person may try to do on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectAction {
    /// See the project, its licences, install snippets and how many keys it has.
    View,
    /// List, reveal, mint, rotate and deactivate the project's access keys.
    UseKeys,
    /// Attach and detach licences.
    ManageLicences,
    /// Rename or delete the project.
    ManageProject,
}

/// Proof that [`authorize_project`] allowed an action. Only it makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectPermit {
    access: ProjectAccess,
    action: ProjectAction,
}

impl ProjectPermit {
    /// The access the decision was made on.
    pub fn access(&self) -> ProjectAccess {
        self.access
    }

    /// What was allowed.
    pub fn action(&self) -> ProjectAction {
        self.action
    }
}

/// Decides whether someone with `access` (from [`crate::core::access::effective_access`])
/// may do `action`. Without any access the project is invisible: answered as not
/// found, so ids of other workspaces' projects reveal nothing.
pub fn authorize_project(
    access: Option<ProjectAccess>,
    action: ProjectAction,
) -> Result<ProjectPermit, Denial> {
    let access = access.ok_or(Denial::Invisible)?;
    let allowed = match action {
        ProjectAction::View => true,
        ProjectAction::UseKeys => access.uses_keys(),
        ProjectAction::ManageLicences | ProjectAction::ManageProject => access.manages(),
    };
    if allowed {
        Ok(ProjectPermit { access, action })
    } else {
        Err(Denial::NotAllowed)
    }
}
