//! Invitations to a workspace: single-use links valid 14 days, bound to an address,
//! from the side of those who send them (the invitee's side is in `joining.rs`).

use super::activity::{Event, check_sending_limit};
use super::decoded;
use super::workspaces::{actor, lock_workspace, locked_authorize};
use super::{OutgoingEmail, Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::email::EmailAddress;
use crate::core::policy::{Action, Member, Permit, allows, authorize};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::PendingInvite;
use sqlx::Row;

/// How long an invite link works, in seconds (14 days).
pub const INVITE_SECONDS: i64 = 14 * 24 * 60 * 60;

/// What the invite email needs to say, known only inside the transaction.
#[derive(Clone, Copy)]
pub struct InviteLetter<'a> {
    /// The invited address.
    pub to: &'a str,
    /// The workspace's name.
    pub workspace: &'a str,
    /// The inviter's display name.
    pub inviter: &'a str,
    /// The role offered.
    pub role: Role,
}

/// An invitation to store: who, with which role, and the digest of its link's token.
pub struct NewInvite<'a> {
    /// The address invited, normalised.
    pub email: &'a EmailAddress,
    /// The role offered.
    pub role: Role,
    /// The digest of the link's token.
    pub digest: &'a str,
}

pub(super) fn parse_role(name: &str) -> Result<Role, sqlx::Error> {
    decoded(name, Role::parse)
}

/// Not accepted or revoked: listed, and can be re-issued or revoked, expired or not.
const OPEN: &str = "accepted_at IS NULL AND revoked_at IS NULL";
/// Open and not expired at `$1`: its link works.
pub(super) const PENDING: &str = "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1";

async fn names(
    tx: &mut Tx,
    workspace_id: i64,
    user_id: i64,
) -> Result<(String, String), sqlx::Error> {
    let workspace: String = sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
        .bind(workspace_id)
        .fetch_one(&mut **tx)
        .await?;
    let inviter: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok((workspace, inviter))
}

/// An invite email about to go out, and the event that records it, by the member
/// `permit` allowed.
struct Sent<'a> {
    workspace_id: i64,
    permit: &'a Permit,
    email: &'a str,
    role: Role,
    kind: ActivityKind,
}

