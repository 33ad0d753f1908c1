//! Shares of a project with addresses outside its workspace, from the side of those
//! who manage it: sharing, the list, resending, changing the access and ending a share
//! (the recipient's side is in `shared_with_me.rs`, when a share ends in
//! `share_ends.rs`, and what they all build on in `share_records.rs`).

use super::activity::check_sending_limit;
use super::member_list::like_pattern;
use super::project_access::{Decided, ProjectChange, locked_permit};
use super::share_records::{
    FROM, MemberChange, SELECT, SHARE_SECONDS, ShareLetter, commit_change, end_grant, grant_role,
    readable_keys, record_member_change, row_of, share_row,
};
use super::{OutgoingEmail, Store, Tx};
use crate::core::access::GrantRole;
use crate::core::activity::ActivityKind;
use crate::core::email::EmailAddress;
use crate::core::paging::{ROWS_PER_PAGE, clamp_page, offset};
use crate::core::policy::projects::ProjectAction;
use crate::error::AppError;
use crate::model::shares::{EndedShare, SharePage, ShareRow, ShareSort};
use sqlx::Row;

/// A project's (`$1`) pending and active shares at `$4` (a share past its end date
/// is over, even before the job ends it), matching `$2` (the search, or `''`) as the
/// `LIKE` pattern `$3`.
const LIVE_MATCHING: &str = "WHERE s.project_id = $1 AND s.ended_at IS NULL \
     AND (s.ends_at IS NULL OR s.ends_at > $4) \
     AND ($2 = '' OR s.email LIKE $3 ESCAPE '\\' OR LOWER(r.display_name) LIKE $3 ESCAPE '\\')";

/// Decides, under the workspace's lock, that `by` may send a share's link of the
/// project now: they may share it, and are under the sending limit.
async fn decide_to_send(tx: &mut Tx, by: ProjectChange) -> Result<Decided, AppError> {
    let decided = locked_permit(tx, by, ProjectAction::Share).await?;
    check_sending_limit(tx, decided.facts.workspace_id, by.actor_id, by.now).await?;
    Ok(decided)
}

