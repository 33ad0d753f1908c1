//! Who may do what in a workspace: the one authorization decision.
//!
//! [`authorize`] is pure and total: it takes every fact the decision needs, loaded
//! beforehand (inside the transaction that will act on it), and matches every action
//! without a wildcard arm. A [`Permit`] can only be made here; every store method that
//! changes a workspace decides under the workspace's lock and records its activity
//! only from the permit it got.

use super::role::Role;

pub mod projects;

/// A workspace member as a decision sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Their account.
    pub user_id: i64,
    /// Their role in the workspace.
    pub role: Role,
}

/// Something a member may try to do in their workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Work in the workspace: make it the session's (every member may).
    SwitchTo,
    /// See the members, pending invites and activity.
    ViewTeam,
    /// Rename the workspace.
    RenameWorkspace,
    /// Set the longest lifetime of the workspace's new access keys.
    SetKeyLifetime,
    /// See the workspace's projects.
    ViewProjects,
    /// Download the access review: who can install what, and every key.
    ReviewAccess,
    /// Create projects.
    CreateProject,
    /// See subscriptions, prices and invoices.
    ViewBilling,
    /// Cancel subscriptions and request refunds.
    ManageBilling,
    /// Invite an address with a role.
    Invite {
        /// The role offered.
        role: Role,
    },
    /// Revoke or re-issue a pending invite with this role.
    ManageInvite {
        /// The role the invite offers.
        role: Role,
    },
    /// Change a member's role.
    ChangeRole {
        /// The member whose role changes.
        target: Member,
        /// The new role.
        to: Role,
        /// How many owners the workspace has now.
        owners: usize,
    },
    /// Remove a member from the workspace.
    RemoveMember {
        /// The member removed.
        target: Member,
        /// How many owners the workspace has now.
        owners: usize,
    },
}

/// Why an action was refused, phrased for the person who tried it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// The thing is not visible to the actor at all; answered as not found.
    #[error("Not found.")]
    Invisible,
    /// The role does not allow this kind of action at all.
    #[error("Your role does not allow this.")]
    NotAllowed,
    /// The role asked for is above the actor's own.
    #[error("You cannot grant a role above your own.")]
    AboveOwnRank,
    /// Only owners may make someone an owner or change an owner.
    #[error("Only an owner can do this to an owner.")]
    OwnersOnly,
    /// Nobody changes their own role or removes themselves this way.
    #[error("You cannot change your own role or remove yourself.")]
    Yourself,
    /// Owners' and admins' access to a project comes with their role.
    #[error("Owners and admins have full access to every project; it cannot be changed here.")]
    FixedAccess,
    /// Billing members never read access keys, so never get developer access.
    #[error(
        "Billing members never see access keys: give them viewer access, or change their role."
    )]
    BillingSeesNoKeys,
    /// The workspace would be left without an owner.
    #[error("A workspace needs at least one owner. Make someone else an owner first.")]
    LastOwner,
}

/// Proof that [`authorize`] allowed `action` to `actor`. Only `authorize` makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    actor: Member,
    action: Action,
}

impl Permit {
    /// Who was allowed.
    pub fn actor(&self) -> Member {
        self.actor
    }

    /// What they were allowed to do.
    pub fn action(&self) -> Action {
        self.action
    }
}

fn manages_team(role: Role) -> bool {
    match role {
        Role::Owner | Role::Admin => true,
        Role::Developer | Role::Billing | Role::Viewer => false,
    }
}

/// Checks that `actor` may grant `role`: only team managers, at or below their rank,
/// and only owners grant owner.
fn may_grant(actor: Role, role: Role) -> Result<(), Denial> {
    if !manages_team(actor) {
        Err(Denial::NotAllowed)
    } else if role == Role::Owner && actor != Role::Owner {
        Err(Denial::OwnersOnly)
    } else if role > actor {
        Err(Denial::AboveOwnRank)
    } else {
        Ok(())
    }
}

/// Checks that `actor` may act on the membership of `target` (change or remove it).
fn may_manage(actor: Member, target: Member) -> Result<(), Denial> {
    if !manages_team(actor.role) {
        Err(Denial::NotAllowed)
    } else if actor.user_id == target.user_id {
        Err(Denial::Yourself)
    } else if target.role == Role::Owner && actor.role != Role::Owner {
        Err(Denial::OwnersOnly)
    } else {
        Ok(())
    }
}

/// Decides whether `actor` may do `action` in their workspace. Default deny.
pub fn authorize(actor: Member, action: Action) -> Result<Permit, Denial> {
    let allowed = match action {
        Action::SwitchTo | Action::ViewTeam | Action::ViewProjects => Ok(()),
        Action::CreateProject | Action::ReviewAccess => {
            if manages_team(actor.role) {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Action::ViewBilling | Action::ManageBilling => match actor.role {
            Role::Owner | Role::Billing => Ok(()),
            Role::Admin | Role::Developer | Role::Viewer => Err(Denial::NotAllowed),
        },
        Action::RenameWorkspace | Action::SetKeyLifetime => {
            if actor.role == Role::Owner {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Action::Invite { role } | Action::ManageInvite { role } => may_grant(actor.role, role),
        Action::ChangeRole { target, to, owners } => may_manage(actor, target)
            .and_then(|()| may_grant(actor.role, to))
            .and_then(|()| {
                let demotes_last_owner =
                    target.role == Role::Owner && to != Role::Owner && owners <= 1;
                if demotes_last_owner {
                    Err(Denial::LastOwner)
                } else {
                    Ok(())
                }
            }),
        Action::RemoveMember { target, owners } => may_manage(actor, target).and_then(|()| {
            if target.role == Role::Owner && owners <= 1 {
                Err(Denial::LastOwner)
            } else {
                Ok(())
            }
        }),
    };
    allowed.map(|()| Permit { actor, action })
}

/// Whether `actor` may do `action`: what a page asks to decide whether to show the
/// control that would try it (the server decides again when it is tried).
pub fn allows(actor: Member, action: Action) -> bool {
    authorize(actor, action).is_ok()
}

/// Whether `actor` may change or remove `target`'s membership at all; whether the
/// workspace would be left without an owner is known only when it is tried.
pub fn may_manage_member(actor: Member, target: Member) -> bool {
    may_manage(actor, target).is_ok()
}

/// The roles `actor` may offer, in an invite or a role change, highest first.
pub fn offerable_roles(actor: Role) -> impl Iterator<Item = Role> {
    Role::ALL
        .into_iter()
        .filter(move |role| may_grant(actor, *role).is_ok())
}

#[cfg(test)]
mod tests;
