//! What every use case of a share builds on, from either side: a share's row as
//! the sharing side lists it, the events both feeds record (and the email a change
//! sends), and how the grant a share gave ends.

use super::activity::{Cause, Event};
use super::decoded;
use super::project_access::{Decided, ProjectFacts};
use super::{OutgoingEmail, Store, Tx};
use crate::core::access::GrantRole;
use crate::core::activity::ActivityKind;
use crate::core::share_end::end_words;
use crate::core::share_state::{ShareDates, ShareState};
use crate::model::shares::{ShareRow, ShareStatus};
use sqlx::Row;

/// What a share email says about the share.
pub struct ShareLetter<'a> {
    /// The recipient's address.
    pub to: &'a str,
    /// The project shared.
    pub project: &'a str,
    /// The workspace it belongs to.
    pub workspace: &'a str,
    /// Who shared it (or ended the share).
    pub sender: &'a str,
    /// The project role given.
    pub role: crate::core::access::GrantRole,
    /// When access ends, if the share has an end date.
    pub ends_at: Option<i64>,
}

/// How long a share link works, in seconds (14 days).
pub const SHARE_SECONDS: i64 = 14 * 24 * 60 * 60;

pub(super) const SELECT: &str = "SELECT s.id, s.email, s.role, s.accepted_at, s.created_at, s.expires_at, s.ends_at, \
     COALESCE(u.display_name, 'A former member') AS shared_by, r.display_name AS recipient";

pub(super) const FROM: &str = "FROM project_shares s LEFT JOIN users u ON u.id = s.shared_by \
     LEFT JOIN users r ON r.id = s.recipient_id";

pub(super) fn grant_role(name: &str) -> Result<GrantRole, sqlx::Error> {
    decoded(name, GrantRole::parse)
}

/// A share as its row reads at `now`: an unaccepted share past its expiry is
/// `Expired`, still listed so that it can be resent or cancelled.
pub(super) fn share_row(row: &sqlx::any::AnyRow, now: i64) -> Result<ShareRow, sqlx::Error> {
    let accepted_at: Option<i64> = row.try_get("accepted_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    let ends_at: Option<i64> = row.try_get("ends_at")?;
    let role: String = row.try_get("role")?;
    let dates = ShareDates {
        accepted_at,
        link_expires_at: expires_at,
        ends_at,
        ended: None,
    };
    Ok(ShareRow {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("recipient")?,
        role: grant_role(&role)?,
        status: match dates.state(now) {
            ShareState::Pending => ShareStatus::Pending,
            ShareState::LinkExpired => ShareStatus::Expired,
            // A listed share is live: what is not pending is active.
            _ => ShareStatus::Active,
        },
        shared_by: row.try_get("shared_by")?,
        created_at: row.try_get("created_at")?,
        expires_at,
        ends_at,
    })
}

/// One event of a share, written to both feeds: the workspace's (and the project's),
/// and the recipient's own.
pub(super) struct ShareEvent<'a> {
    pub(super) kind: ActivityKind,
    /// The decision that allowed it, which names who acted.
    pub(super) because: Cause<'a>,
    /// The recipient's address.
    pub(super) email: &'a str,
    /// What the feeds say of the share (its project access, or its end).
    pub(super) detail: &'a str,
    /// The recipient's feed line: who, as they see it, and what, about which project.
    pub(super) personal: (&'a str, &'a str),
}

pub(super) async fn display_name(tx: &mut Tx, user_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await
}

