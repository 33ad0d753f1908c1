//! One's own account: password, display name and address.

use super::accounts::supersede_registrations;
use super::password_resets::{end_other_access, withdraw_waiting};
use super::{OutgoingEmail, Store};
use crate::core::email::EmailAddress;
use crate::core::link::LinkState;
use sqlx::Row;

/// How long a link confirming a new address works, in seconds (24 hours).
pub const EMAIL_CHANGE_SECONDS: i64 = 24 * 60 * 60;

/// The emails a change of address sends: the link to the new address and the notice
/// to the old one.
pub struct EmailChangeLetters {
    /// To the new address, with the confirmation link.
    pub confirm: OutgoingEmail,
    /// To the current address.
    pub notice: OutgoingEmail,
}

impl Store {
    /// The argon2id hash of account `user_id`'s password.
    pub async fn password_hash_of(&self, user_id: i64) -> Result<String, sqlx::Error> {
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *self.conn().await?)
            .await
    }

    /// Sets the password of `user_id`, ends every other session (all but the one
    /// whose digest is `keep`) and withdraws waiting reset links and address changes,
    /// in one transaction.
    pub async fn change_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        end_other_access(&mut tx, user_id, Some(keep), now).await?;
        tx.commit().await
    }

    /// Changes the name `user_id` is shown by.
    pub async fn rename_user(&self, user_id: i64, display_name: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(display_name)
            .bind(user_id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Stores a change of `user_id`'s address to `new_email`, waiting for the link
    /// sent there (an earlier waiting change is withdrawn), and queues both letters.
    pub async fn request_email_change(
        &self,
        user_id: i64,
        new_email: &EmailAddress,
        digest: &str,
        now: i64,
        letters: EmailChangeLetters,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        withdraw_waiting(&mut tx, "email_changes", user_id, now).await?;
        sqlx::query(
            "INSERT INTO email_changes (user_id, new_email, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(new_email.as_str())
        .bind(digest)
        .bind(now)
        .bind(now + EMAIL_CHANGE_SECONDS)
        .execute(&mut *tx)
        .await?;
        Self::enqueue(&mut tx, &letters.confirm, now).await?;
        Self::enqueue(&mut tx, &letters.notice, now).await?;
        tx.commit().await
    }

    /// What the address-change link with this digest would do now, and the new
    /// address; changes nothing. A change whose address got an account meanwhile is
    /// `Revoked`.
    pub async fn email_change_status(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<(LinkState, Option<String>), sqlx::Error> {
        let row = sqlx::query(
            "SELECT c.new_email, c.used_at, c.revoked_at, c.expires_at, \
             (SELECT COUNT(*) FROM users u WHERE u.email = c.new_email) AS taken \
             FROM email_changes c WHERE c.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let Some(row) = row else {
            return Ok((LinkState::Invalid, None));
        };
        let withdrawn = row.try_get::<Option<i64>, _>("revoked_at")?.is_some()
            || row.try_get::<i64, _>("taken")? > 0;
        let state = LinkState::of(
            row.try_get::<Option<i64>, _>("used_at")?.is_some(),
            withdrawn.then_some(LinkState::Revoked),
            row.try_get("expires_at")?,
            now,
        );
        Ok((state, Some(row.try_get("new_email")?)))
    }

    /// Uses the address-change link with this digest: the account takes the new
    /// address (its own feed follows it) and registrations waiting for that address
    /// are superseded, in one transaction. Returns the link's state: `Valid` when it
    /// was used now.
    pub async fn confirm_email_change(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<LinkState, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let change = sqlx::query(
            "UPDATE email_changes SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $1 \
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.email = email_changes.new_email) \
             RETURNING user_id, new_email",
        )
        .bind(now)
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(change) = change else {
            drop(tx);
            return Ok(self.email_change_status(digest, now).await?.0);
        };
        let user_id: i64 = change.try_get("user_id")?;
        let new_email: String = change.try_get("new_email")?;
        let old_email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        let moved = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(&new_email)
            .bind(user_id)
            .execute(&mut *tx)
            .await;
        match moved {
            // Another account took the address at the same moment.
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                return Ok(LinkState::Revoked);
            }
            other => other?,
        };
        sqlx::query("UPDATE personal_activity SET email = $1 WHERE email = $2")
            .bind(&new_email)
            .bind(&old_email)
            .execute(&mut *tx)
            .await?;
        supersede_registrations(&mut tx, &new_email).await?;
        tx.commit().await?;
        Ok(LinkState::Valid)
    }
}
