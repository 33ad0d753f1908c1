//! Shares of a project with addresses outside its workspace: pending links, the
//! grants accepted shares give, and both sides' activity.

use super::accounts::create_account;
use super::activity::check_sending_limit;
use super::fault::FaultPoint;
use super::members::like_pattern;
use super::projects::{ProjectFacts, locked_permit, record_on_project};
use super::{OutgoingEmail, Store, Tx};
use crate::core::access::GrantRole;
use crate::core::activity::ActivityKind;
use crate::core::email::EmailAddress;
use crate::core::link::LinkState;
use crate::core::paging::{ROWS_PER_PAGE, clamp_page, offset};
use crate::core::policy::projects::ProjectAction;
use crate::error::AppError;
use crate::model::shares::{
    EndedShare, SharePage, ShareRow, ShareSort, ShareStatus, SharedProject,
};
use crate::model::team::ActivityEntry;
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
}

/// How long a share link works, in seconds (14 days).
pub const SHARE_SECONDS: i64 = 14 * 24 * 60 * 60;

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

const SELECT: &str = "SELECT s.id, s.email, s.role, s.accepted_at, s.created_at, s.expires_at, \
     COALESCE(u.display_name, 'A former member') AS shared_by, r.display_name AS recipient";

const FROM: &str = "FROM project_shares s LEFT JOIN users u ON u.id = s.shared_by \
     LEFT JOIN users r ON r.id = s.recipient_id";

/// A project's (`$1`) pending and active shares, matching `$2` (the search, or `''`)
/// as the `LIKE` pattern `$3`.
const LIVE_MATCHING: &str = "WHERE s.project_id = $1 AND s.ended_at IS NULL \
     AND ($2 = '' OR s.email LIKE $3 ESCAPE '\\' OR LOWER(r.display_name) LIKE $3 ESCAPE '\\')";

