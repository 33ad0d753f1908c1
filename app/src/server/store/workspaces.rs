//! Workspaces, which one a session works in, and the lock that serialises
//! membership changes.

use super::activity::{Cause, Event};
use super::decoded;
use super::members::{Demoted, reconsider_rights};
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::policy::{Action, Member, Permit, authorize};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::WorkspaceSummary;
use sqlx::Row;

/// A workspace and the user's role in it, from a row with `id`, `name`,
/// `max_key_days` and `role`.
pub(super) fn summary(row: &sqlx::any::AnyRow) -> Result<WorkspaceSummary, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(WorkspaceSummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: decoded(&role, Role::parse)?,
        max_key_days: row.try_get("max_key_days")?,
    })
}

/// A setting of a workspace being changed: who may, the statement that sets it
/// (`$1` the value, `$2` the workspace), and what the feed says.
struct Setting<'a> {
    action: Action,
    sql: &'static str,
    kind: ActivityKind,
    subject: &'a str,
}

/// Takes the workspace's lock for the rest of `tx`: every membership change does this
/// first, so the facts it then reads cannot change before it commits. Answers
/// `NotFound` when the workspace does not exist.
pub(super) async fn lock_workspace(tx: &mut Tx, workspace_id: i64) -> Result<(), AppError> {
    let locked = sqlx::query(
        "UPDATE workspaces SET membership_version = membership_version + 1 WHERE id = $1",
    )
    .bind(workspace_id)
    .execute(&mut **tx)
    .await?;
    if locked.rows_affected() == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The member `user_id` of the workspace, read inside `tx`.
pub(super) async fn member(
    tx: &mut Tx,
    workspace_id: i64,
    user_id: i64,
) -> Result<Option<Member>, AppError> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace_id)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    role.map(|role| {
        Ok(Member {
            user_id,
            role: Role::parse(&role).map_err(crate::error::internal_error)?,
        })
    })
    .transpose()
}

