//! Shares that end on time: changing when a share ends, the warning some days before
//! (to its recipient and to whoever shared it), and the end itself, which ends a share
//! as a revoke does. Every server's job calls the last two; a share is claimed by one
//! call only, so each is warned of and ended once.

use super::activity::Cause;
use super::project_access::{ProjectChange, ProjectFacts, locked_permit};
use super::share_records::{
    MemberChange, ShareEvent, ShareLetter, commit_change, end_grant, grant_role, readable_keys,
    record_share,
};
use super::shared_with_me::shared_project_facts;
use super::{OutgoingEmail, Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::policy::projects::ProjectAction;
use crate::core::share_end::{WARNING_DAYS, end_words};
use crate::error::AppError;
use crate::model::shares::ShareRow;
use sqlx::Row;

/// What an email about a share's end date says, to one of its two sides.
pub struct ShareEndLetter<'a> {
    /// Who is told.
    pub to: &'a str,
    /// Whether `to` is the recipient (else someone on the sharing side).
    pub to_recipient: bool,
    /// The recipient's address.
    pub recipient: &'a str,
    /// The project shared.
    pub project: &'a str,
    /// Its id, for the link.
    pub project_id: i64,
    /// Its workspace.
    pub workspace: &'a str,
    /// When access ends (a midnight UTC).
    pub ends_at: i64,
    /// After the end: the keys the recipient could read. `None` for the warning.
    pub ended: Option<&'a [String]>,
}

/// A share the job claimed, as its emails need it.
struct Claimed {
    project_id: i64,
    email: String,
    shared_by: Option<i64>,
    ends_at: i64,
}

impl Claimed {
    fn read(row: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            project_id: row.try_get("project_id")?,
            email: row.try_get("email")?,
            shared_by: row.try_get("shared_by")?,
            ends_at: row.try_get("ends_at")?,
        })
    }
}

