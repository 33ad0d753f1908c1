//! The activity feed of a workspace.

use super::project_access::Decided;
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::link::LinkUse;
use crate::core::paging::{ACTIVITY_PER_PAGE, clamp_activity_page, offset};
use crate::core::policy::Permit;
use crate::core::sending_limit::{self, SentRecently};
use crate::error::AppError;
use crate::model::team::ActivityEntry;
use sqlx::Row;

/// The events that send someone a link: what the sending limits count.
const SENDING: [ActivityKind; 4] = [
    ActivityKind::Invited,
    ActivityKind::ReissuedInvite,
    ActivityKind::SharedProject,
    ActivityKind::ResentShare,
];

/// What `sender_id` (or, with `None`, anyone) sent from the workspace since `since`.
async fn sent_since(
    tx: &mut Tx,
    workspace_id: i64,
    sender_id: Option<i64>,
    since: i64,
) -> Result<SentRecently, sqlx::Error> {
    let kinds = SENDING
        .iter()
        .map(|kind| format!("'{}'", kind.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS sent, MIN(created_at) AS oldest FROM activity \
         WHERE workspace_id = $1 AND action IN ({kinds}) AND created_at > $2 \
         AND ($3 = 0 OR actor_id = $3)"
    ))
    .bind(workspace_id)
    .bind(since)
    .bind(sender_id.unwrap_or(0))
    .fetch_one(&mut **tx)
    .await?;
    Ok(SentRecently {
        count: row.try_get("sent")?,
        oldest: row.try_get("oldest")?,
    })
}

/// Refuses (429, saying when to try again) when `sender_id` or the workspace has sent
/// as many invitations and shares in the past hour as [`sending_limit`] allows.
pub(super) async fn check_sending_limit(
    tx: &mut Tx,
    workspace_id: i64,
    sender_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let since = now - sending_limit::WINDOW_SECONDS;
    let by_sender = sent_since(tx, workspace_id, Some(sender_id), since).await?;
    let by_workspace = sent_since(tx, workspace_id, None, since).await?;
    sending_limit::check(by_sender, by_workspace, now).map_err(AppError::RateLimited)
}

/// The kinds of emailed link whose refused use the sender's feed records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailedLink {
    /// An invite to a workspace.
    Invite,
    /// A share of a project.
    Share,
}

/// The same refusal of a link for the same person within this many seconds is
/// recorded once, so a link tried again and again does not flood the feed.
pub(super) const REFUSAL_WINDOW_SECONDS: i64 = 600;

/// The decision that allowed what an event records. Only these make an [`Event`]:
/// nothing is written to a feed without one.
#[derive(Clone, Copy)]
pub(super) enum Cause<'p> {
    /// A member the workspace's policy allowed.
    Member(&'p Permit),
    /// Someone the project's policy allowed.
    Project(&'p Decided),
    /// The account `.1`, using an emailed link the policy let it use.
    Link(
        #[expect(dead_code, reason = "a witness: only the policy's decision makes one")]
        &'p LinkUse,
        i64,
    ),
    /// Packagento, on a date a rule set (a share's end): nobody acted.
    Schedule,
    /// Support, from the command line.
    Support,
}

impl Cause<'_> {
    /// Who acted, as the feed names them; `None` for Packagento and support.
    fn actor_id(self) -> Option<i64> {
        match self {
            Self::Member(permit) => Some(permit.actor().user_id),
            Self::Project(decided) => Some(decided.change.actor_id),
            Self::Link(_, user_id) => Some(user_id),
            Self::Schedule | Self::Support => None,
        }
    }
}

/// One event to record, written in the transaction of the change it describes.
pub struct Event<'a> {
    /// The workspace it happened in.
    workspace_id: i64,
    /// The project it happened to, if any: it then shows in that project's feed too.
    project_id: Option<i64>,
    /// Who did it; `None` for Packagento and support.
    actor_id: Option<i64>,
    /// What happened.
    kind: ActivityKind,
    /// Whom or what it happened to, as shown now.
    subject: &'a str,
    /// The role, or the old and new role.
    detail: &'a str,
}

impl<'a> Event<'a> {
    /// `kind` in the workspace `workspace_id` (and the project `project_id`, if any),
    /// allowed by `cause`.
    pub(super) fn new(
        cause: Cause<'_>,
        (workspace_id, project_id): (i64, Option<i64>),
        kind: ActivityKind,
        subject: &'a str,
        detail: &'a str,
    ) -> Self {
        Self {
            workspace_id,
            project_id,
            actor_id: cause.actor_id(),
            kind,
            subject,
            detail,
        }
    }

