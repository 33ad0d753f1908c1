//! Changing a member of a workspace: role changes and removal, and what depended on
//! the old role (the searchable list is in `member_list.rs`).

use super::activity::{Cause, Event};
use super::fault::FaultPoint;
use super::member_list::{ROW_COLUMNS, member_row};
use super::workspaces::{actor, lock_workspace, member, owner_count};
use super::{Store, Tx};
use crate::core::access::{GrantRole, ProjectAccess, effective_access};
use crate::core::activity::ActivityKind;
use crate::core::policy::{Action, Member, Permit, authorize};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::{Removal, RoleChange};
use sqlx::Row;

/// Locks the workspace, reads the actor, the target member and the owner count, and
/// decides `action`, made from the target and the owner count. `NotFound` when either
/// is not a member. Returns the permit and the target.
async fn decide_on_member(
    tx: &mut Tx,
    (workspace_id, actor_id, target_id): (i64, i64, i64),
    action: impl FnOnce(Member, usize) -> Action,
) -> Result<(Permit, Member), AppError> {
    lock_workspace(tx, workspace_id).await?;
    let acting = actor(tx, workspace_id, actor_id).await?;
    let target = member(tx, workspace_id, target_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let owners = owner_count(tx, workspace_id).await?;
    Ok((authorize(acting, action(target, owners))?, target))
}

/// A member whose role just changed, and the decision that changed it (a member's
/// permit, or support's).
pub(super) struct Demoted<'a> {
    pub(super) workspace_id: i64,
    /// The member with their new role.
    pub(super) member: Member,
    pub(super) name: &'a str,
    pub(super) because: Cause<'a>,
}

/// What [`reconsider_rights`] took away.
#[derive(Default)]
pub(super) struct Consequences {
    grants_lowered: i64,
    keys_deactivated: i64,
    invites_revoked: i64,
}

