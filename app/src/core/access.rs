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

/// Someone's access to a project and where it comes from: "Why this access?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessReason {
    /// The access that applies.
    pub access: ProjectAccess,
    /// Their workspace role and the access it gives, if they are a member.
    pub from_role: Option<(Role, ProjectAccess)>,
    /// Their grant on the project and the access it gives them, if they hold one.
    pub from_grant: Option<(GrantRole, ProjectAccess)>,
}

impl AccessReason {
    /// Whether the grant decides (it gives more than the workspace role).
    pub fn granted(self) -> bool {
        self.from_grant
            .is_some_and(|(_, access)| self.from_role.is_none_or(|(_, by_role)| access > by_role))
    }

    /// The explanation in a sentence: "Developer, from a project grant by Alice Anders
    /// on 2026-12-02; the workspace role viewer gives Viewer." or "Manager, as admin of
    /// the workspace."; `origin` says where the grant came from, named when it decides.
    pub fn sentence(self, origin: Option<&str>) -> String {
        let origin = origin
            .map(|origin| format!(" {origin}"))
            .unwrap_or_default();
        let access = self.access.label();
        let role_gives = |role: Role, by_role: ProjectAccess| {
            format!(
                "the workspace role {} gives {}",
                role.label().to_lowercase(),
                by_role.label()
            )
        };
        match (self.granted(), self.from_role, self.from_grant) {
            (true, Some((role, by_role)), _) => {
                format!(
                    "{access}, from a project grant{origin}; {}.",
                    role_gives(role, by_role)
                )
            }
            (true, None, _) => format!("{access}, from a share of the project{origin}."),
            (false, Some((role, by_role)), Some((grant, by_grant)))
                if !matches!(role, Role::Owner | Role::Admin) =>
            {
                let grant_gives = if by_grant < grant.access() {
                    format!(
                        "the project grant says {} but gives a billing member {} only",
                        grant.access().label(),
                        by_grant.label()
                    )
                } else {
                    format!("the project grant gives {} only", by_grant.label())
                };
                format!("{access}, {}; {grant_gives}.", role_gives(role, by_role))
            }
            (false, Some((role, _)), _) => {
                format!(
                    "{access}, as {} of the workspace.",
                    role.label().to_lowercase()
                )
            }
            (false, None, _) => format!("{access}."),
        }
    }
}

/// Why someone has the access they have on a project: the higher of what their
/// workspace role gives and what the project grants them; `None` when neither gives
/// any. A billing member never reads a key, so a grant gives them at most viewer
/// access, whatever it says (a developer grant held before they became billing
/// included). The one function behind the authorization check, what pages show and
/// the explanation they give.
pub fn access_reason(
    workspace_role: Option<Role>,
    grant: Option<GrantRole>,
) -> Option<AccessReason> {
    let from_role = workspace_role.map(|role| (role, ProjectAccess::from_workspace_role(role)));
    let from_grant = grant.map(|grant| match workspace_role {
        Some(Role::Billing) => (grant, ProjectAccess::Viewer),
        _ => (grant, grant.access()),
    });
    let access = from_role
        .map(|(_, access)| access)
        .max(from_grant.map(|(_, access)| access))?;
    Some(AccessReason {
        access,
        from_role,
        from_grant,
    })
}

/// The access someone has on a project (see [`access_reason`], which decides it).
pub fn effective_access(
    workspace_role: Option<Role>,
    grant: Option<GrantRole>,
) -> Option<ProjectAccess> {
    access_reason(workspace_role, grant).map(|reason| reason.access)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every workspace role, and none.
    const ROLES: [Option<Role>; 6] = [
        None,
        Some(Role::Owner),
        Some(Role::Admin),
        Some(Role::Developer),
        Some(Role::Billing),
        Some(Role::Viewer),
    ];

    #[test]
    fn the_explanation_and_the_decision_never_disagree() {
        for role in ROLES {
            for grant in [None, Some(GrantRole::Viewer), Some(GrantRole::Developer)] {
                let reason = access_reason(role, grant);
                assert_eq!(reason.map(|r| r.access), effective_access(role, grant));
                let Some(reason) = reason else {
                    assert_eq!((role, grant), (None, None), "only nobody has no access");
                    continue;
                };
                let sentence = reason.sentence(None);
                assert!(
                    sentence.starts_with(reason.access.label()),
                    "{role:?} {grant:?}: {sentence}"
                );
                // The sentence names what decides, and that gives exactly the access.
                if reason.granted() {
                    let (_, by_grant) = reason.from_grant.expect("a grant");
                    assert_eq!(by_grant, reason.access);
                    assert!(sentence.contains("project grant") || sentence.contains("share"));
                } else {
                    let (role, by_role) = reason.from_role.expect("a role");
                    assert_eq!(by_role, reason.access);
                    assert!(
                        sentence.contains(&role.label().to_lowercase()),
                        "{sentence}"
                    );
                }
            }
        }
        assert_eq!(
            access_reason(Some(Role::Viewer), Some(GrantRole::Developer))
                .map(|reason| reason.sentence(None)),
            Some(
                "Developer, from a project grant; the workspace role viewer gives Viewer."
                    .to_owned()
            )
        );
        assert_eq!(
            access_reason(Some(Role::Viewer), Some(GrantRole::Developer))
                .map(|reason| reason.sentence(Some("by Alice Anders on 2026-12-02"))),
            Some(
                "Developer, from a project grant by Alice Anders on 2026-12-02; the workspace \
                 role viewer gives Viewer."
                    .to_owned()
            )
        );
        assert_eq!(
            access_reason(Some(Role::Admin), Some(GrantRole::Developer))
                .map(|reason| reason.sentence(None)),
            Some("Manager, as admin of the workspace.".to_owned())
        );
        assert_eq!(
            access_reason(Some(Role::Billing), Some(GrantRole::Developer))
                .map(|reason| reason.sentence(None)),
            Some(
                "Viewer, the workspace role billing gives Viewer; the project grant says \
                 Developer but gives a billing member Viewer only."
                    .to_owned()
            )
        );
        assert_eq!(
            access_reason(None, Some(GrantRole::Viewer)).map(|reason| reason.sentence(None)),
            Some("Viewer, from a share of the project.".to_owned())
        );
    }

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
