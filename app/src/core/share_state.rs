//! Where a share stands at a moment, read from its dates: the one reading behind the
//! list of people outside a workspace, the access review and what a recipient whose
//! share is over is told.

/// Where a share stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareState {
    /// Its link was sent and can still be used.
    Pending,
    /// Its link expired before it was used; it can be resent or cancelled.
    LinkExpired,
    /// Its recipient accepted it and has access.
    Active,
    /// Its sender cancelled it before it was accepted.
    Cancelled,
    /// Someone who may share the project revoked it.
    Revoked,
    /// Its recipient left it.
    Left,
    /// Its end date came (whether or not the job has ended it yet).
    ReachedEnd,
}

/// A share's dates as stored (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareDates<'a> {
    /// When it was accepted.
    pub accepted_at: Option<i64>,
    /// When its link stops working.
    pub link_expires_at: i64,
    /// When access ends, if it has an end date.
    pub ends_at: Option<i64>,
    /// When it ended and how, as stored (`cancelled`, `revoked`, `left`).
    pub ended: Option<(i64, &'a str)>,
}

impl ShareDates<'_> {
    /// Where the share stands at `now`. A share is over at its end date even before
    /// the job ends it, and one ended at or after its end date (by the job, or
    /// revoked in between) reached its end.
    pub fn state(self, now: i64) -> ShareState {
        let over_at = self.ended.map_or(now, |(at, _)| at);
        if self.ends_at.is_some_and(|end| end <= over_at) {
            return ShareState::ReachedEnd;
        }
        match (self.ended, self.accepted_at) {
            (Some((_, "left")), _) => ShareState::Left,
            (Some((_, "cancelled")), _) => ShareState::Cancelled,
            (Some(_), _) => ShareState::Revoked,
            (None, Some(_)) => ShareState::Active,
            (None, None) if self.link_expires_at <= now => ShareState::LinkExpired,
            (None, None) => ShareState::Pending,
        }
    }
}

impl ShareState {
    /// The state in the words of the access review.
    pub fn words(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::LinkExpired => "link expired",
            Self::Active => "active",
            Self::Cancelled => "cancelled",
            Self::Revoked => "revoked",
            Self::Left => "left",
            Self::ReachedEnd => "reached its end date",
        }
    }

    /// Whether the share still lists among the project's people outside the
    /// workspace (pending, its link expired, or active).
    pub fn live(self) -> bool {
        matches!(self, Self::Pending | Self::LinkExpired | Self::Active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_000_000;

    fn dates(accepted: bool, ends_at: Option<i64>, ended: Option<(i64, &str)>) -> ShareDates<'_> {
        ShareDates {
            accepted_at: accepted.then_some(NOW - 100),
            link_expires_at: NOW + 100,
            ends_at,
            ended,
        }
    }

    #[test]
    fn every_share_reads_as_one_state() {
        let table = [
            (dates(false, None, None), ShareState::Pending),
            (dates(true, None, None), ShareState::Active),
            (dates(true, Some(NOW + 1), None), ShareState::Active),
            (dates(true, Some(NOW), None), ShareState::ReachedEnd),
            (dates(false, Some(NOW - 5), None), ShareState::ReachedEnd),
            (dates(true, None, Some((NOW - 9, "left"))), ShareState::Left),
            (
                dates(false, None, Some((NOW - 9, "cancelled"))),
                ShareState::Cancelled,
            ),
            (
                dates(true, None, Some((NOW - 9, "revoked"))),
                ShareState::Revoked,
            ),
            // Revoked before its end date; ended by the job at it; revoked after it.
            (
                dates(true, Some(NOW), Some((NOW - 9, "revoked"))),
                ShareState::Revoked,
            ),
            (
                dates(true, Some(NOW - 9), Some((NOW - 9, "revoked"))),
                ShareState::ReachedEnd,
            ),
            (
                dates(true, Some(NOW - 9), Some((NOW - 2, "revoked"))),
                ShareState::ReachedEnd,
            ),
        ];
        for (share, want) in table {
            assert_eq!(share.state(NOW), want, "{share:?}");
        }
        let expired = ShareDates {
            link_expires_at: NOW,
            ..dates(false, None, None)
        };
        assert_eq!(expired.state(NOW), ShareState::LinkExpired);
        assert!(ShareState::LinkExpired.live() && !ShareState::ReachedEnd.live());
    }
}