impl Store {
    /// Shares the project with `email` as `role` until `ends_at` (if given) and
    /// queues the email with its link. Refused for members of the workspace (they get
    /// a grant on the Members screen) and for an address the project is already
    /// shared with.
    pub async fn create_share(
        &self,
        by: ProjectChange,
        email: &EmailAddress,
        role: GrantRole,
        ends_at: Option<i64>,
        digest: &str,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, actor_id, now) = by.parts();
        let decided = decide_to_send(&mut tx, by).await?;
        let facts = &decided.facts;
        let member: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND u.email = $2",
        )
        .bind(facts.workspace_id)
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if member > 0 {
            return Err(AppError::field(
                "email",
                format!(
                    "{email} is a member of {}: give them access on the Members screen instead.",
                    facts.workspace_name
                ),
            ));
        }
        let live: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM project_shares WHERE project_id = $1 AND email = $2 AND ended_at IS NULL",
        )
        .bind(project_id)
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if live > 0 {
            return Err(AppError::field(
                "email",
                format!(
                    "{email} already has a share of this project. Resend or change it in the list."
                ),
            ));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO project_shares (project_id, email, role, token_hash, shared_by, created_at, expires_at, ends_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(project_id)
        .bind(email.as_str())
        .bind(role.as_str())
        .bind(digest)
        .bind(actor_id)
        .bind(now)
        .bind(now + SHARE_SECONDS)
        .bind(ends_at)
        .fetch_one(&mut *tx)
        .await?;
        let change = MemberChange {
            kind: ActivityKind::SharedProject,
            email: email.as_str(),
            role,
            told: "shared with you the project",
            ends_at,
        };
        Ok(commit_change(tx, &decided, change, Some(letter), id).await?)
    }

    /// One page of the project's pending and active shares whose address or
    /// recipient's name matches `search`.
    pub async fn share_page(
        &self,
        project_id: i64,
        search: &str,
        sort: ShareSort,
        descending: bool,
        page: i64,
        now: i64,
    ) -> Result<SharePage, sqlx::Error> {
        let search = search.trim();
        let pattern = like_pattern(search);
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM} {LIVE_MATCHING}"))
            .bind(project_id)
            .bind(search)
            .bind(&pattern)
            .bind(now)
            .fetch_one(&mut *self.conn().await?)
            .await?;
        let page = clamp_page(page, total);
        let direction = if descending { "DESC" } else { "ASC" };
        let order = match sort {
            ShareSort::Person => "s.email",
            ShareSort::Access => "CASE s.role WHEN 'developer' THEN 1 ELSE 0 END",
            ShareSort::Status => "CASE WHEN s.accepted_at IS NULL THEN 0 ELSE 1 END",
            ShareSort::Added => "s.created_at",
        };
        let rows = sqlx::query(&format!(
            "{SELECT} {FROM} {LIVE_MATCHING} ORDER BY {order} {direction}, s.id {direction} LIMIT $5 OFFSET $6"
        ))
        .bind(project_id)
        .bind(search)
        .bind(&pattern)
        .bind(now)
        .bind(ROWS_PER_PAGE)
        .bind(offset(page, ROWS_PER_PAGE))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(SharePage {
            rows: rows
                .iter()
                .map(|row| share_row(row, now))
                .collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    /// Gives a pending share a new link (the old one stops working) and sends it.
    pub async fn resend_share(
        &self,
        by: ProjectChange,
        share_id: i64,
        digest: &str,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = decide_to_send(&mut tx, by).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET token_hash = $1, expires_at = $2 WHERE id = $3 \
             AND project_id = $4 AND accepted_at IS NULL AND ended_at IS NULL RETURNING email, role, ends_at",
        )
        .bind(digest)
        .bind(now + SHARE_SECONDS)
        .bind(share_id)
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let (email, role): (String, String) = (row.try_get("email")?, row.try_get("role")?);
        let role = grant_role(&role)?;
        let change = MemberChange {
            kind: ActivityKind::ResentShare,
            email: &email,
            role,
            told: "sent you a new link for the project",
            ends_at: row.try_get("ends_at")?,
        };
        Ok(commit_change(tx, &decided, change, Some(letter), share_id).await?)
    }

    /// Cancels a pending share or revokes an active one: the recipient loses access
    /// when this commits, the keys they minted here stop working, and a revoked
    /// recipient is told by email.
    pub async fn end_share(
        &self,
        by: ProjectChange,
        share_id: i64,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<EndedShare, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::Share).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET ended_at = $1, \
             ended_how = CASE WHEN accepted_at IS NULL THEN 'cancelled' ELSE 'revoked' END \
             WHERE id = $2 AND project_id = $3 AND ended_at IS NULL \
             RETURNING email, role, accepted_at, recipient_id, ends_at",
        )
        .bind(now)
        .bind(share_id)
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let email: String = row.try_get("email")?;
        let role = grant_role(&row.try_get::<String, _>("role")?)?;
        let accepted_at: Option<i64> = row.try_get("accepted_at")?;
        let recipient_id: Option<i64> = row.try_get("recipient_id")?;
        let was_active = accepted_at.is_some();
        let readable_keys = if was_active {
            readable_keys(&mut tx, project_id, recipient_id, role).await?
        } else {
            Vec::new()
        };
        let keys_deactivated = end_grant(&mut tx, project_id, share_id, recipient_id, now).await?;
        let (kind, told) = if was_active {
            (
                ActivityKind::RevokedShare,
                "ended your access to the project",
            )
        } else {
            (
                ActivityKind::CancelledShare,
                "cancelled the share of the project",
            )
        };
        let change = MemberChange {
            kind,
            email: &email,
            role,
            told,
            ends_at: row.try_get("ends_at")?,
        };
        // Only a recipient who had access is told by email.
        let letter = was_active.then_some(letter);
        record_member_change(&mut tx, &decided, change, letter).await?;
        tx.commit().await?;
        Ok(EndedShare {
            email,
            was_active,
            keys_deactivated,
            readable_keys,
        })
    }

    /// Changes the project role of a pending or active share, and of the grant it gave.
    pub async fn change_share_role(
        &self,
        by: ProjectChange,
        share_id: i64,
        role: GrantRole,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::Share).await?;
        let before: Option<String> = sqlx::query_scalar(
            "SELECT role FROM project_shares WHERE id = $1 AND project_id = $2 AND ended_at IS NULL",
        )
        .bind(share_id)
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?;
        let before = grant_role(&before.ok_or(AppError::NotFound)?)?;
        if before != role {
            sqlx::query("UPDATE project_shares SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(share_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE project_grants SET role = $1 WHERE share_id = $2")
                .bind(role.as_str())
                .bind(share_id)
                .execute(&mut *tx)
                .await?;
            let email: String =
                sqlx::query_scalar("SELECT email FROM project_shares WHERE id = $1")
                    .bind(share_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let change = MemberChange {
                kind: ActivityKind::ChangedShareRole,
                email: &email,
                role,
                told: "changed your role on the project",
                ends_at: None,
            };
            let no_mail = None::<fn(ShareLetter<'_>) -> OutgoingEmail>;
            record_member_change(&mut tx, &decided, change, no_mail).await?;
        }
        let row = row_of(&mut tx, share_id, now).await?;
        tx.commit().await?;
        Ok(row)
    }
}
