//! The invitee's side of an invite: what its link offers, and joining the workspace
//! by accepting it, signed in or by registering.

use super::accounts::create_account;
use super::activity::{Cause, Event};
use super::invites::{PENDING, parse_role};
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::link::{LinkState, LinkUse};
use crate::core::role::Role;
use crate::error::AppError;
use sqlx::Row;

/// An invite link's state and what it offers.
pub struct InviteLink {
    /// Whether it can be used now.
    pub state: LinkState,
    /// The workspace it joins.
    pub workspace_id: i64,
    /// The workspace's name.
    pub workspace: String,
    /// The role it grants.
    pub role: Role,
    /// The address it is bound to.
    pub email: String,
}

/// An invite that was just accepted.
pub struct Accepted {
    /// The workspace joined.
    pub workspace_id: i64,
    /// The role granted.
    pub role: Role,
}

impl Store {
    /// The invite behind a link digest, and what using it now would do.
    pub async fn invite_link(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<Option<InviteLink>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT i.workspace_id, w.name, i.role, i.email, i.accepted_at, i.revoked_at, i.expires_at \
             FROM invites i JOIN workspaces w ON w.id = i.workspace_id WHERE i.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|row| {
            let state = LinkState::of(
                row.try_get::<Option<i64>, _>("accepted_at")?.is_some(),
                row.try_get::<Option<i64>, _>("revoked_at")?
                    .map(|_| LinkState::Revoked),
                row.try_get("expires_at")?,
                now,
            );
            Ok(InviteLink {
                state,
                workspace_id: row.try_get("workspace_id")?,
                workspace: row.try_get("name")?,
                role: parse_role(&row.try_get::<String, _>("role")?)?,
                email: row.try_get("email")?,
            })
        })
        .transpose()
    }

    /// Marks the invite used inside `tx` if it is pending and bound to `email`: of two
    /// simultaneous accepts exactly one gets `Some`.
    async fn claim_invite(
        tx: &mut Tx,
        digest: &str,
        email: &str,
        now: i64,
    ) -> Result<Option<Accepted>, sqlx::Error> {
        let row = sqlx::query(&format!(
            "UPDATE invites SET accepted_at = $1 WHERE {PENDING} AND token_hash = $2 AND email = $3 \
             RETURNING workspace_id, role"
        ))
        .bind(now)
        .bind(digest)
        .bind(email)
        .fetch_optional(&mut **tx)
        .await?;
        row.map(|row| {
            Ok(Accepted {
                workspace_id: row.try_get("workspace_id")?,
                role: parse_role(&row.try_get::<String, _>("role")?)?,
            })
        })
        .transpose()
    }

    /// Adds `user_id` with the accepted role (unless already a member) and records it,
    /// as the use of the link the policy allowed (`decided`).
    async fn join(
        tx: &mut Tx,
        decided: &LinkUse,
        accepted: &Accepted,
        user_id: i64,
        display_name: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (workspace_id, user_id) DO NOTHING",
        )
        .bind(accepted.workspace_id)
        .bind(user_id)
        .bind(accepted.role.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        let event = Event::new(
            Cause::Link(decided, user_id),
            (accepted.workspace_id, None),
            ActivityKind::AcceptedInvite,
            display_name,
            accepted.role.label(),
        );
        Self::record(tx, event, now).await
    }

    /// Accepts the invite for a signed-in user whose verified address is `email`.
    /// `None` when the link is not pending or is bound to another address.
    pub async fn accept_invite(
        &self,
        decided: &LinkUse,
        digest: &str,
        user_id: i64,
        email: &str,
        display_name: &str,
        now: i64,
    ) -> Result<Option<Accepted>, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let Some(accepted) = Self::claim_invite(&mut tx, digest, email, now).await? else {
            return Ok(None);
        };
        Self::join(&mut tx, decided, &accepted, user_id, display_name, now).await?;
        tx.commit().await?;
        Ok(Some(accepted))
    }

    /// Creates a verified account for the invited address (with a workspace of its
    /// own) and accepts the invite, in one transaction. `Ok(None)` when the link is
    /// not pending; `Err(Conflict)` when the address already has an account.
    pub async fn register_with_invite(
        &self,
        decided: &LinkUse,
        digest: &str,
        link: &InviteLink,
        display_name: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<(i64, Accepted)>, AppError> {
        let mut tx = self.write_tx().await?;
        let Some(accepted) = Self::claim_invite(&mut tx, digest, &link.email, now).await? else {
            return Ok(None);
        };
        let created =
            create_account(&mut tx, &link.email, display_name, password_hash, now).await?;
        let Some(user_id) = created else {
            return Err(AppError::Conflict(
                "This address already has an account: sign in to accept the invite.".to_owned(),
            ));
        };
        Self::join(&mut tx, decided, &accepted, user_id, display_name, now).await?;
        tx.commit().await?;
        Ok(Some((user_id, accepted)))
    }
}
