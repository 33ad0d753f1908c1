//! The rows of a workspace's access review, read a batch at a time in id order so
//! that a download of any size holds one batch in memory and no connection between
//! batches.

use super::Store;
use super::activity::Event;
use crate::core::activity::ActivityKind;
use crate::core::policy::Permit;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A member of the workspace as the review lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedMember {
    /// Their account: the batch order.
    pub user_id: i64,
    /// Their display name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// Their workspace role, as stored.
    pub role: String,
    /// When they joined (Unix seconds).
    pub joined_at: i64,
    /// When they last signed in, if since sign-ins were recorded.
    pub last_sign_in: Option<i64>,
    /// Their project grants: each project's name and the role it grants.
    pub grants: Vec<(String, String)>,
}

/// A share of one of the workspace's projects, as the review lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedShare {
    /// The share: the batch order.
    pub id: i64,
    /// The address it was sent to.
    pub email: String,
    /// The project shared.
    pub project: String,
    /// The project role it gives, as stored.
    pub role: String,
    /// Who shared it, if their account still exists.
    pub shared_by: Option<String>,
    /// When it was shared.
    pub created_at: i64,
    /// When its link stops working, if it is not used.
    pub link_expires_at: i64,
    /// When it was accepted.
    pub accepted_at: Option<i64>,
    /// When access ends, if the share has an end date.
    pub ends_at: Option<i64>,
    /// When it ended, and how (`cancelled`, `revoked`, `left`).
    pub ended: Option<(i64, String)>,
    /// The last use of a key the recipient minted on the project.
    pub last_key_use: Option<i64>,
}

/// An access key of the workspace as the review lists it (never its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedKey {
    /// The key: the batch order.
    pub id: i64,
    /// Its project.
    pub project: String,
    /// Its name.
    pub name: String,
    /// Who minted it, if their account still exists.
    pub minted_by: Option<String>,
    /// When it was minted.
    pub created_at: i64,
    /// When it was deactivated.
    pub deactivated_at: Option<i64>,
    /// When it stops working, if it does.
    pub expires_at: Option<i64>,
    /// Its last use by Composer, and the address it came from.
    pub last_used: Option<(i64, String)>,
}

impl Store {
    /// Records that the member `permit` allowed downloaded the access review's
    /// `subject` ("members", "keys", …).
    pub async fn record_access_review(
        &self,
        permit: &Permit,
        workspace_id: i64,
        subject: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let event = Event::permitted(
            permit,
            workspace_id,
            ActivityKind::DownloadedAccessReview,
            subject,
            "",
        );
        Store::record(&mut tx, event, now).await?;
        tx.commit().await
    }

