//! How many invitations and shares may be sent: a limit per sender and one per
//! workspace, over any hour. Re-issued invites and resent shares count too. The counts
//! come from the activity feed, in the database, so every server of a deployment
//! enforces the same limit.

/// Invitations and shares one person may send in an hour.
pub const PER_SENDER: i64 = 50;

/// Invitations and shares one workspace may send in an hour, by all its members.
pub const PER_WORKSPACE: i64 = 200;

/// The window the limits count over, in seconds.
pub const WINDOW_SECONDS: i64 = 3600;

/// What was sent within the window: how many, and when the oldest of them was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentRecently {
    /// How many were sent.
    pub count: i64,
    /// When the oldest was sent (Unix seconds), if any was.
    pub oldest: Option<i64>,
}

/// Whether one more may be sent at `now`; if not, the message that says when.
pub fn check(by_sender: SentRecently, by_workspace: SentRecently, now: i64) -> Result<(), String> {
    let wait = |sent: SentRecently| {
        let free_at = sent.oldest.unwrap_or(now) + WINDOW_SECONDS;
        let minutes = ((free_at - now).max(1) + 59) / 60;
        if minutes == 1 {
            "1 minute".to_owned()
        } else {
            format!("{minutes} minutes")
        }
    };
    if by_sender.count >= PER_SENDER {
        return Err(format!(
            "You have sent {PER_SENDER} invitations and shares in the past hour, the most one \
             person may. Try again in {}.",
            wait(by_sender)
        ));
    }
    if by_workspace.count >= PER_WORKSPACE {
        return Err(format!(
            "This workspace has sent {PER_WORKSPACE} invitations and shares in the past hour, \
             the most it may. Try again in {}.",
            wait(by_workspace)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: SentRecently = SentRecently {
        count: 0,
        oldest: None,
    };

    #[test]
    fn each_limit_names_when_to_try_again() {
        let now = 10_000;
        assert!(check(NONE, NONE, now).is_ok());
        let sender = SentRecently {
            count: PER_SENDER - 1,
            oldest: Some(now - 100),
        };
        assert!(check(sender, NONE, now).is_ok());
        let full = SentRecently {
            count: PER_SENDER,
            oldest: Some(now - WINDOW_SECONDS + 600),
        };
        let refused = check(full, NONE, now).expect_err("limit reached");
        assert!(refused.contains("Try again in 10 minutes"), "{refused}");
        let workspace = SentRecently {
            count: PER_WORKSPACE,
            oldest: Some(now - WINDOW_SECONDS + 30),
        };
        let refused = check(NONE, workspace, now).expect_err("limit reached");
        assert!(
            refused.contains("This workspace") && refused.contains("1 minute."),
            "{refused}"
        );
    }
}