    /// An event of the workspace `workspace_id` (of none of its projects) by the
    /// member `permit` allowed: what a decision of the policy did.
    pub fn permitted(
        permit: &Permit,
        workspace_id: i64,
        kind: ActivityKind,
        subject: &'a str,
        detail: &'a str,
    ) -> Self {
        let at = (workspace_id, None);
        Self::new(Cause::Member(permit), at, kind, subject, detail)
    }
}

impl Store {
    /// Records `event` inside the caller's transaction.
    pub async fn record(tx: &mut Tx, event: Event<'_>, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO activity (workspace_id, project_id, actor_id, action, subject, detail, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(event.workspace_id)
        .bind(event.project_id)
        .bind(event.actor_id)
        .bind(event.kind.as_str())
        .bind(event.subject)
        .bind(event.detail)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Records a refused use of the invite or share link behind `digest`, by
    /// `actor_id` (or someone signed out), for `reason`, in the feeds of the workspace
    /// (and project) that sent it. A link Packagento never sent (guessed, truncated)
    /// has no feed to tell and records nothing.
    pub async fn record_refused_link(
        &self,
        link: EmailedLink,
        digest: &str,
        actor_id: Option<i64>,
        reason: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let (sql, kind) = match link {
            EmailedLink::Invite => (
                "SELECT workspace_id, CAST(NULL AS BIGINT) AS project_id, email FROM invites \
                 WHERE token_hash = $1",
                ActivityKind::RefusedInviteLink,
            ),
            EmailedLink::Share => (
                "SELECT p.workspace_id, s.project_id, s.email FROM project_shares s \
                 JOIN projects p ON p.id = s.project_id WHERE s.token_hash = $1",
                ActivityKind::RefusedShareLink,
            ),
        };
        let mut tx = self.write_tx().await?;
        let Some(row) = sqlx::query(sql)
            .bind(digest)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(());
        };
        let workspace_id: i64 = row.try_get("workspace_id")?;
        let email: String = row.try_get("email")?;
        let recorded: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM activity WHERE workspace_id = $1 AND action = $2 \
             AND subject = $3 AND detail = $4 AND COALESCE(actor_id, 0) = $5 AND created_at > $6",
        )
        .bind(workspace_id)
        .bind(kind.as_str())
        .bind(&email)
        .bind(reason)
        .bind(actor_id.unwrap_or(0))
        .bind(now - REFUSAL_WINDOW_SECONDS)
        .fetch_one(&mut *tx)
        .await?;
        if recorded == 0 {
            let event = Event {
                workspace_id,
                project_id: row.try_get("project_id")?,
                actor_id,
                kind,
                subject: &email,
                detail: reason,
            };
            Self::record(&mut tx, event, now).await?;
        }
        tx.commit().await
    }

    /// One page of a workspace's activity, newest first.
    pub async fn activity_page(
        &self,
        workspace_id: i64,
        page: i64,
    ) -> Result<Vec<ActivityEntry>, sqlx::Error> {
        self.feed("a.workspace_id = $1", workspace_id, page).await
    }

    /// The newest page of one project's activity.
    pub async fn project_activity(
        &self,
        project_id: i64,
    ) -> Result<Vec<ActivityEntry>, sqlx::Error> {
        self.feed("a.project_id = $1", project_id, 0).await
    }

    /// One page of the activity rows matching `filter` (on `$1` = `id`), newest first.
    async fn feed(
        &self,
        filter: &str,
        id: i64,
        page: i64,
    ) -> Result<Vec<ActivityEntry>, sqlx::Error> {
        let rows = sqlx::query(&format!(
            "SELECT u.display_name AS actor, a.action, a.subject, \
             a.detail, a.created_at FROM activity a LEFT JOIN users u ON u.id = a.actor_id \
             WHERE {filter} ORDER BY a.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(id)
        .bind(ACTIVITY_PER_PAGE)
        .bind(offset(clamp_activity_page(page), ACTIVITY_PER_PAGE))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.try_get("action")?;
                let kind = ActivityKind::parse(&action);
                let actor: Option<String> = row.try_get("actor")?;
                Ok(ActivityEntry {
                    actor: actor.unwrap_or_else(|| {
                        kind.map_or("Packagento support", ActivityKind::unknown_actor)
                            .to_owned()
                    }),
                    action: kind.map_or(action, |kind| kind.phrase().to_owned()),
                    subject: row.try_get("subject")?,
                    detail: row.try_get("detail")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}