fn grant_role(name: &str) -> Result<GrantRole, sqlx::Error> {
    GrantRole::parse(name).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// A share as its row reads at `now`: an unaccepted share past its expiry is
/// `Expired`, still listed so that it can be resent or cancelled.
fn share_row(row: &sqlx::any::AnyRow, now: i64) -> Result<ShareRow, sqlx::Error> {
    let accepted_at: Option<i64> = row.try_get("accepted_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    let role: String = row.try_get("role")?;
    Ok(ShareRow {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("recipient")?,
        role: grant_role(&role)?,
        status: if accepted_at.is_some() {
            ShareStatus::Active
        } else if expires_at <= now {
            ShareStatus::Expired
        } else {
            ShareStatus::Pending
        },
        shared_by: row.try_get("shared_by")?,
        created_at: row.try_get("created_at")?,
        expires_at,
    })
}

/// One event of a share, written to both feeds: the workspace's (and the project's),
/// and the recipient's own.
struct ShareEvent<'a> {
    kind: ActivityKind,
    /// Who acted, by account.
    actor_id: i64,
    /// The recipient's address.
    email: &'a str,
    /// The project role concerned.
    role: GrantRole,
    /// The recipient's feed line: who, as they see it, and what, about which project.
    personal: (&'a str, &'a str),
}

async fn display_name(tx: &mut Tx, user_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await
}

async fn record_share(
    tx: &mut Tx,
    facts: &ProjectFacts,
    event: ShareEvent<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    record_on_project(
        tx,
        facts,
        event.actor_id,
        event.kind,
        event.email,
        event.role.access().label(),
        now,
    )
    .await?;
    let (actor, action) = event.personal;
    sqlx::query(
        "INSERT INTO personal_activity (email, actor, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.email)
    .bind(actor)
    .bind(action)
    .bind(&facts.name)
    .bind(event.role.access().label())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A change a member of the workspace made to a share, for both feeds.
struct MemberChange<'a> {
    kind: ActivityKind,
    /// The recipient's address.
    email: &'a str,
    /// The share's role after the change.
    role: GrantRole,
    /// What the recipient's feed says the member did.
    told: &'a str,
}

/// Queues the email `letter` writes (if any) and records `change`, made by
/// `actor_id`, on both feeds, inside `tx`.
async fn record_member_change<L>(
    tx: &mut Tx,
    facts: &ProjectFacts,
    actor_id: i64,
    change: MemberChange<'_>,
    now: i64,
    letter: Option<L>,
) -> Result<(), sqlx::Error>
where
    L: FnOnce(ShareLetter<'_>) -> OutgoingEmail,
{
    let sender = display_name(tx, actor_id).await?;
    if let Some(letter) = letter {
        let mail = letter(ShareLetter {
            to: change.email,
            project: &facts.name,
            workspace: &facts.workspace_name,
            sender: &sender,
            role: change.role,
        });
        Store::enqueue(tx, &mail, now).await?;
    }
    let who = format!("{sender} ({})", facts.workspace_name);
    let event = ShareEvent {
        kind: change.kind,
        actor_id,
        email: change.email,
        role: change.role,
        personal: (&who, change.told),
    };
    record_share(tx, facts, event, now).await
}

/// The share `share_id` as the sharing side lists it, read inside `tx`.
async fn row_of(tx: &mut Tx, share_id: i64, now: i64) -> Result<ShareRow, sqlx::Error> {
    share_row(
        &sqlx::query(&format!("{SELECT} {FROM} WHERE s.id = $1"))
            .bind(share_id)
            .fetch_one(&mut **tx)
            .await?,
        now,
    )
}

/// Ends the recipient's grant of `share_id` and deactivates the keys they minted on
/// the project; returns how many keys.
async fn end_grant(
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

impl Store {
    /// Shares the project with `email` as `role` and queues the email with its link.
    /// Refused for members of the workspace (they get a grant on the Members screen)
    /// and for an address the project is already shared with.
    #[allow(clippy::too_many_arguments, reason = "one use case, one transaction")]
    pub async fn create_share(
        &self,
        project_id: i64,
        actor_id: i64,
        email: &EmailAddress,
        role: GrantRole,
        digest: &str,
        now: i64,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) = locked_permit(&mut tx, project_id, actor_id, ProjectAction::Share).await?;
        check_sending_limit(&mut tx, facts.workspace_id, actor_id, now).await?;
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
            "INSERT INTO project_shares (project_id, email, role, token_hash, shared_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(project_id)
        .bind(email.as_str())
        .bind(role.as_str())
        .bind(digest)
        .bind(actor_id)
        .bind(now)
        .bind(now + SHARE_SECONDS)
        .fetch_one(&mut *tx)
        .await?;
        let change = MemberChange {
            kind: ActivityKind::SharedProject,
            email: email.as_str(),
            role,
            told: "shared with you the project",
        };
        record_member_change(&mut tx, &facts, actor_id, change, now, Some(letter)).await?;
        let row = row_of(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(row)
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
            "{SELECT} {FROM} {LIVE_MATCHING} ORDER BY {order} {direction}, s.id {direction} LIMIT $4 OFFSET $5"
        ))
        .bind(project_id)
        .bind(search)
        .bind(&pattern)
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
        project_id: i64,
        actor_id: i64,
        share_id: i64,
        digest: &str,
        now: i64,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) = locked_permit(&mut tx, project_id, actor_id, ProjectAction::Share).await?;
        check_sending_limit(&mut tx, facts.workspace_id, actor_id, now).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET token_hash = $1, expires_at = $2 WHERE id = $3 \
             AND project_id = $4 AND accepted_at IS NULL AND ended_at IS NULL RETURNING email, role",
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
        };
        record_member_change(&mut tx, &facts, actor_id, change, now, Some(letter)).await?;
        let row = row_of(&mut tx, share_id, now).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Cancels a pending share or revokes an active one: the recipient loses access
    /// when this commits, the keys they minted here stop working, and a revoked
    /// recipient is told by email.
    pub async fn end_share(
        &self,
        project_id: i64,
        actor_id: i64,
        share_id: i64,
        now: i64,
        letter: impl FnOnce(ShareLetter<'_>) -> OutgoingEmail,
    ) -> Result<EndedShare, AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) = locked_permit(&mut tx, project_id, actor_id, ProjectAction::Share).await?;
        let row = sqlx::query(
            "UPDATE project_shares SET ended_at = $1, \
             ended_how = CASE WHEN accepted_at IS NULL THEN 'cancelled' ELSE 'revoked' END \
             WHERE id = $2 AND project_id = $3 AND ended_at IS NULL \
             RETURNING email, role, accepted_at, recipient_id",
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
        let readable_keys: Vec<String> = if was_active && role == GrantRole::Developer {
            sqlx::query_scalar(
                "SELECT name FROM project_tokens WHERE project_id = $1 AND deactivated_at IS NULL \
                 AND (minted_by IS NULL OR minted_by <> $2) ORDER BY name",
            )
            .bind(project_id)
            .bind(recipient_id.unwrap_or(0))
            .fetch_all(&mut *tx)
            .await?
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
        };
        // Only a recipient who had access is told by email.
        let letter = was_active.then_some(letter);
        record_member_change(&mut tx, &facts, actor_id, change, now, letter).await?;
        tx.commit().await?;
        Ok(EndedShare {
            email,
            was_active,
            keys_deactivated,
            readable_keys,
        })
    }

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
        digest: &str,
        user_id: i64,
        now: i64,
    ) -> Result<Option<i64>, AppError> {
        let mut tx = self.write_tx().await?;
        let accepted = claim_share(&mut tx, digest, user_id, now).await?;
        tx.commit().await?;
        Ok(accepted)
    }

    /// Creates a verified account for the address a share was sent to (the link
    /// proves it) and accepts the share, in one transaction. Returns the new
    /// account's id and the project's, or `None` when the link can no longer be used.
    pub async fn register_with_share(
        &self,
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
        let Some(project_id) = claim_share(&mut tx, digest, user_id, now).await? else {
            return Ok(None);
        };
        tx.commit().await?;
        Ok(Some((user_id, project_id)))
    }

    /// Changes the project role of a pending or active share, and of the grant it gave.
    pub async fn change_share_role(
        &self,
        project_id: i64,
        actor_id: i64,
        share_id: i64,
        role: GrantRole,
        now: i64,
    ) -> Result<ShareRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) = locked_permit(&mut tx, project_id, actor_id, ProjectAction::Share).await?;
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
            };
            let no_mail = None::<fn(ShareLetter<'_>) -> OutgoingEmail>;
            record_member_change(&mut tx, &facts, actor_id, change, now, no_mail).await?;
        }
        let row = row_of(&mut tx, share_id, now).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Ends the caller's own active share of the project.
    pub async fn leave_share(
        &self,
        project_id: i64,
        user_id: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
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
        let facts = shared_project_facts(&mut tx, project_id).await?;
        let event = ShareEvent {
            kind: ActivityKind::LeftShare,
            actor_id: user_id,
            email: &email,
            role,
            personal: ("You", "left the project"),
        };
        record_share(&mut tx, &facts, event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The projects shared with `user_id`, by name.
    pub async fn shared_with(&self, user_id: i64) -> Result<Vec<SharedProject>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT p.id, p.name, w.name AS workspace, COALESCE(u.display_name, 'A former member') AS shared_by, \
             s.role, s.accepted_at FROM project_shares s JOIN projects p ON p.id = s.project_id \
             JOIN workspaces w ON w.id = p.workspace_id LEFT JOIN users u ON u.id = s.shared_by \
             WHERE s.recipient_id = $1 AND s.accepted_at IS NOT NULL AND s.ended_at IS NULL \
             AND p.deleted_at IS NULL ORDER BY LOWER(p.name), p.id",
        )
        .bind(user_id)
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
/// pending: one conditional update, so two accepts at once make one grant.
async fn claim_share(
    tx: &mut Tx,
    digest: &str,
    user_id: i64,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let row = sqlx::query(
        "UPDATE project_shares SET accepted_at = $1, recipient_id = $2 WHERE token_hash = $3 \
         AND accepted_at IS NULL AND ended_at IS NULL AND expires_at > $1 \
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
        actor_id: user_id,
        email: &email,
        role,
        personal: ("You", "accepted the share of the project"),
    };
    record_share(tx, &facts, event, now).await?;
    Ok(Some(project_id))
}

/// The project's ids and names, for recording an event of its recipient.
async fn shared_project_facts(tx: &mut Tx, project_id: i64) -> Result<ProjectFacts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.workspace_id, p.name, w.name AS workspace_name FROM projects p \
         JOIN workspaces w ON w.id = p.workspace_id WHERE p.id = $1",
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
    })
}