/// Re-decides, inside the transaction that changed a member's role, every right that
/// depended on the old one: a billing member's developer grants become viewer grants
/// (billing never reads a key); keys they minted on projects where their access no
/// longer uses keys are deactivated, as on removal; their pending invites that their
/// new role could not send are revoked. Each is recorded in the activity feed.
pub(super) async fn reconsider_rights(
    tx: &mut Tx,
    demoted: Demoted<'_>,
    now: i64,
) -> Result<Consequences, AppError> {
    let Demoted {
        workspace_id,
        member,
        name,
        because,
    } = demoted;
    let mut consequences = Consequences::default();
    if member.role == Role::Billing {
        let lowered = sqlx::query(
            "UPDATE project_grants SET role = 'viewer' WHERE user_id = $1 AND role = 'developer' \
             AND project_id IN (SELECT id FROM projects WHERE workspace_id = $2)",
        )
        .bind(member.user_id)
        .bind(workspace_id)
        .execute(&mut **tx)
        .await?;
        consequences.grants_lowered = i64::try_from(lowered.rows_affected()).unwrap_or(i64::MAX);
    }
    let keys = sqlx::query(
        "SELECT t.id, t.name, t.project_id, g.role AS grant_role FROM project_tokens t \
         LEFT JOIN project_grants g ON g.project_id = t.project_id AND g.user_id = t.minted_by \
         WHERE t.workspace_id = $1 AND t.minted_by = $2 AND t.deactivated_at IS NULL",
    )
    .bind(workspace_id)
    .bind(member.user_id)
    .fetch_all(&mut **tx)
    .await?;
    for key in keys {
        let grant: Option<String> = key.try_get("grant_role")?;
        let grant = grant.as_deref().and_then(|g| GrantRole::parse(g).ok());
        if effective_access(Some(member.role), grant).is_some_and(ProjectAccess::uses_keys) {
            continue;
        }
        let key_id: i64 = key.try_get("id")?;
        sqlx::query("UPDATE project_tokens SET deactivated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(key_id)
            .execute(&mut **tx)
            .await?;
        let key_name: String = key.try_get("name")?;
        let detail = format!("minted by {name}, whose role no longer reads keys");
        let at = (workspace_id, key.try_get("project_id")?);
        let event = Event::new(
            because,
            at,
            ActivityKind::DeactivatedKey,
            &key_name,
            &detail,
        );
        Store::record(tx, event, now).await?;
        consequences.keys_deactivated += 1;
    }
    let invites = sqlx::query(
        "SELECT id, email, role FROM invites WHERE workspace_id = $1 AND invited_by = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(workspace_id)
    .bind(member.user_id)
    .fetch_all(&mut **tx)
    .await?;
    for invite in invites {
        let role: String = invite.try_get("role")?;
        let role = Role::parse(&role).map_err(crate::error::internal_error)?;
        if authorize(member, Action::Invite { role }).is_ok() {
            continue;
        }
        let invite_id: i64 = invite.try_get("id")?;
        sqlx::query("UPDATE invites SET revoked_at = $1 WHERE id = $2")
            .bind(now)
            .bind(invite_id)
            .execute(&mut **tx)
            .await?;
        let email: String = invite.try_get("email")?;
        let detail = format!(
            "{}; sent by {name}, whose role can no longer invite as {}",
            role.label(),
            role.label().to_lowercase()
        );
        let at = (workspace_id, None);
        let event = Event::new(because, at, ActivityKind::RevokedInvite, &email, &detail);
        Store::record(tx, event, now).await?;
        consequences.invites_revoked += 1;
    }
    Ok(consequences)
}

impl Store {
    /// Changes `target_id`'s role to `to` if the rules allow it, deciding on facts
    /// read under the workspace's lock, and re-decides in the same transaction what
    /// depended on the old role (see [`reconsider_rights`]).
    pub async fn change_role(
        &self,
        workspace_id: i64,
        actor_id: i64,
        target_id: i64,
        to: Role,
        now: i64,
    ) -> Result<RoleChange, AppError> {
        let mut tx = self.write_tx().await?;
        let who = (workspace_id, actor_id, target_id);
        let (permit, target) = decide_on_member(&mut tx, who, |target, owners| {
            Action::ChangeRole { target, to, owners }
        })
        .await?;
        let mut consequences = Consequences::default();
        if target.role != to {
            sqlx::query(
                "UPDATE memberships SET role = $1 WHERE workspace_id = $2 AND user_id = $3",
            )
            .bind(to.as_str())
            .bind(workspace_id)
            .bind(target_id)
            .execute(&mut *tx)
            .await?;
        }
        let row = sqlx::query(&format!(
            "SELECT {ROW_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND m.user_id = $2"
        ))
        .bind(workspace_id)
        .bind(target_id)
        .fetch_one(&mut *tx)
        .await?;
        let changed = member_row(&row, permit.actor())?;
        if target.role != to {
            let detail = format!("{} → {}", target.role.label(), to.label());
            let event = Event::permitted(
                &permit,
                workspace_id,
                ActivityKind::ChangedRole,
                &changed.display_name,
                &detail,
            );
            Self::record(&mut tx, event, now).await?;
            let demoted = Demoted {
                workspace_id,
                member: Member {
                    user_id: target_id,
                    role: to,
                },
                name: &changed.display_name,
                because: Cause::Member(&permit),
            };
            consequences = reconsider_rights(&mut tx, demoted, now).await?;
        }
        tx.commit().await?;
        Ok(RoleChange {
            member: changed,
            grants_lowered: consequences.grants_lowered,
            keys_deactivated: consequences.keys_deactivated,
            invites_revoked: consequences.invites_revoked,
        })
    }

    /// Removes `target_id` from the workspace if the rules allow it: deactivates the
    /// project tokens they minted here (and no others), cancels the invites they sent,
    /// and records it, in one transaction.
    pub async fn remove_member(
        &self,
        workspace_id: i64,
        actor_id: i64,
        target_id: i64,
        now: i64,
    ) -> Result<Removal, AppError> {
        let mut tx = self.write_tx().await?;
        let who = (workspace_id, actor_id, target_id);
        let (permit, target) = decide_on_member(&mut tx, who, |target, owners| {
            Action::RemoveMember { target, owners }
        })
        .await?;
        let display_name: String =
            sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                .bind(target_id)
                .fetch_one(&mut *tx)
                .await?;
        let tokens = sqlx::query(
            "UPDATE project_tokens SET deactivated_at = $1 \
             WHERE workspace_id = $2 AND minted_by = $3 AND deactivated_at IS NULL",
        )
        .bind(now)
        .bind(workspace_id)
        .bind(target_id)
        .execute(&mut *tx)
        .await?;
        FaultPoint::RemoveMember.reach().await;
        sqlx::query(
            "UPDATE invites SET revoked_at = $1 WHERE workspace_id = $2 AND invited_by = $3 \
             AND accepted_at IS NULL AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(workspace_id)
        .bind(target_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM project_grants WHERE user_id = $1 \
             AND project_id IN (SELECT id FROM projects WHERE workspace_id = $2)",
        )
        .bind(target_id)
        .bind(workspace_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace_id)
            .bind(target_id)
            .execute(&mut *tx)
            .await?;
        let event = Event::permitted(
            &permit,
            workspace_id,
            ActivityKind::RemovedMember,
            &display_name,
            target.role.label(),
        );
        Self::record(&mut tx, event, now).await?;
        tx.commit().await?;
        let tokens_deactivated = i64::try_from(tokens.rows_affected()).unwrap_or(i64::MAX);
        Ok(Removal {
            display_name,
            tokens_deactivated,
        })
    }
}
