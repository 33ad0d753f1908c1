//! The warning that a key ends soon: sent once, to the key's minter and the owners and
//! admins of its workspace, whichever server's job finds the key first.

use super::Store;
use super::outbox::OutgoingEmail;
use crate::core::key_lifetime::WARNING_DAYS;
use sqlx::Row;

/// What a warning says about the key that ends soon.
pub struct KeyEndingLetter<'a> {
    /// Who is told.
    pub to: &'a str,
    /// The key's name.
    pub key: &'a str,
    /// Its project.
    pub project: &'a str,
    /// The project's id, for the link.
    pub project_id: i64,
    /// When the key ends (Unix seconds).
    pub expires_at: i64,
}

impl Store {
    /// Claims every active key that ends within [`WARNING_DAYS`] of `now` and whose
    /// warning was not sent, and queues a warning (written by `letter`) to its minter
    /// and to its workspace's owners and admins, in one transaction: a key is claimed
    /// by one call only, however many servers ask at once. Returns how many keys.
    pub async fn warn_of_ending_keys(
        &self,
        now: i64,
        letter: impl Fn(KeyEndingLetter<'_>) -> OutgoingEmail,
    ) -> Result<usize, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let claimed: Vec<i64> = sqlx::query_scalar(
            "UPDATE project_tokens SET expiry_warned_at = $1 \
             WHERE deactivated_at IS NULL AND expiry_warned_at IS NULL \
             AND expires_at > $1 AND expires_at <= $2 RETURNING id",
        )
        .bind(now)
        .bind(now + WARNING_DAYS * 86_400)
        .fetch_all(&mut *tx)
        .await?;
        for key_id in &claimed {
            let key = sqlx::query(
                "SELECT t.name, t.project_id, t.expires_at, t.workspace_id, \
                 COALESCE(t.minted_by, 0) AS minted_by, p.name AS project \
                 FROM project_tokens t JOIN projects p ON p.id = t.project_id WHERE t.id = $1",
            )
            .bind(key_id)
            .fetch_one(&mut *tx)
            .await?;
            let told: Vec<String> = sqlx::query_scalar(
                "SELECT email FROM users WHERE id = $1 UNION \
                 SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
                 WHERE m.workspace_id = $2 AND m.role IN ('owner', 'admin')",
            )
            .bind(key.try_get::<i64, _>("minted_by")?)
            .bind(key.try_get::<i64, _>("workspace_id")?)
            .fetch_all(&mut *tx)
            .await?;
            let (name, project): (String, String) = (key.try_get("name")?, key.try_get("project")?);
            for to in &told {
                let email = letter(KeyEndingLetter {
                    to,
                    key: &name,
                    project: &project,
                    project_id: key.try_get("project_id")?,
                    expires_at: key.try_get("expires_at")?,
                });
                Self::enqueue(&mut tx, &email, now).await?;
            }
        }
        tx.commit().await?;
        Ok(claimed.len())
    }
}
