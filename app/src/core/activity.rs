//! The kinds of event the activity feeds record.

/// Something that happened to a workspace's team or one of its projects.
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
    /// A project was created.
    CreatedProject,
    /// A project was renamed.
    RenamedProject,
    /// A project was deleted.
    DeletedProject,
    /// A licence was attached to a project.
    AttachedLicence,
    /// A licence was detached from a project.
    DetachedLicence,
    /// An access key was minted.
    MintedKey,
    /// An access key got a new value.
    RotatedKey,
    /// An access key was deactivated.
    DeactivatedKey,
    /// A member's project access was set or cleared.
    ChangedProjectAccess,
    /// The project was shared with an address.
    SharedProject,
    /// A pending share got a new link.
    ResentShare,
    /// A pending share was cancelled.
    CancelledShare,
    /// An active share was revoked.
    RevokedShare,
    /// A share was accepted.
    AcceptedShare,
    /// A recipient left a share.
    LeftShare,
    /// The role of a share changed.
    ChangedShareRole,
    /// An invite link that can no longer be used, or not by this account, was tried.
    RefusedInviteLink,
    /// A share link that can no longer be used, or not by this account, was tried.
    RefusedShareLink,
    /// A file of the access review was downloaded.
    DownloadedAccessReview,
    /// The longest lifetime of new access keys was set.
    SetKeyLifetime,
    /// When a share ends was changed.
    ChangedShareEnd,
    /// A share reached its end date and ended.
    ShareReachedEnd,
    /// A licence was bought from the catalogue.
    BoughtLicence,
    /// A licence code was activated.
    ActivatedLicence,
}

impl ActivityKind {
    const ALL: [Self; 32] = [
        Self::Invited,
        Self::RevokedInvite,
        Self::ReissuedInvite,
        Self::AcceptedInvite,
        Self::ChangedRole,
        Self::RemovedMember,
        Self::RenamedWorkspace,
        Self::TransferredOwnership,
        Self::CreatedProject,
        Self::RenamedProject,
        Self::DeletedProject,
        Self::AttachedLicence,
        Self::DetachedLicence,
        Self::MintedKey,
        Self::RotatedKey,
        Self::DeactivatedKey,
        Self::ChangedProjectAccess,
        Self::SharedProject,
        Self::ResentShare,
        Self::CancelledShare,
        Self::RevokedShare,
        Self::AcceptedShare,
        Self::LeftShare,
        Self::ChangedShareRole,
        Self::RefusedInviteLink,
        Self::RefusedShareLink,
        Self::DownloadedAccessReview,
        Self::SetKeyLifetime,
        Self::ChangedShareEnd,
        Self::ShareReachedEnd,
        Self::BoughtLicence,
        Self::ActivatedLicence,
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
            Self::CreatedProject => "created_project",
            Self::RenamedProject => "renamed_project",
            Self::DeletedProject => "deleted_project",
            Self::AttachedLicence => "attached_licence",
            Self::DetachedLicence => "detached_licence",
            Self::MintedKey => "minted_key",
            Self::RotatedKey => "rotated_key",
            Self::DeactivatedKey => "deactivated_key",
            Self::ChangedProjectAccess => "changed_project_access",
            Self::SharedProject => "shared_project",
            Self::ResentShare => "resent_share",
            Self::CancelledShare => "cancelled_share",
            Self::RevokedShare => "revoked_share",
            Self::AcceptedShare => "accepted_share",
            Self::LeftShare => "left_share",
            Self::ChangedShareRole => "changed_share_role",
            Self::RefusedInviteLink => "refused_invite_link",
            Self::RefusedShareLink => "refused_share_link",
            Self::DownloadedAccessReview => "downloaded_access_review",
            Self::SetKeyLifetime => "set_key_lifetime",
            Self::ChangedShareEnd => "changed_share_end",
            Self::ShareReachedEnd => "share_reached_end",
            Self::BoughtLicence => "bought_licence",
            Self::ActivatedLicence => "activated_licence",
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
            Self::CreatedProject => "created the project",
            Self::RenamedProject => "renamed a project to",
            Self::DeletedProject => "deleted the project",
            Self::AttachedLicence => "attached the licence of",
            Self::DetachedLicence => "detached the licence of",
            Self::MintedKey => "minted the access key",
            Self::RotatedKey => "rotated the access key",
            Self::DeactivatedKey => "deactivated the access key",
            Self::ChangedProjectAccess => "changed the project access of",
            Self::SharedProject => "shared the project with",
            Self::ResentShare => "sent a new share link to",
            Self::CancelledShare => "cancelled the share of",
            Self::RevokedShare => "revoked the share of",
            Self::AcceptedShare => "accepted the share sent to",
            Self::LeftShare => "left the project, shared with",
            Self::ChangedShareRole => "changed the share role of",
            Self::RefusedInviteLink => "was refused the invite link of",
            Self::RefusedShareLink => "was refused the share link of",
            Self::DownloadedAccessReview => "downloaded the access review of",
            Self::SetKeyLifetime => "set the longest lifetime of new keys to",
            Self::ChangedShareEnd => "changed when the share ends of",
            Self::ShareReachedEnd => "ended on its end date the share of",
            Self::BoughtLicence => "bought a licence of",
            Self::ActivatedLicence => "activated a licence code for",
        }
    }

    /// Who the feed names when no account did it: support, or, for a refused link,
    /// whoever opened it without signing in.
    pub fn unknown_actor(self) -> &'static str {
        match self {
            Self::RefusedInviteLink | Self::RefusedShareLink => "Someone signed out",
            Self::ShareReachedEnd => "Packagento",
            _ => "Packagento support",
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