    /// Up to `limit` members of the workspace after the account `after`, with their
    /// project grants.
    pub async fn reviewed_members(
        &self,
        workspace_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ReviewedMember>, sqlx::Error> {
        let mut conn = self.conn().await?;
        let sql = "SELECT m.user_id, u.display_name, u.email, m.role, m.joined_at, \
                   u.last_signed_in_at FROM memberships m JOIN users u ON u.id = m.user_id \
                   WHERE m.workspace_id = $1 AND m.user_id > $2 ORDER BY m.user_id LIMIT $3";
        let mut members = batch(&mut conn, sql, (workspace_id, after, limit), |row| {
            Ok(ReviewedMember {
                user_id: row.try_get("user_id")?,
                name: row.try_get("display_name")?,
                email: row.try_get("email")?,
                role: row.try_get("role")?,
                joined_at: row.try_get("joined_at")?,
                last_sign_in: row.try_get("last_signed_in_at")?,
                grants: Vec::new(),
            })
        })
        .await?;
        let Some(last) = members.last().map(|member| member.user_id) else {
            return Ok(members);
        };
        let grants = sqlx::query(
            "SELECT g.user_id, p.name, g.role FROM project_grants g \
             JOIN projects p ON p.id = g.project_id \
             WHERE p.workspace_id = $1 AND g.user_id > $2 AND g.user_id <= $3 \
             ORDER BY g.user_id, p.name",
        )
        .bind(workspace_id)
        .bind(after)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
        for grant in &grants {
            let user_id: i64 = grant.try_get("user_id")?;
            if let Some(member) = members.iter_mut().find(|m| m.user_id == user_id) {
                member
                    .grants
                    .push((grant.try_get("name")?, grant.try_get("role")?));
            }
        }
        Ok(members)
    }

    /// Up to `limit` shares of the workspace's projects after the share `after`, in
    /// every state.
    pub async fn reviewed_shares(
        &self,
        workspace_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ReviewedShare>, sqlx::Error> {
        let sql = "SELECT s.id, s.email, p.name AS project, s.role, \
                   u.display_name AS shared_by, s.created_at, s.expires_at, s.accepted_at, \
                   s.ends_at, s.ended_at, s.ended_how, (SELECT MAX(t.last_used_at) FROM project_tokens t \
                   WHERE t.project_id = s.project_id AND t.minted_by = s.recipient_id) \
                   AS last_key_use FROM project_shares s JOIN projects p ON p.id = s.project_id \
                   LEFT JOIN users u ON u.id = s.shared_by \
                   WHERE p.workspace_id = $1 AND s.id > $2 ORDER BY s.id LIMIT $3";
        let mut conn = self.conn().await?;
        batch(&mut conn, sql, (workspace_id, after, limit), |row| {
            let ended_at: Option<i64> = row.try_get("ended_at")?;
            let ended_how: Option<String> = row.try_get("ended_how")?;
            Ok(ReviewedShare {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                project: row.try_get("project")?,
                role: row.try_get("role")?,
                shared_by: row.try_get("shared_by")?,
                created_at: row.try_get("created_at")?,
                link_expires_at: row.try_get("expires_at")?,
                accepted_at: row.try_get("accepted_at")?,
                ends_at: row.try_get("ends_at")?,
                ended: ended_at.zip(ended_how),
                last_key_use: row.try_get("last_key_use")?,
            })
        })
        .await
    }

    /// Up to `limit` access keys of the workspace after the key `after`, active or not.
    pub async fn reviewed_keys(
        &self,
        workspace_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ReviewedKey>, sqlx::Error> {
        let sql = "SELECT t.id, p.name AS project, t.name, u.display_name AS minted_by, \
                   t.created_at, t.deactivated_at, t.expires_at, t.last_used_at, t.last_used_from \
                   FROM project_tokens t JOIN projects p ON p.id = t.project_id \
                   LEFT JOIN users u ON u.id = t.minted_by \
                   WHERE t.workspace_id = $1 AND t.id > $2 ORDER BY t.id LIMIT $3";
        let mut conn = self.conn().await?;
        batch(&mut conn, sql, (workspace_id, after, limit), |row| {
            let used_at: Option<i64> = row.try_get("last_used_at")?;
            let used_from: Option<String> = row.try_get("last_used_from")?;
            Ok(ReviewedKey {
                id: row.try_get("id")?,
                project: row.try_get("project")?,
                name: row.try_get("name")?,
                minted_by: row.try_get("minted_by")?,
                created_at: row.try_get("created_at")?,
                deactivated_at: row.try_get("deactivated_at")?,
                expires_at: row.try_get("expires_at")?,
                last_used: used_at.map(|at| (at, used_from.unwrap_or_default())),
            })
        })
        .await
    }
}

/// Runs the batch query `sql` (`$1` the workspace, `$2` the id the batch starts after,
/// `$3` its size) and reads each row with `read`.
async fn batch<T>(
    conn: &mut AnyConnection,
    sql: &str,
    (workspace_id, after, limit): (i64, i64, i64),
    read: impl Fn(&AnyRow) -> Result<T, sqlx::Error>,
) -> Result<Vec<T>, sqlx::Error> {
    sqlx::query(sql)
        .bind(workspace_id)
        .bind(after)
        .bind(limit)
        .fetch_all(conn)
        .await?
        .iter()
        .map(read)
        .collect()
}
