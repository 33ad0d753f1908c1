//! The five ranked workspace roles.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A member's role in a workspace. The order of the variants is the rank, lowest
/// first, so `Role::Owner > Role::Admin` and so on.
///
/// Rank decides who may grant what (nobody grants above their own rank);
/// what each role may *do* is decided by [`crate::core::policy::authorize`], which is
/// a table, not a ladder (billing may do things developer may not, and vice versa).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Read-only on members, projects and licences.
    Viewer,
    /// Refunds and subscriptions; no project tokens.
    Billing,
    /// Project tokens and installs; no membership or billing changes.
    Developer,
    /// Manages team and projects; invites up to admin.
    Admin,
    /// Everything, including granting owner.
    Owner,
}

/// A role name that is not one of the five.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Choose one of the roles: owner, admin, developer, billing or viewer.")]
pub struct UnknownRole;

impl Role {
    /// Every role, highest rank first (the order pickers show them in).
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::Developer,
        Role::Billing,
        Role::Viewer,
    ];

    /// The stored and submitted name: `owner`, `admin`, `developer`, `billing`, `viewer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Developer => "developer",
            Self::Billing => "billing",
            Self::Viewer => "viewer",
        }
    }

    /// The name shown to people: `Owner`, `Admin`, ...
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Admin => "Admin",
            Self::Developer => "Developer",
            Self::Billing => "Billing",
            Self::Viewer => "Viewer",
        }
    }

    /// The role in a sentence, with its article and lower-cased: "an admin", "a
    /// billing member", "a viewer".
    pub fn with_article(self) -> &'static str {
        match self {
            Self::Owner => "an owner",
            Self::Admin => "an admin",
            Self::Developer => "a developer",
            Self::Billing => "a billing member",
            Self::Viewer => "a viewer",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(name: &str) -> Result<Self, UnknownRole> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or(UnknownRole)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        for bad in ["", "Owner", "root", "superadmin", " admin"] {
            assert_eq!(Role::parse(bad), Err(UnknownRole), "{bad:?}");
        }
    }

    #[test]
    fn ranks_are_ordered_owner_first() {
        assert!(Role::Owner > Role::Admin);
        assert!(Role::Admin > Role::Developer);
        assert!(Role::Developer > Role::Billing);
        assert!(Role::Billing > Role::Viewer);
    }
}
