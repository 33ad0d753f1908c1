//! Workspaces and their teams: the switcher, members, invites and activity.

use crate::core::link::LinkState;
use crate::core::role::Role;
use serde::{Deserialize, Serialize};

/// A workspace the user belongs to, as the switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    /// The workspace.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The user's role in it.
    pub role: Role,
    /// The longest lifetime of its new access keys, in days, if it sets one.
    pub max_key_days: Option<i64>,
}

/// The user's workspaces and which one this session works in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspaces {
    /// The one every page and server function is scoped to.
    pub active: WorkspaceSummary,
    /// All of them, the active one included, by name.
    pub all: Vec<WorkspaceSummary>,
    /// What the user may do in the active one.
    pub can: WorkspaceRights,
}

/// What the signed-in user may do in the active workspace, as the server's policy
/// decided it. Pages show and hide controls from these and from the rows' own
/// `can_manage`, never from a rule of their own; the server decides every request
/// again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceRights {
    /// Whether they invite people.
    pub invite: bool,
    /// The roles they may offer in an invite or a role change, highest first (none:
    /// they invite nobody).
    pub offer: Vec<Role>,
    /// Whether they see prices, subscriptions and invoices.
    pub view_billing: bool,
    /// Whether they download the access review.
    pub review_access: bool,
    /// Whether they rename the workspace.
    pub rename: bool,
    /// Whether they set the longest lifetime of new keys.
    pub set_key_lifetime: bool,
}

/// A member as Org settings lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    /// Their account.
    pub user_id: i64,
    /// Their display name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Their role here.
    pub role: Role,
    /// Whether the signed-in user may change their role or remove them.
    pub can_manage: bool,
    /// When they joined (Unix seconds).
    pub joined_at: i64,
}

/// The columns the member list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum MemberSort {
    /// Display name.
    #[default]
    Name,
    /// Address.
    Email,
    /// Role, by rank.
    Role,
    /// Joined date.
    Joined,
}

/// One page of the member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    /// The members on this page.
    pub rows: Vec<MemberRow>,
    /// How many members match the search in all.
    pub total: i64,
    /// The page shown, from 0.
    pub page: i64,
}

/// An invitation not yet accepted or revoked; its link may have expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvite {
    /// The invite.
    pub id: i64,
    /// The address invited.
    pub email: String,
    /// The role offered.
    pub role: Role,
    /// Who sent it.
    pub invited_by: String,
    /// When its link stops working, or stopped (Unix seconds).
    pub expires_at: i64,
    /// Whether the link expired; it can still be re-issued or revoked.
    pub expired: bool,
    /// Whether the signed-in user may re-issue or revoke it.
    pub can_manage: bool,
}

/// One line of the activity feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    /// Who did it: a name, "Packagento support", or "Someone signed out".
    pub actor: String,
    /// What happened, in words: "invited", "changed the role of", ...
    pub action: String,
    /// Whom or what it happened to.
    pub subject: String,
    /// The role or change of role, if any.
    pub detail: String,
    /// When (Unix seconds).
    pub created_at: i64,
}

/// What an invite link would do if used now, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePreview {
    /// Whether it can be used.
    pub state: LinkState,
    /// The workspace it joins (only for a usable link).
    pub workspace: String,
    /// The role it grants.
    pub role: Option<Role>,
    /// The address it was sent to.
    pub email: String,
    /// The address of the signed-in user, if someone is signed in.
    pub signed_in_as: Option<String>,
}

/// What removing a member did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The person removed.
    pub display_name: String,
    /// How many project tokens they had minted here, now deactivated.
    pub tokens_deactivated: i64,
}

/// What changing a member's role did: the member as they are now, and what their new
/// role took away (see the store's `reconsider_rights`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChange {
    /// The member with their new role.
    pub member: MemberRow,
    /// Developer grants on projects that became viewer grants (billing never reads keys).
    pub grants_lowered: i64,
    /// Keys they minted on projects whose keys they can no longer read, deactivated.
    pub keys_deactivated: i64,
    /// Pending invites they sent that their new role could not send, revoked.
    pub invites_revoked: i64,
}

impl RoleChange {
    /// The sentence that tells the person who changed the role what happened.
    pub fn summary(&self) -> String {
        let name = &self.member.display_name;
        let mut sentence = format!("{name} is now {}.", self.member.role.with_article());
        let counted = |n: i64, one: &str, many: &str| match n {
            0 => String::new(),
            1 => format!(" {one}"),
            n => format!(" {}", many.replace('#', &n.to_string())),
        };
        sentence.push_str(&counted(
            self.grants_lowered,
            "Their developer access to one project became viewer access.",
            "Their developer access to # projects became viewer access.",
        ));
        sentence.push_str(&counted(
            self.keys_deactivated,
            "One key they minted was deactivated.",
            "# keys they minted were deactivated.",
        ));
        sentence.push_str(&counted(
            self.invites_revoked,
            "One invite they sent was revoked.",
            "# invites they sent were revoked.",
        ));
        sentence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_change_names_the_role_and_what_it_took_away() {
        let member = MemberRow {
            user_id: 5,
            display_name: "Erin Evans".to_owned(),
            email: "erin@acme.test".to_owned(),
            role: Role::Billing,
            can_manage: true,
            joined_at: 0,
        };
        let change = |grants, keys, invites| RoleChange {
            member: member.clone(),
            grants_lowered: grants,
            keys_deactivated: keys,
            invites_revoked: invites,
        };
        assert_eq!(
            change(0, 0, 0).summary(),
            "Erin Evans is now a billing member."
        );
        assert_eq!(
            change(1, 2, 1).summary(),
            "Erin Evans is now a billing member. Their developer access to one project became \
             viewer access. 2 keys they minted were deactivated. One invite they sent was revoked."
        );
    }
}
