//! The decision for everything done on one project.

use super::Denial;
use crate::core::access::{GrantRole, ProjectAccess};
use crate::core::role::Role;

/// Who is asking, as a project decision sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectActor {
    /// Their effective access, from [`crate::core::access::effective_access`].
    pub access: Option<ProjectAccess>,
    /// Whether they belong to the project's workspace.
    pub member: bool,
}

/// Something a person may try to do on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectAction {
    /// See the project, its licences, install snippets and how many keys it has.
    View,
    /// List, reveal and rotate the project's access keys (seed 001: what a developer
    /// guest does).
    UseKeys,
    /// Mint keys and deactivate them: workspace members who use keys, never a share's
    /// recipient, who must not end a key the workspace's machines rely on.
    ManageKeys,
    /// Attach and detach licences.
    ManageLicences,
    /// Rename or delete the project.
    ManageProject,
    /// See who has access and what happened: the project's Members screen and its
    /// activity (workspace members only, never a share's recipient).
    ViewMembers,
    /// Share the project with an address outside the workspace, and manage its
    /// shares. Never a recipient's: sharing is one hop.
    Share,
    /// Leave a project shared with them: a share's recipient only (a member of the
    /// workspace leaves the workspace instead).
    Leave,
    /// Set or clear the project role of a workspace member with role `target`.
    SetAccess {
        /// The member's workspace role.
        target: Role,
        /// The project role given, `None` to clear it.
        to: Option<GrantRole>,
    },
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

/// Decides whether `actor` may do `action` on a project. Without any access the
/// project is invisible: answered as not found, so ids of other workspaces' projects
/// reveal nothing.
pub fn authorize_project(
    actor: ProjectActor,
    action: ProjectAction,
) -> Result<ProjectPermit, Denial> {
    let access = actor.access.ok_or(Denial::Invisible)?;
    let allowed = match action {
        ProjectAction::View => Ok(()),
        ProjectAction::UseKeys => allow(access.uses_keys()),
        ProjectAction::ManageKeys => allow(actor.member && access.uses_keys()),
        ProjectAction::ManageLicences | ProjectAction::ManageProject => allow(access.manages()),
        ProjectAction::ViewMembers => allow(actor.member),
        ProjectAction::Share => allow(actor.member && access.manages()),
        ProjectAction::Leave => allow(!actor.member),
        ProjectAction::SetAccess { target, to } => {
            allow(access.manages()).and(settable_access(target, to))
        }
    };
    allowed.map(|()| ProjectPermit { access, action })
}

/// Whether a member with workspace role `target` may be given project access `to`
/// (`None`: none): owners' and admins' access is fixed, and billing members never get
/// developer access, so they never read a key.
fn settable_access(target: Role, to: Option<GrantRole>) -> Result<(), Denial> {
    match (target, to) {
        (Role::Owner | Role::Admin, _) => Err(Denial::FixedAccess),
        (Role::Billing, Some(GrantRole::Developer)) => Err(Denial::BillingSeesNoKeys),
        (Role::Developer | Role::Billing | Role::Viewer, _) => Ok(()),
    }
}

/// The project roles a member with workspace role `target` can be given, lowest
/// first: what the Members screen's dropdown offers.
pub fn settable_grants(target: Role) -> Vec<GrantRole> {
    GrantRole::ALL
        .into_iter()
        .filter(|grant| settable_access(target, Some(*grant)).is_ok())
        .collect()
}

/// A share's recipient with `role`, as a project decision sees them: what a preview
/// of the project as they will see it is decided for.
pub fn recipient(role: GrantRole) -> ProjectActor {
    ProjectActor {
        access: Some(role.access()),
        member: false,
    }
}

/// What a share's recipient with `role` can do on the project, in one sentence made
/// from the decisions above (the share dialog says it beside the role).
pub fn what_a_recipient_can_do(role: GrantRole) -> String {
    let may = |action| authorize_project(recipient(role), action).is_ok();
    let keys = match (may(ProjectAction::UseKeys), may(ProjectAction::ManageKeys)) {
        (false, _) => "never an access key",
        (true, false) => {
            "and reads and rotates its access keys (the workspace mints and deactivates them)"
        }
        (true, true) => "and reads, rotates, mints and deactivates its access keys",
    };
    format!(
        "A {} sees this project, its licences and install commands, {keys}; never prices, \
         other projects or members.",
        role.as_str()
    )
}

fn allow(allowed: bool) -> Result<(), Denial> {
    if allowed {
        Ok(())
    } else {
        Err(Denial::NotAllowed)
    }
}
