//! The recipient's side of a share: what a link offers, accepting it (signed in or
//! by registering), leaving, the projects shared with someone and their own activity.

use super::accounts::create_account;
use super::activity::Cause;
use super::fault::FaultPoint;
use super::project_access::{ProjectChange, ProjectFacts, locked_permit};
use super::share_records::{ShareEvent, end_grant, grant_role, record_share};
use super::{Store, Tx};
use crate::core::access::GrantRole;
use crate::core::activity::ActivityKind;
use crate::core::link::{LinkState, LinkUse};
use crate::core::policy::projects::ProjectAction;
use crate::error::AppError;
use crate::model::shares::SharedProject;
use crate::model::team::ActivityEntry;
use sqlx::Row;

/// A share link's state and what it offers.
pub struct ShareLink {
    /// Whether it can be used now.
    pub state: LinkState,
    /// The project's name.
    pub project: String,
    /// The workspace's name.
    pub workspace: String,
    /// The role it gives.
    pub role: GrantRole,
    /// The address it is bound to.
    pub email: String,
}

impl Store {
    /// The share behind a link's digest and whether it can be used now.
    pub async fn share_link(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<Option<ShareLink>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT s.email, s.role, s.accepted_at, s.ended_at, s.ended_how, s.expires_at, p.name AS project, \
             w.name AS workspace, p.deleted_at FROM project_shares s JOIN projects p ON p.id = s.project_id \
             JOIN workspaces w ON w.id = p.workspace_id WHERE s.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|row| {
            let accepted_at: Option<i64> = row.try_get("accepted_at")?;
            let ended_at: Option<i64> = row.try_get("ended_at")?;
            let deleted_at: Option<i64> = row.try_get("deleted_at")?;
            let expires_at: i64 = row.try_get("expires_at")?;
            let ended_how: Option<String> = row.try_get("ended_how")?;
            let withdrawn = if ended_how.as_deref() == Some("cancelled") {
                Some(LinkState::Cancelled)
            } else {
                (ended_at.is_some() || deleted_at.is_some()).then_some(LinkState::Revoked)
            };
            let state = LinkState::of(accepted_at.is_some(), withdrawn, expires_at, now);
            Ok(ShareLink {
                state,
                project: row.try_get("project")?,
                workspace: row.try_get("workspace")?,
                role: grant_role(&row.try_get::<String, _>("role")?)?,
                email: row.try_get("email")?,
            })
        })
        .transpose()
    }

    /// Accepts the share behind `digest` for `user_id` if it is still pending.
    /// Returns the project's id, or `None` when the link can no longer be used.
    pub async fn accept_share(
        &self,
        decided: &LinkUse,
        digest: &str,
        user_id: i64,
        now: i64,
    ) -> Result<Option<i64>, AppError> {
        let mut tx = self.write_tx().await?;
        let accepted = claim_share(&mut tx, decided, digest, user_id, now).await?;
        tx.commit().await?;
        Ok(accepted)
    }

    /// Creates a verified account for the address a share was sent to (the link
    /// proves it) and accepts the share, in one transaction. Returns the new
    /// account's id and the project's, or `None` when the link can no longer be used.
    pub async fn register_with_share(
        &self,
        decided: &LinkUse,
        digest: &str,
        email: &str,
        display_name: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<(i64, i64)>, AppError> {
        let mut tx = self.write_tx().await?;
        let created = create_account(&mut tx, email, display_name, password_hash, now).await?;
        let Some(user_id) = created else {
            return Err(AppError::Conflict(
                "This address already has an account: sign in to accept the share.".to_owned(),
            ));
        };
        let Some(project_id) = claim_share(&mut tx, decided, digest, user_id, now).await? else {
            return Ok(None);
        };
        tx.commit().await?;
        Ok(Some((user_id, project_id)))
    }

    /// Ends the actor's own active share of the project, if the policy lets them
    /// leave it (`ProjectAction::Leave`: a recipient, not a member).
    pub async fn leave_share(&self, by: ProjectChange) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, user_id, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::Leave).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET ended_at = $1, ended_how = 'left' WHERE project_id = $2 \
             AND recipient_id = $3 AND accepted_at IS NOT NULL AND ended_at IS NULL \
             RETURNING id, email, role",
        )
        .bind(now)
        .bind(project_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let share_id: i64 = row.try_get("id")?;
        let email: String = row.try_get("email")?;
        let role = grant_role(&row.try_get::<String, _>("role")?)?;
        end_grant(&mut tx, project_id, share_id, Some(user_id), now).await?;
        let event = ShareEvent {
            kind: ActivityKind::LeftShare,
            because: Cause::Project(&decided),
            email: &email,
            detail: role.access().label(),
            personal: ("You", "left the project"),
        };
        record_share(&mut tx, &decided.facts, event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The projects shared with `user_id` at `now`, by name.
    pub async fn shared_with(
        &self,
        user_id: i64,
        now: i64,
    ) -> Result<Vec<SharedProject>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT p.id, p.name, w.name AS workspace, COALESCE(u.display_name, 'A former member') AS shared_by, \
             s.role, s.accepted_at, s.ends_at FROM project_shares s JOIN projects p ON p.id = s.project_id \
             JOIN workspaces w ON w.id = p.workspace_id LEFT JOIN users u ON u.id = s.shared_by \
             WHERE s.recipient_id = $1 AND s.accepted_at IS NOT NULL AND s.ended_at IS NULL \
             AND (s.ends_at IS NULL OR s.ends_at > $2) \
             AND p.deleted_at IS NULL ORDER BY LOWER(p.name), p.id",
        )
        .bind(user_id)
        .bind(now)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SharedProject {
                    project_id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    workspace: row.try_get("workspace")?,
                    shared_by: row.try_get("shared_by")?,
                    role: grant_role(&row.try_get::<String, _>("role")?)?,
                    since: row.try_get("accepted_at")?,
                    ends_at: row.try_get("ends_at")?,
                })
            })
            .collect()
    }

    /// The newest entries of the personal feed of `email`.
    pub async fn personal_activity(&self, email: &str) -> Result<Vec<ActivityEntry>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT actor, action, subject, detail, created_at FROM personal_activity \
             WHERE email = $1 ORDER BY id DESC LIMIT 50",
        )
        .bind(email)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ActivityEntry {
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    subject: row.try_get("subject")?,
                    detail: row.try_get("detail")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}

