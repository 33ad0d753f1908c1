//! Forgotten passwords: single-use links valid one hour, and the requests that send
//! them, counted per address and per client.

use super::{OutgoingEmail, Store, Tx};
use crate::core::email::EmailAddress;
use crate::core::link::LinkState;
use sqlx::Row;

/// How long a reset link works, in seconds (one hour).
pub const RESET_SECONDS: i64 = 60 * 60;

/// Ends every session of `user_id` but `keep` (a session digest), and withdraws the
/// reset links and address changes still waiting, inside `tx`: what a new password
/// does, however it was set.
pub(super) async fn end_other_access(
    tx: &mut Tx,
    user_id: i64,
    keep: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    for table in ["password_resets", "email_changes"] {
        withdraw_waiting(tx, table, user_id, now).await?;
    }
    Ok(())
}

/// Withdraws the links of `user_id` in `table` (`password_resets` or `email_changes`)
/// that are still waiting to be used, inside `tx`.
pub(super) async fn withdraw_waiting(
    tx: &mut Tx,
    table: &'static str,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE {table} SET revoked_at = $1 WHERE user_id = $2 \
         AND used_at IS NULL AND revoked_at IS NULL"
    ))
    .bind(now)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// How many requests `subject` made since `since`, and when the oldest of them was.
    pub async fn requests_since(
        &self,
        subject: &str,
        since: i64,
    ) -> Result<(i64, Option<i64>), sqlx::Error> {
        sqlx::query_as(
            "SELECT COUNT(*), MIN(requested_at) FROM request_counts \
             WHERE subject = $1 AND requested_at > $2",
        )
        .bind(subject)
        .bind(since)
        .fetch_one(&mut *self.conn().await?)
        .await
    }

    /// Queues a reset link for the account of `email`, if it has one (earlier links
    /// of the account stop working), and counts the request against every subject in
    /// `subjects`, forgetting counts older than `forget_before`. The same work is done
    /// for an address without an account, but for the email.
    pub async fn request_password_reset(
        &self,
        email: &EmailAddress,
        digest: &str,
        subjects: &[&str],
        now: i64,
        forget_before: i64,
        letter: impl FnOnce() -> OutgoingEmail,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM request_counts WHERE requested_at <= $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        for subject in subjects {
            sqlx::query("INSERT INTO request_counts (subject, requested_at) VALUES ($1, $2)")
                .bind(*subject)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        let user_id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(user_id) = user_id {
            withdraw_waiting(&mut tx, "password_resets", user_id, now).await?;
            sqlx::query(
                "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(user_id)
            .bind(digest)
            .bind(now)
            .bind(now + RESET_SECONDS)
            .execute(&mut *tx)
            .await?;
            Self::enqueue(&mut tx, &letter(), now).await?;
        }
        tx.commit().await
    }

    /// What the reset link with this digest would do now; changes nothing.
    pub async fn password_reset_status(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<LinkState, sqlx::Error> {
        let row = sqlx::query(
            "SELECT used_at, revoked_at, expires_at FROM password_resets WHERE token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let Some(row) = row else {
            return Ok(LinkState::Invalid);
        };
        Ok(LinkState::of(
            row.try_get::<Option<i64>, _>("used_at")?.is_some(),
            row.try_get::<Option<i64>, _>("revoked_at")?
                .map(|_| LinkState::Revoked),
            row.try_get("expires_at")?,
            now,
        ))
    }

    /// Uses the reset link with this digest: sets the password, ends every session of
    /// the account and withdraws its other links, in one transaction. Returns the
    /// account, or the link's state when it cannot be used (of two simultaneous uses
    /// exactly one succeeds).
    pub async fn reset_password(
        &self,
        digest: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Result<i64, LinkState>, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user_id) = user_id else {
            drop(tx);
            return Ok(Err(self.password_reset_status(digest, now).await?));
        };
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        end_other_access(&mut tx, user_id, None, now).await?;
        tx.commit().await?;
        Ok(Ok(user_id))
    }
}
