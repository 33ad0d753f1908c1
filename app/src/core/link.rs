//! Emailed links: their states and what each kind of link says in each state.
//!
//! Every link Packagento emails (verifying an address, resetting a password, changing
//! an address, joining a workspace, accepting a share) is single-use, bound to one
//! address and stored only as a keyed digest. Opening one changes nothing; using it
//! is one conditional write. This table is the one place their words live.

use serde::{Deserialize, Serialize};

/// What an emailed link would do if used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// It works.
    Valid,
    /// It was used already.
    Used,
    /// It is past its expiry.
    Expired,
    /// Its sender withdrew it after it was accepted, or an invite before.
    Revoked,
    /// Its sender cancelled it before it was used (a share).
    Cancelled,
    /// No such link exists.
    Invalid,
}

/// The kinds of emailed link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    /// Verifies the address of a new registration.
    Verification,
    /// Sets a new password for a forgotten one.
    PasswordReset,
    /// Confirms a new address for an account.
    EmailChange,
    /// Joins a workspace.
    Invite,
    /// Accepts a share of a project.
    Share,
}

/// Why a link was refused when the account using it is not the one it was sent to.
pub const SENT_TO_ANOTHER_ADDRESS: &str = "signed in as another account";

/// Why an account may not use an emailed link (see [`may_use`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// The link cannot be used in its state.
    Unusable(LinkState),
    /// It was sent to another address than the account's.
    AnotherAddress,
}

impl LinkRefusal {
    /// The reason the sender's feed records.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Unusable(state) => state.refusal_reason(),
            Self::AnotherAddress => SENT_TO_ANOTHER_ADDRESS,
        }
    }
}

/// A use of an emailed link that [`may_use`] allowed: made only there, and taken by
/// every store write that uses a link (joining, accepting, registering through it),
/// so that none happens, nor is recorded, without the decision.
#[derive(Debug, PartialEq, Eq)]
pub struct LinkUse {
    _decided: (),
}

/// Whether the account with the address `account` may use a link in `state` that was
/// sent to `sent_to`: the one decision behind accepting an invite or a share while
/// signed in (addresses are compared normalised, as stored).
pub fn may_use(state: LinkState, sent_to: &str, account: &str) -> Result<LinkUse, LinkRefusal> {
    if state != LinkState::Valid {
        Err(LinkRefusal::Unusable(state))
    } else if sent_to != account {
        Err(LinkRefusal::AnotherAddress)
    } else {
        Ok(LinkUse { _decided: () })
    }
}

/// Asks to check the link was copied whole; the answer for a link that matches nothing.
const NOT_VALID: &str =
    "This link is not valid. Check that you opened the whole address from the email.";

impl LinkState {
    /// The state of a link from its row: used first, then withdrawn (`Revoked` or
    /// `Cancelled`, when it was), then past `expires_at`, else valid.
    pub fn of(used: bool, withdrawn: Option<LinkState>, expires_at: i64, now: i64) -> Self {
        if used {
            Self::Used
        } else if let Some(withdrawn) = withdrawn {
            withdrawn
        } else if expires_at <= now {
            Self::Expired
        } else {
            Self::Valid
        }
    }

