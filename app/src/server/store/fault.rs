//! Fault points: named places where a request (inside its transaction) or the mail
//! worker can be held, so that the fault tests can kill or stop the server there and
//! check that the change is all or nothing, or the mail sent once.
//!
//! A point is active only in a process started with `PACKAGENTO_FAULT_POINT` set to
//! its name; a request that reaches it logs so and waits until the process is killed,
//! or, with `PACKAGENTO_FAULT_HOLD_MS`, that many milliseconds (a slow request, for the
//! test of a clean stop). Without the variable, reaching a point costs one comparison.

use std::sync::OnceLock;

/// Where work can be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// Accepting a share: the share is marked accepted, the grant not yet written.
    AcceptShare,
    /// Removing a member: their keys are deactivated, the membership still there.
    RemoveMember,
    /// Rotating a key: the new value is written, the activity not yet.
    RotateKey,
    /// Sending an email: claimed by the mail worker, not yet handed to SMTP.
    SendMail,
}

impl FaultPoint {
    fn name(self) -> &'static str {
        match self {
            Self::AcceptShare => "accept_share",
            Self::RemoveMember => "remove_member",
            Self::RotateKey => "rotate_key",
            Self::SendMail => "send_mail",
        }
    }

    /// Holds the request here if this is the active point: for good, or for the
    /// configured time.
    pub async fn reach(self) {
        static ACTIVE: OnceLock<Option<(String, Option<u64>)>> = OnceLock::new();
        let active = ACTIVE.get_or_init(|| {
            let point = std::env::var("PACKAGENTO_FAULT_POINT").ok()?;
            let hold = std::env::var("PACKAGENTO_FAULT_HOLD_MS")
                .ok()
                .and_then(|ms| ms.parse().ok());
            Some((point, hold))
        });
        let Some((point, hold)) = active else {
            return;
        };
        if point == self.name() {
            tracing::warn!(point = self.name(), ?hold, "fault point reached");
            match hold {
                Some(ms) => tokio::time::sleep(std::time::Duration::from_millis(*ms)).await,
                None => std::future::pending::<()>().await,
            }
        }
    }
}
