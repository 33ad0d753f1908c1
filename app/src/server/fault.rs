//! Fault points: named places inside a transaction where a request can be held, so
//! that the fault tests can kill the server there and check that the change is all
//! or nothing after a restart.
//!
//! A point is active only in a process started with `PACKAGENTO_FAULT_POINT` set to
//! its name; a request that reaches it logs so and waits until the process is killed.
//! Without the variable, reaching a point costs one comparison.

use std::sync::OnceLock;

/// Where a transaction can be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// Accepting a share: the share is marked accepted, the grant not yet written.
    AcceptShare,
    /// Removing a member: their keys are deactivated, the membership still there.
    RemoveMember,
    /// Rotating a key: the new value is written, the activity not yet.
    RotateKey,
}

impl FaultPoint {
    fn name(self) -> &'static str {
        match self {
            Self::AcceptShare => "accept_share",
            Self::RemoveMember => "remove_member",
            Self::RotateKey => "rotate_key",
        }
    }

    /// Holds the request here for good if this is the active point.
    pub async fn reach(self) {
        static ACTIVE: OnceLock<Option<String>> = OnceLock::new();
        let active = ACTIVE.get_or_init(|| std::env::var("PACKAGENTO_FAULT_POINT").ok());
        if active.as_deref() == Some(self.name()) {
            tracing::warn!(
                point = self.name(),
                "fault point reached: waiting to be killed"
            );
            std::future::pending::<()>().await;
        }
    }
}