    /// Why a link in this state was refused, as the sender's activity feed says it.
    pub fn refusal_reason(self) -> &'static str {
        match self {
            Self::Used => "already used",
            Self::Expired => "expired",
            Self::Revoked => "withdrawn",
            Self::Cancelled => "cancelled",
            Self::Valid | Self::Invalid => "not valid",
        }
    }

    /// What to tell the person who opened a link of `kind` in this state (or lost a
    /// race to use it): what really happened, and what they can do now.
    pub fn message(self, kind: LinkKind) -> &'static str {
        use LinkKind as K;
        match (kind, self) {
            (K::Invite, Self::Invalid) => {
                "This invite link is not valid. Check that you opened the whole address from the email."
            }
            (K::Share, Self::Invalid) => {
                "This share link is not valid. Check that you opened the whole address from the email."
            }
            (_, Self::Invalid) => NOT_VALID,
            (K::Verification, Self::Valid) => "This link verifies your email address.",
            (K::Verification, Self::Used) => {
                "This link was already used, so your address is verified. Sign in to continue."
            }
            (K::Verification, Self::Expired) => {
                "This link has expired. Register again to get a new one."
            }
            (K::Verification, Self::Revoked | Self::Cancelled) => {
                "This address was verified by another registration, or this one was withdrawn. \
                 Sign in, or use Forgot password if it is your address."
            }
            (K::PasswordReset, Self::Valid) => "Choose a new password for your account.",
            (K::PasswordReset, Self::Used) => {
                "This link was already used. Sign in with your new password, or ask for another link."
            }
            (K::PasswordReset, Self::Expired) => {
                "This link has expired: reset links work for one hour. Ask for another one."
            }
            (K::PasswordReset, Self::Revoked | Self::Cancelled) => {
                "A newer link was sent, or the password was changed since. Use the newest email, or ask for another link."
            }
            (K::EmailChange, Self::Valid) => "This link confirms your new email address.",
            (K::EmailChange, Self::Used) => "This link was already used: your address was changed.",
            (K::EmailChange, Self::Expired) => {
                "This link has expired. Change your address again from your account page."
            }
            (K::EmailChange, Self::Revoked | Self::Cancelled) => {
                "This change was replaced by a newer one, or the address was taken meanwhile. \
                 Change your address again from your account page."
            }
            (K::Invite, Self::Valid) => "This invite is waiting for you.",
            (K::Invite, Self::Used) => {
                "This invite was already accepted. Sign in to reach the workspace."
            }
            (K::Invite, Self::Expired) => {
                "This invite has expired. Ask whoever invited you to re-issue it."
            }
            (K::Invite, Self::Revoked | Self::Cancelled) => {
                "This invite was revoked. Ask whoever invited you for a new one."
            }
            (K::Share, Self::Valid) => "This share is waiting for you.",
            (K::Share, Self::Used) => {
                "This share was already accepted. Sign in to find the project under Shared with me."
            }
            (K::Share, Self::Expired) => {
                "This share has expired. Ask whoever shared the project to resend it."
            }
            (K::Share, Self::Cancelled) => {
                "This share was cancelled before it was accepted. Ask whoever shared the project for a new one."
            }
            (K::Share, Self::Revoked) => {
                "This share was revoked, or the project was deleted. Ask whoever shared the project for a new one."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_valid_link_sent_to_the_account_may_be_used() {
        let (rita, sam) = ("rita@example.test", "sam@example.test");
        let table = [
            (LinkState::Valid, rita, Ok(())),
            (LinkState::Valid, sam, Err(LinkRefusal::AnotherAddress)),
            (
                LinkState::Used,
                rita,
                Err(LinkRefusal::Unusable(LinkState::Used)),
            ),
            (
                LinkState::Expired,
                sam,
                Err(LinkRefusal::Unusable(LinkState::Expired)),
            ),
            (
                LinkState::Cancelled,
                rita,
                Err(LinkRefusal::Unusable(LinkState::Cancelled)),
            ),
            (
                LinkState::Revoked,
                rita,
                Err(LinkRefusal::Unusable(LinkState::Revoked)),
            ),
        ];
        for (state, account, want) in table {
            assert_eq!(
                may_use(state, rita, account).map(drop),
                want,
                "{state:?} as {account}"
            );
        }
        assert_eq!(
            LinkRefusal::AnotherAddress.reason(),
            SENT_TO_ANOTHER_ADDRESS
        );
    }

    #[test]
    fn a_state_follows_use_then_withdrawal_then_expiry() {
        let withdrawn = Some(LinkState::Cancelled);
        assert_eq!(LinkState::of(true, withdrawn, 0, 10), LinkState::Used);
        assert_eq!(LinkState::of(false, withdrawn, 0, 10), LinkState::Cancelled);
        assert_eq!(LinkState::of(false, None, 10, 10), LinkState::Expired);
        assert_eq!(LinkState::of(false, None, 11, 10), LinkState::Valid);
    }

    const KINDS: [LinkKind; 5] = [
        LinkKind::Verification,
        LinkKind::PasswordReset,
        LinkKind::EmailChange,
        LinkKind::Invite,
        LinkKind::Share,
    ];

    #[test]
    fn every_refused_state_says_something_other_than_valid() {
        for kind in KINDS {
            let valid = LinkState::Valid.message(kind);
            for state in [
                LinkState::Used,
                LinkState::Expired,
                LinkState::Revoked,
                LinkState::Cancelled,
                LinkState::Invalid,
            ] {
                assert_ne!(state.message(kind), valid, "{kind:?} {state:?}");
                assert_ne!(state.refusal_reason(), "", "{state:?}");
            }
        }
        assert!(
            LinkState::Cancelled
                .message(LinkKind::Share)
                .contains("cancelled")
        );
        assert!(
            !LinkState::Cancelled
                .message(LinkKind::Share)
                .contains("accepted. Sign in")
        );
    }
}
