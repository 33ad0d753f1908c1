//! What a person may do on one project: their effective project access.

use super::role::Role;
use serde::{Deserialize, Serialize};

/// Access to one project, lowest first, so the higher of two is their `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProjectAccess {
    /// Sees the project, its licences and install snippets; never a key's value.
    Viewer,
    /// As viewer, and reads, mints, rotates and deactivates the project's keys.
    Developer,
    /// Everything: licences, renaming, deleting. Owners and admins of the workspace.
    Manager,
}

impl ProjectAccess {
    /// The access a workspace role gives on every project of the workspace.
    pub fn from_workspace_role(role: Role) -> Self {
        match role {
            Role::Owner | Role::Admin => Self::Manager,
            Role::Developer => Self::Developer,
            Role::Billing | Role::Viewer => Self::Viewer,
        }
    }

    /// The name pages show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Viewer => "Viewer",
            Self::Developer => "Developer",
            Self::Manager => "Manager",
        }
    }

    /// Whether this access reads and handles the project's keys.
    pub fn uses_keys(self) -> bool {
        self >= Self::Developer
    }

    /// Whether this access manages the project itself and its licences.
    pub fn manages(self) -> bool {
        self == Self::Manager
    }
}

/// The access someone has on a project: the higher of what their workspace role gives
/// and what the project grants them; `None` when neither gives any. The one function
/// behind both the authorization check and what pages show.
pub fn effective_access(
    workspace_role: Option<Role>,
    grant: Option<ProjectAccess>,
) -> Option<ProjectAccess> {
    workspace_role
        .map(ProjectAccess::from_workspace_role)
        .max(grant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_access_is_the_higher_of_role_and_grant() {
        assert_eq!(effective_access(None, None), None);
        assert_eq!(
            effective_access(Some(Role::Billing), Some(ProjectAccess::Developer)),
            Some(ProjectAccess::Developer)
        );
        assert_eq!(
            effective_access(Some(Role::Admin), Some(ProjectAccess::Viewer)),
            Some(ProjectAccess::Manager)
        );
        assert_eq!(
            effective_access(None, Some(ProjectAccess::Viewer)),
            Some(ProjectAccess::Viewer)
        );
        assert_eq!(
            effective_access(Some(Role::Viewer), None),
            Some(ProjectAccess::Viewer)
        );
    }
}