impl Store {
    /// Queues the invite email written by `letter` and records `sent.kind`, inside
    /// `tx`. Returns the inviter's display name.
    async fn send_invite(
        tx: &mut Tx,
        sent: Sent<'_>,
        now: i64,
        letter: impl FnOnce(InviteLetter<'_>) -> OutgoingEmail,
    ) -> Result<String, sqlx::Error> {
        let (workspace, inviter) =
            names(tx, sent.workspace_id, sent.permit.actor().user_id).await?;
        let email = letter(InviteLetter {
            to: sent.email,
            workspace: &workspace,
            inviter: &inviter,
            role: sent.role,
        });
        Self::enqueue(tx, &email, now).await?;
        let event = Event::permitted(
            sent.permit,
            sent.workspace_id,
            sent.kind,
            sent.email,
            sent.role.label(),
        );
        Self::record(tx, event, now).await?;
        Ok(inviter)
    }

    /// Invites `email` with `role`, queues the email written by `letter`, and records
    /// it. Refused when the rules forbid it, when the address is already a member, or
    /// when it already has a pending invite.
    pub async fn create_invite(
        &self,
        workspace_id: i64,
        actor_id: i64,
        invite: NewInvite<'_>,
        now: i64,
        letter: impl FnOnce(InviteLetter<'_>) -> OutgoingEmail,
    ) -> Result<PendingInvite, AppError> {
        let NewInvite {
            email,
            role,
            digest,
        } = invite;
        let mut tx = self.write_tx().await?;
        let permit =
            locked_authorize(&mut tx, workspace_id, actor_id, Action::Invite { role }).await?;
        check_sending_limit(&mut tx, workspace_id, actor_id, now).await?;
        let member: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND u.email = $2",
        )
        .bind(workspace_id)
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if member > 0 {
            return Err(AppError::Conflict(format!(
                "{email} is already a member of this workspace."
            )));
        }
        let open: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT MAX(expires_at) FROM invites WHERE {OPEN} AND workspace_id = $1 AND email = $2"
        ))
        .bind(workspace_id)
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if let Some(expires_at) = open {
            let which = if expires_at > now {
                "a pending"
            } else {
                "an expired"
            };
            return Err(AppError::Conflict(format!(
                "{email} already has {which} invite. Re-issue it to send a new link."
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO invites (workspace_id, email, role, token_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(workspace_id)
        .bind(email.as_str())
        .bind(role.as_str())
        .bind(digest)
        .bind(actor_id)
        .bind(now)
        .bind(now + INVITE_SECONDS)
        .fetch_one(&mut *tx)
        .await?;
        let sent = Sent {
            workspace_id,
            permit: &permit,
            email: email.as_str(),
            role,
            kind: ActivityKind::Invited,
        };
        let inviter = Self::send_invite(&mut tx, sent, now, letter).await?;
        tx.commit().await?;
        Ok(PendingInvite {
            id,
            email: email.to_string(),
            role,
            invited_by: inviter,
            expires_at: now + INVITE_SECONDS,
            expired: false,
            can_manage: allows(permit.actor(), Action::ManageInvite { role }),
        })
    }

    /// The workspace's invites not accepted or revoked, expired ones included (they
    /// can be re-issued), newest first, as `viewer` sees them.
    pub async fn pending_invites(
        &self,
        workspace_id: i64,
        viewer: Member,
        now: i64,
    ) -> Result<Vec<PendingInvite>, sqlx::Error> {
        let rows = sqlx::query(&format!(
            "SELECT i.id, i.email, i.role, COALESCE(u.display_name, 'a former member') AS inviter, i.expires_at \
             FROM invites i LEFT JOIN users u ON u.id = i.invited_by \
             WHERE {OPEN} AND i.workspace_id = $1 ORDER BY i.id DESC"
        ))
        .bind(workspace_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                let expires_at: i64 = row.try_get("expires_at")?;
                let role = parse_role(&row.try_get::<String, _>("role")?)?;
                Ok(PendingInvite {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    role,
                    invited_by: row.try_get("inviter")?,
                    expires_at,
                    expired: expires_at <= now,
                    can_manage: allows(viewer, Action::ManageInvite { role }),
                })
            })
            .collect()
    }

    /// Locks the workspace, finds the open (pending or expired) invite `invite_id` in
    /// it and checks the actor may manage it. Returns the invite's address and role.
    async fn managed_invite(
        tx: &mut Tx,
        workspace_id: i64,
        actor_id: i64,
        invite_id: i64,
    ) -> Result<(String, Role, crate::core::policy::Permit), AppError> {
        lock_workspace(tx, workspace_id).await?;
        let acting = actor(tx, workspace_id, actor_id).await?;
        let row = sqlx::query(&format!(
            "SELECT email, role FROM invites WHERE {OPEN} AND id = $1 AND workspace_id = $2"
        ))
        .bind(invite_id)
        .bind(workspace_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let role = parse_role(&row.try_get::<String, _>("role")?)?;
        let permit = authorize(acting, Action::ManageInvite { role })?;
        Ok((row.try_get("email")?, role, permit))
    }

    /// Revokes a pending invite: its link stops working at once.
    pub async fn revoke_invite(
        &self,
        workspace_id: i64,
        actor_id: i64,
        invite_id: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let (email, role, permit) =
            Self::managed_invite(&mut tx, workspace_id, actor_id, invite_id).await?;
        sqlx::query("UPDATE invites SET revoked_at = $1 WHERE id = $2")
            .bind(now)
            .bind(invite_id)
            .execute(&mut *tx)
            .await?;
        let event = Event::permitted(
            &permit,
            workspace_id,
            ActivityKind::RevokedInvite,
            &email,
            role.label(),
        );
        Self::record(&mut tx, event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives a pending invite a new link (the old one stops working), a fresh 14 days,
    /// and emails it again.
    pub async fn reissue_invite(
        &self,
        workspace_id: i64,
        actor_id: i64,
        invite_id: i64,
        digest: &str,
        now: i64,
        letter: impl FnOnce(InviteLetter<'_>) -> OutgoingEmail,
    ) -> Result<PendingInvite, AppError> {
        let mut tx = self.write_tx().await?;
        let (email, role, permit) =
            Self::managed_invite(&mut tx, workspace_id, actor_id, invite_id).await?;
        check_sending_limit(&mut tx, workspace_id, actor_id, now).await?;
        sqlx::query(
            "UPDATE invites SET token_hash = $1, expires_at = $2, invited_by = $3 WHERE id = $4",
        )
        .bind(digest)
        .bind(now + INVITE_SECONDS)
        .bind(actor_id)
        .bind(invite_id)
        .execute(&mut *tx)
        .await?;
        let sent = Sent {
            workspace_id,
            permit: &permit,
            email: &email,
            role,
            kind: ActivityKind::ReissuedInvite,
        };
        let inviter = Self::send_invite(&mut tx, sent, now, letter).await?;
        tx.commit().await?;
        Ok(PendingInvite {
            id: invite_id,
            email,
            role,
            invited_by: inviter,
            expires_at: now + INVITE_SECONDS,
            expired: false,
            can_manage: allows(permit.actor(), Action::ManageInvite { role }),
        })
    }
}