pub(super) async fn record_share(
    tx: &mut Tx,
    facts: &ProjectFacts,
    event: ShareEvent<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let at = (facts.workspace_id, Some(facts.project_id));
    let shared = Event::new(event.because, at, event.kind, event.email, event.detail);
    Store::record(tx, shared, now).await?;
    let (actor, action) = event.personal;
    sqlx::query(
        "INSERT INTO personal_activity (email, actor, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.email)
    .bind(actor)
    .bind(action)
    .bind(&facts.name)
    .bind(event.detail)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A change a member of the workspace made to a share, for both feeds.
pub(super) struct MemberChange<'a> {
    pub(super) kind: ActivityKind,
    /// The recipient's address.
    pub(super) email: &'a str,
    /// The share's role after the change.
    pub(super) role: GrantRole,
    /// What the recipient's feed says the member did.
    pub(super) told: &'a str,
    /// When the share ends after the change, for the email.
    pub(super) ends_at: Option<i64>,
}

/// Queues the email `letter` writes (if any) and records `change`, made by whom
/// `decided` allowed, on both feeds, inside `tx`.
pub(super) async fn record_member_change<L>(
    tx: &mut Tx,
    decided: &Decided,
    change: MemberChange<'_>,
    letter: Option<L>,
) -> Result<(), sqlx::Error>
where
    L: FnOnce(ShareLetter<'_>) -> OutgoingEmail,
{
    let (facts, actor_id, now) = (&decided.facts, decided.change.actor_id, decided.change.now);
    let sender = display_name(tx, actor_id).await?;
    if let Some(letter) = letter {
        let mail = letter(ShareLetter {
            to: change.email,
            project: &facts.name,
            workspace: &facts.workspace_name,
            sender: &sender,
            role: change.role,
            ends_at: change.ends_at,
        });
        Store::enqueue(tx, &mail, now).await?;
    }
    let who = format!("{sender} ({})", facts.workspace_name);
    let detail = if change.kind == ActivityKind::ChangedShareEnd {
        end_words(change.ends_at)
    } else {
        change.role.access().label().to_owned()
    };
    let event = ShareEvent {
        kind: change.kind,
        because: Cause::Project(decided),
        email: change.email,
        detail: &detail,
        personal: (&who, change.told),
    };
    record_share(tx, facts, event, now).await
}

/// How a member's change to the share `share_id` ends: recorded on both feeds (with
/// the email `letter` writes, if any), then the share as the list shows it, read in
/// the same transaction, which commits.
pub(super) async fn commit_change<L>(
    mut tx: Tx,
    decided: &Decided,
    change: MemberChange<'_>,
    letter: Option<L>,
    share_id: i64,
) -> Result<ShareRow, sqlx::Error>
where
    L: FnOnce(ShareLetter<'_>) -> OutgoingEmail,
{
    record_member_change(&mut tx, decided, change, letter).await?;
    let row = row_of(&mut tx, share_id, decided.change.now).await?;
    tx.commit().await?;
    Ok(row)
}

/// The share `share_id` as the sharing side lists it, read inside `tx`.
pub(super) async fn row_of(tx: &mut Tx, share_id: i64, now: i64) -> Result<ShareRow, sqlx::Error> {
    share_row(
        &sqlx::query(&format!("{SELECT} {FROM} WHERE s.id = $1"))
            .bind(share_id)
            .fetch_one(&mut **tx)
            .await?,
        now,
    )
}

/// The names of the project's active keys that a recipient with `role` could read
/// (a developer reads them all but their own), which whoever shared may want to
/// rotate once the share ends.
pub(super) async fn readable_keys(
    tx: &mut Tx,
    project_id: i64,
    recipient_id: Option<i64>,
    role: GrantRole,
) -> Result<Vec<String>, sqlx::Error> {
    if role != GrantRole::Developer {
        return Ok(Vec::new());
    }
    sqlx::query_scalar(
        "SELECT name FROM project_tokens WHERE project_id = $1 AND deactivated_at IS NULL \
         AND (minted_by IS NULL OR minted_by <> $2) ORDER BY name",
    )
    .bind(project_id)
    .bind(recipient_id.unwrap_or(0))
    .fetch_all(&mut **tx)
    .await
}

/// Ends the recipient's grant of `share_id` and deactivates the keys they minted on
/// the project; returns how many keys.
pub(super) async fn end_grant(
    tx: &mut Tx,
    project_id: i64,
    share_id: i64,
    recipient_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("DELETE FROM project_grants WHERE share_id = $1")
        .bind(share_id)
        .execute(&mut **tx)
        .await?;
    let keys = sqlx::query(
        "UPDATE project_tokens SET deactivated_at = $1 WHERE project_id = $2 AND minted_by = $3 \
         AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(project_id)
    .bind(recipient_id.unwrap_or(0))
    .execute(&mut **tx)
    .await?;
    Ok(i64::try_from(keys.rows_affected()).unwrap_or(i64::MAX))
}