/// Accepts the share behind `digest` for `user_id` inside `tx` if it is still
/// pending, as the use of the link the policy allowed (`decided`): one conditional
/// update, so two accepts at once make one grant.
async fn claim_share(
    tx: &mut Tx,
    decided: &LinkUse,
    digest: &str,
    user_id: i64,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let row = sqlx::query(
        "UPDATE project_shares SET accepted_at = $1, recipient_id = $2 WHERE token_hash = $3 \
         AND accepted_at IS NULL AND ended_at IS NULL AND expires_at > $1 \
         AND (ends_at IS NULL OR ends_at > $1) \
         AND project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL) \
         RETURNING id, project_id, role, email, shared_by",
    )
    .bind(now)
    .bind(user_id)
    .bind(digest)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    FaultPoint::AcceptShare.reach().await;
    let (share_id, project_id): (i64, i64) = (row.try_get("id")?, row.try_get("project_id")?);
    let role = grant_role(&row.try_get::<String, _>("role")?)?;
    let email: String = row.try_get("email")?;
    let shared_by: Option<i64> = row.try_get("shared_by")?;
    sqlx::query(
        "INSERT INTO project_grants (project_id, user_id, role, granted_by, granted_at, share_id) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id, user_id) DO UPDATE \
         SET role = excluded.role, granted_by = excluded.granted_by, \
         granted_at = excluded.granted_at, share_id = excluded.share_id",
    )
    .bind(project_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(shared_by)
    .bind(now)
    .bind(share_id)
    .execute(&mut **tx)
    .await?;
    let facts = shared_project_facts(tx, project_id).await?;
    let event = ShareEvent {
        kind: ActivityKind::AcceptedShare,
        because: Cause::Link(decided, user_id),
        email: &email,
        detail: role.access().label(),
        personal: ("You", "accepted the share of the project"),
    };
    record_share(tx, &facts, event, now).await?;
    Ok(Some(project_id))
}

/// The project's ids and names, for recording an event of its recipient.
pub(super) async fn shared_project_facts(
    tx: &mut Tx,
    project_id: i64,
) -> Result<ProjectFacts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.workspace_id, p.name, w.name AS workspace_name, w.max_key_days \
         FROM projects p JOIN workspaces w ON w.id = p.workspace_id WHERE p.id = $1",
    )
    .bind(project_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(ProjectFacts {
        project_id,
        workspace_id: row.try_get("workspace_id")?,
        name: row.try_get("name")?,
        workspace_name: row.try_get("workspace_name")?,
        workspace_role: None,
        grant: None,
        max_key_days: row.try_get("max_key_days")?,
    })
}
