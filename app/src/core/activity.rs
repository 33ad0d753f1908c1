//! The kinds of event the activity feed records.

/// Something that happened to a workspace's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    /// An address was invited.
    Invited,
    /// A pending invite was revoked.
    RevokedInvite,
    /// A pending invite was sent again with a new link.
    ReissuedInvite,
    /// An invite was accepted.
    AcceptedInvite,
    /// A member's role changed.
    ChangedRole,
    /// A member was removed.
    RemovedMember,
    /// The workspace was renamed.
    RenamedWorkspace,
    /// Support transferred ownership.
    TransferredOwnership,
}

impl ActivityKind {
    const ALL: [Self; 8] = [
        Self::Invited,
        Self::RevokedInvite,
        Self::ReissuedInvite,
        Self::AcceptedInvite,
        Self::ChangedRole,
        Self::RemovedMember,
        Self::RenamedWorkspace,
        Self::TransferredOwnership,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::RevokedInvite => "revoked_invite",
            Self::ReissuedInvite => "reissued_invite",
            Self::AcceptedInvite => "accepted_invite",
            Self::ChangedRole => "changed_role",
            Self::RemovedMember => "removed_member",
            Self::RenamedWorkspace => "renamed_workspace",
            Self::TransferredOwnership => "transferred_ownership",
        }
    }

    /// The verb phrase the feed shows between the actor and the subject.
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::RevokedInvite => "revoked the invite of",
            Self::ReissuedInvite => "re-issued the invite of",
            Self::AcceptedInvite => "accepted the invite as",
            Self::ChangedRole => "changed the role of",
            Self::RemovedMember => "removed",
            Self::RenamedWorkspace => "renamed the workspace to",
            Self::TransferredOwnership => "transferred ownership to",
        }
    }

    /// The kind a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ActivityKind::parse("dropped_tables"), None);
    }
}
