//! Sessions: one row per signed-in browser, keyed by the digest of its cookie.

use super::Store;
use super::workspaces::summary;
use crate::model::auth::CurrentUser;
use crate::model::team::WorkspaceSummary;
use sqlx::Row;

/// Who a live session belongs to and where it works.
pub struct SessionUser {
    /// The signed-in user.
    pub user: CurrentUser,
    /// The workspace it works in, if the user belongs to any.
    pub active: Option<WorkspaceSummary>,
}

impl Store {
    /// How many sessions are still valid at `now`.
    pub async fn active_sessions(&self, now: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE expires_at > $1")
            .bind(now)
            .fetch_one(&mut *self.conn().await?)
            .await
    }

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
        sqlx::query("UPDATE users SET last_signed_in_at = $1 WHERE id = $2")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// The user of a live session and the workspace it works in: the one the session
    /// last chose if the user is still a member of it, otherwise the one they joined
    /// first (`None` when they belong to none). One statement, read fresh on every
    /// request.
    pub async fn session_user(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<Option<SessionUser>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT x.user_id, x.email, x.display_name, w.id, w.name, w.max_key_days, m.role FROM (\
             SELECT u.id AS user_id, u.email, u.display_name, \
             COALESCE((SELECT p.workspace_id FROM memberships p \
             WHERE p.user_id = u.id AND p.workspace_id = s.workspace_id), \
             (SELECT f.workspace_id FROM memberships f WHERE f.user_id = u.id \
             ORDER BY f.joined_at, f.workspace_id LIMIT 1)) AS active_id \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2) x \
             LEFT JOIN memberships m ON m.workspace_id = x.active_id AND m.user_id = x.user_id \
             LEFT JOIN workspaces w ON w.id = m.workspace_id",
        )
        .bind(digest)
        .bind(now)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|row| {
            let user = CurrentUser {
                id: row.try_get("user_id")?,
                email: row.try_get("email")?,
                display_name: row.try_get("display_name")?,
            };
            let active = match row.try_get::<Option<i64>, _>("id")? {
                Some(_) => Some(summary(&row)?),
                None => None,
            };
            Ok(SessionUser { user, active })
        })
        .transpose()
    }

    /// Ends one session.
    pub async fn end_session(&self, digest: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(digest)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Ends every session of a user, on every device.
    pub async fn end_all_sessions(&self, user_id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}