/// Queues the emails of `share` of the project `facts` names: one to its recipient
/// and one to whoever shared it (the workspace's owners when that account is gone),
/// written by `letter`.
async fn tell_both_sides(
    tx: &mut Tx,
    (share, facts): (&Claimed, &ProjectFacts),
    ended: Option<&[String]>,
    now: i64,
    letter: &impl Fn(ShareEndLetter<'_>) -> OutgoingEmail,
) -> Result<(), sqlx::Error> {
    let sharer: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(share.shared_by.unwrap_or(0))
        .fetch_optional(&mut **tx)
        .await?;
    let sharing_side = match sharer {
        Some(email) => vec![email],
        None => {
            sqlx::query_scalar(
                "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
                 WHERE m.workspace_id = $1 AND m.role = 'owner' ORDER BY u.email",
            )
            .bind(facts.workspace_id)
            .fetch_all(&mut **tx)
            .await?
        }
    };
    let recipient = std::iter::once((share.email.as_str(), true));
    let told = recipient.chain(sharing_side.iter().map(|to| (to.as_str(), false)));
    for (to, to_recipient) in told {
        let email = letter(ShareEndLetter {
            to,
            to_recipient,
            recipient: &share.email,
            project: &facts.name,
            project_id: share.project_id,
            workspace: &facts.workspace_name,
            ends_at: share.ends_at,
            ended,
        });
        Store::enqueue(tx, &email, now).await?;
    }
    Ok(())
}

impl Store {
    /// Sets when a pending or active share ends (`None`: no end date), as someone who
    /// may share the project; the recipient of an accepted share is told by email.
    /// A share past its end date has ended and cannot be changed.
    pub async fn change_share_end(
        &self,
        by: ProjectChange,
        share_id: i64,
        ends_at: Option<i64>,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::Share).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET ends_at = $1, end_warned_at = NULL \
             WHERE id = $2 AND project_id = $3 AND ended_at IS NULL \
             AND (ends_at IS NULL OR ends_at > $4) RETURNING email, role, accepted_at",
        )
        .bind(ends_at)
        .bind(share_id)
        .bind(project_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let email: String = row.try_get("email")?;
        let accepted: Option<i64> = row.try_get("accepted_at")?;
        let change = MemberChange {
            kind: ActivityKind::ChangedShareEnd,
            email: &email,
            role: grant_role(&row.try_get::<String, _>("role")?)?,
            told: "changed when your access ends to the project",
            ends_at,
        };
        let letter = accepted.is_some().then_some(letter);
        Ok(commit_change(tx, &decided, change, letter, share_id).await?)
    }

    /// Claims every accepted share that ends within [`WARNING_DAYS`] of `now` and
    /// was not warned of, and queues the warnings `letter` writes, in one
    /// transaction. Returns how many shares.
    pub async fn warn_of_ending_shares(
        &self,
        now: i64,
        letter: impl Fn(ShareEndLetter<'_>) -> OutgoingEmail,
    ) -> Result<usize, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let claimed = sqlx::query(
            "UPDATE project_shares SET end_warned_at = $1 \
             WHERE ended_at IS NULL AND accepted_at IS NOT NULL AND end_warned_at IS NULL \
             AND ends_at > $1 AND ends_at <= $2 \
             RETURNING project_id, email, shared_by, ends_at",
        )
        .bind(now)
        .bind(now + WARNING_DAYS * 86_400)
        .fetch_all(&mut *tx)
        .await?;
        for row in &claimed {
            let share = Claimed::read(row)?;
            let facts = shared_project_facts(&mut tx, share.project_id).await?;
            tell_both_sides(&mut tx, (&share, &facts), None, now, &letter).await?;
        }
        tx.commit().await?;
        Ok(claimed.len())
    }

    /// Ends every share whose end date has come by `now`, as a revoke does: its grant
    /// and the keys its recipient minted end, both feeds say so (by Packagento), and
    /// for an accepted share the recipient and whoever shared it are emailed, the
    /// latter with the keys the recipient could read. One transaction; the share's
    /// end is recorded as its end date, when access actually stopped. Returns how
    /// many shares.
    pub async fn end_due_shares(
        &self,
        now: i64,
        letter: impl Fn(ShareEndLetter<'_>) -> OutgoingEmail,
    ) -> Result<usize, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let claimed = sqlx::query(
            "UPDATE project_shares SET ended_at = ends_at, \
             ended_how = CASE WHEN accepted_at IS NULL THEN 'cancelled' ELSE 'revoked' END \
             WHERE ended_at IS NULL AND ends_at <= $1 \
             RETURNING id, project_id, email, role, accepted_at, recipient_id, shared_by, ends_at",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for row in &claimed {
            let share = Claimed::read(row)?;
            let role = grant_role(&row.try_get::<String, _>("role")?)?;
            let recipient_id: Option<i64> = row.try_get("recipient_id")?;
            let accepted = row.try_get::<Option<i64>, _>("accepted_at")?.is_some();
            let readable = if accepted {
                readable_keys(&mut tx, share.project_id, recipient_id, role).await?
            } else {
                Vec::new()
            };
            let (id, project_id) = (row.try_get("id")?, share.project_id);
            end_grant(&mut tx, project_id, id, recipient_id, share.ends_at).await?;
            let facts = shared_project_facts(&mut tx, project_id).await?;
            let detail = end_words(Some(share.ends_at));
            let event = ShareEvent {
                kind: ActivityKind::ShareReachedEnd,
                because: Cause::Schedule,
                email: &share.email,
                detail: &detail,
                personal: (
                    "Packagento",
                    "ended on its end date your share of the project",
                ),
            };
            record_share(&mut tx, &facts, event, now).await?;
            if accepted {
                let told = (&share, &facts);
                tell_both_sides(&mut tx, told, Some(&readable), now, &letter).await?;
            }
        }
        tx.commit().await?;
        Ok(claimed.len())
    }
}