/// The acting member, or `NotFound` when they are no longer a member.
pub(super) async fn actor(
    tx: &mut Tx,
    workspace_id: i64,
    user_id: i64,
) -> Result<Member, AppError> {
    member(tx, workspace_id, user_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Inside a write transaction: locks the workspace (see [`lock_workspace`]), then
/// decides whether `actor_id`, a member read under that lock, may do `action` in it.
pub(super) async fn locked_authorize(
    tx: &mut Tx,
    workspace_id: i64,
    actor_id: i64,
    action: Action,
) -> Result<Permit, AppError> {
    lock_workspace(tx, workspace_id).await?;
    Ok(authorize(actor(tx, workspace_id, actor_id).await?, action)?)
}

/// How many owners the workspace has, read inside `tx`.
pub(super) async fn owner_count(tx: &mut Tx, workspace_id: i64) -> Result<usize, AppError> {
    let owners: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE workspace_id = $1 AND role = 'owner'",
    )
    .bind(workspace_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(usize::try_from(owners).unwrap_or(0))
}

impl Store {
    /// Creates a workspace owned by `owner_id` inside `tx`, and returns its id.
    pub async fn insert_workspace(
        tx: &mut Tx,
        owner_id: i64,
        name: &str,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO workspaces (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(name)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES ($1, $2, 'owner', $3)")
            .bind(id)
            .bind(owner_id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(id)
    }

    /// Creates a workspace owned by `owner_id`, named after them.
    pub async fn create_workspace(
        &self,
        owner_id: i64,
        name: &str,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let id = Self::insert_workspace(&mut tx, owner_id, name, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every workspace `user_id` belongs to, by name.
    pub async fn workspaces_of(&self, user_id: i64) -> Result<Vec<WorkspaceSummary>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT w.id, w.name, w.max_key_days, m.role FROM memberships m \
             JOIN workspaces w ON w.id = m.workspace_id \
             WHERE m.user_id = $1 ORDER BY LOWER(w.name), w.id",
        )
        .bind(user_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(summary).collect()
    }

    /// Makes `workspace_id` the session's workspace, if the policy lets the user work
    /// in it (`Action::SwitchTo`); a workspace they are not a member of is not found.
    pub async fn switch_workspace(
        &self,
        session_digest: &str,
        user_id: i64,
        workspace_id: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let acting = actor(&mut tx, workspace_id, user_id).await?;
        authorize(acting, Action::SwitchTo)?;
        sqlx::query("UPDATE sessions SET workspace_id = $1 WHERE token_hash = $2")
            .bind(workspace_id)
            .bind(session_digest)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Renames a workspace, if the actor's role allows it.
    pub async fn rename_workspace(
        &self,
        workspace_id: i64,
        actor_id: i64,
        name: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let change = Setting {
            action: Action::RenameWorkspace,
            sql: "UPDATE workspaces SET name = $1 WHERE id = $2",
            kind: ActivityKind::RenamedWorkspace,
            subject: name,
        };
        self.change_setting(workspace_id, actor_id, change, name, now)
            .await
    }

    /// Sets the longest lifetime of the workspace's new keys to `days` (`None`: no
    /// limit), if the actor's role allows it. Keys minted before keep their expiry.
    pub async fn set_key_lifetime(
        &self,
        workspace_id: i64,
        actor_id: i64,
        days: Option<i64>,
        now: i64,
    ) -> Result<(), AppError> {
        let subject = days.map_or_else(|| "no limit".to_owned(), |days| format!("{days} days"));
        let change = Setting {
            action: Action::SetKeyLifetime,
            sql: "UPDATE workspaces SET max_key_days = $1 WHERE id = $2",
            kind: ActivityKind::SetKeyLifetime,
            subject: &subject,
        };
        self.change_setting(workspace_id, actor_id, change, days, now)
            .await
    }

    /// Sets one setting of the workspace to `value`, if the actor may, and records it,
    /// in one transaction under the workspace's lock.
    async fn change_setting<'q, T>(
        &self,
        workspace_id: i64,
        actor_id: i64,
        change: Setting<'_>,
        value: T,
        now: i64,
    ) -> Result<(), AppError>
    where
        T: 'q + Send + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        let mut tx = self.write_tx().await?;
        let permit = locked_authorize(&mut tx, workspace_id, actor_id, change.action).await?;
        sqlx::query(change.sql)
            .bind(value)
            .bind(workspace_id)
            .execute(&mut *tx)
            .await?;
        let event = Event::permitted(&permit, workspace_id, change.kind, change.subject, "");
        Self::record(&mut tx, event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes the member with `email` an owner of the workspace and every other owner
    /// an admin (revoking the owner invites they can no longer send), recorded as done
    /// by support. Returns the new owner's display name.
    pub async fn transfer_ownership(
        &self,
        workspace_id: i64,
        email: &str,
        now: i64,
    ) -> Result<String, AppError> {
        let mut tx = self.write_tx().await?;
        lock_workspace(&mut tx, workspace_id).await?;
        let row = sqlx::query(
            "SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND u.email = $2",
        )
        .bind(workspace_id)
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let (user_id, name): (i64, String) = (row.try_get("id")?, row.try_get("display_name")?);
        let demoted = sqlx::query(
            "UPDATE memberships SET role = 'admin' WHERE workspace_id = $1 AND role = 'owner' \
             AND user_id <> $2 RETURNING user_id",
        )
        .bind(workspace_id)
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?;
        for former in demoted {
            let former_id: i64 = former.try_get("user_id")?;
            let former_name: String =
                sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                    .bind(former_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let demoted = Demoted {
                workspace_id,
                member: Member {
                    user_id: former_id,
                    role: Role::Admin,
                },
                name: &former_name,
                because: Cause::Support,
            };
            reconsider_rights(&mut tx, demoted, now).await?;
        }
        sqlx::query(
            "UPDATE memberships SET role = 'owner' WHERE workspace_id = $1 AND user_id = $2",
        )
        .bind(workspace_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        let at = (workspace_id, None);
        let event = Event::new(
            Cause::Support,
            at,
            ActivityKind::TransferredOwnership,
            &name,
            "",
        );
        Self::record(&mut tx, event, now).await?;
        tx.commit().await?;
        Ok(name)
    }
}
