//! Sessions: one row per signed-in browser, keyed by the digest of its cookie.

use super::Store;
use crate::api::auth::CurrentUser;
use sqlx::Row;

impl Store {
    /// Starts a session for `user_id` working in `workspace_id` (if given), ending the
    /// one it replaces (if any), so a session id is never reused across a sign-in, and
    /// forgetting the user's expired ones.
    pub async fn start_session(
        &self,
        user_id: i64,
        digest: &str,
        replaces: Option<&str>,
        workspace_id: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if let Some(old) = replaces {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, workspace_id) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .bind(workspace_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The user of a live session, and the workspace the session last chose.
    pub async fn session_user(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<Option<(CurrentUser, Option<i64>)>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.display_name, s.workspace_id FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(digest)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let user = CurrentUser {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                display_name: row.try_get("display_name")?,
            };
            Ok((user, row.try_get("workspace_id")?))
        })
        .transpose()
    }

    /// Ends one session.
    pub async fn end_session(&self, digest: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(digest)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of a user, on every device.
    pub async fn end_all_sessions(&self, user_id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
