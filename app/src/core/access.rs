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

/// The project role a grant gives: what can be set on one project for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GrantRole {
    /// Sees the project; never a key's value.
    Viewer,
    /// Also reads and handles the project's keys.
    Developer,
}

/// A project role name that is not viewer or developer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Choose viewer or developer.")]
pub struct UnknownGrantRole;

impl GrantRole {
    /// Both, lowest first (the order pickers show them in).
    pub const ALL: [Self; 2] = [Self::Viewer, Self::Developer];

    /// The stored and submitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Developer => "developer",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(name: &str) -> Result<Self, UnknownGrantRole> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or(UnknownGrantRole)
    }

    /// The access it gives.
    pub fn access(self) -> ProjectAccess {
        match self {
            Self::Viewer => ProjectAccess::Viewer,
            Self::Developer => ProjectAccess::Developer,
        }
    }
}

/// The access someone has on a project: the higher of what their workspace role gives
/// and what the project grants them; `None` when neither gives any. A billing member
/// never reads a key, so a grant gives them at most viewer access, whatever it says
/// (a developer grant held before they became billing included). The one function
/// behind both the authorization check and what pages show.
pub fn effective_access(
    workspace_role: Option<Role>,
    grant: Option<GrantRole>,
) -> Option<ProjectAccess> {
    let granted = grant.map(|grant| match workspace_role {
        Some(Role::Billing) => ProjectAccess::Viewer,
        _ => grant.access(),
    });
    workspace_role
        .map(ProjectAccess::from_workspace_role)
        .max(granted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_access_is_the_higher_of_role_and_grant() {
        assert_eq!(effective_access(None, None), None);
        assert_eq!(
            effective_access(Some(Role::Billing), Some(GrantRole::Developer)),
            Some(ProjectAccess::Viewer),
            "billing members never read keys, whatever grant they hold"
        );
        assert_eq!(
            effective_access(Some(Role::Admin), Some(GrantRole::Viewer)),
            Some(ProjectAccess::Manager)
        );
        assert_eq!(
            effective_access(Some(Role::Developer), Some(GrantRole::Viewer)),
            Some(ProjectAccess::Developer)
        );
        assert_eq!(
            effective_access(None, Some(GrantRole::Viewer)),
            Some(ProjectAccess::Viewer)
        );
        for role in GrantRole::ALL {
            assert_eq!(GrantRole::parse(role.as_str()), Ok(role));
        }
        assert_eq!(GrantRole::parse("manager"), Err(UnknownGrantRole));
        assert_eq!(
            effective_access(Some(Role::Viewer), None),
            Some(ProjectAccess::Viewer)
        );
    }
}
