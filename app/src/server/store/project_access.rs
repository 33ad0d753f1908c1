//! The decision about who may do what to one project: the facts it is made on, read
//! in one query, and its activity.

use super::activity::{Cause, Event};
use super::decoded;
use super::workspaces::lock_workspace;
use super::{Store, Tx};
use crate::core::access::{GrantRole, effective_access};
use crate::core::activity::ActivityKind;
use crate::core::dates::format_date;
use crate::core::policy::Denial;
use crate::core::policy::projects::{
    ProjectAction, ProjectActor, ProjectPermit, authorize_project,
};
use crate::core::role::Role;
use crate::core::share_end::last_day;
use crate::core::share_state::{ShareDates, ShareState};
use crate::error::AppError;
use sqlx::{AnyConnection, Row};

/// A project as a decision about it sees it.
#[derive(Debug, Clone)]
pub struct ProjectFacts {
    /// The project.
    pub project_id: i64,
    /// The workspace that owns it.
    pub workspace_id: i64,
    /// Its name.
    pub name: String,
    /// The name of its workspace.
    pub workspace_name: String,
    /// The workspace role of the person asking, if they are a member.
    pub workspace_role: Option<Role>,
    /// Their grant on this project, if any.
    pub grant: Option<GrantRole>,
    /// The workspace's longest lifetime for new keys, in days, if it sets one.
    pub max_key_days: Option<i64>,
}

impl ProjectFacts {
    /// The person asking, as the decision sees them.
    pub fn actor(&self) -> ProjectActor {
        ProjectActor {
            access: effective_access(self.workspace_role, self.grant),
            member: self.workspace_role.is_some(),
        }
    }
}

/// Reads the project and the access `user_id` has on it. The one query behind every
/// project decision: what the pages show is what the checks enforce.
/// A grant that came with a share counts only until the share's end, even before the
/// job that ends shares on time has ended it.
async fn read_facts(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Option<ProjectFacts>, AppError> {
    let row = sqlx::query(
        "SELECT p.id, p.workspace_id, p.name, w.name AS workspace_name, w.max_key_days, m.role, \
         g.role AS grant_role \
         FROM projects p JOIN workspaces w ON w.id = p.workspace_id \
         LEFT JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = $2 \
         LEFT JOIN project_grants g ON g.project_id = p.id AND g.user_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM project_shares s WHERE s.id = g.share_id AND s.ends_at <= $3) \
         WHERE p.id = $1 AND p.deleted_at IS NULL",
    )
    .bind(project_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let role: Option<String> = row.try_get("role")?;
    let role = role.map(|r| decoded(&r, Role::parse)).transpose()?;
    let grant: Option<String> = row.try_get("grant_role")?;
    let grant = grant.map(|g| decoded(&g, GrantRole::parse)).transpose()?;
    Ok(Some(ProjectFacts {
        project_id: row.try_get("id")?,
        workspace_id: row.try_get("workspace_id")?,
        name: row.try_get("name")?,
        workspace_name: row.try_get("workspace_name")?,
        workspace_role: role,
        grant,
        max_key_days: row.try_get("max_key_days")?,
    }))
}

/// Decides whether `user_id` may do `action` on the project, on facts read now on
/// `conn` (inside a write's transaction).
pub(super) async fn decide(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
    action: ProjectAction,
    now: i64,
) -> Result<(ProjectFacts, ProjectPermit), AppError> {
    let facts = read_facts(conn, project_id, user_id, now).await?;
    match judge(facts, action) {
        Err(Denial::Invisible) => Err(not_visible(conn, project_id, user_id, now).await?),
        decided => Ok(decided?),
    }
}

/// The decision on `facts` (none: the project is not there, or is deleted).
fn judge(
    facts: Option<ProjectFacts>,
    action: ProjectAction,
) -> Result<(ProjectFacts, ProjectPermit), Denial> {
    let nobody = ProjectActor {
        access: None,
        member: false,
    };
    let actor = facts.as_ref().map_or(nobody, ProjectFacts::actor);
    let permit = authorize_project(actor, action)?;
    Ok((facts.ok_or(Denial::Invisible)?, permit))
}

/// The answer to someone who cannot see the project: why it was theirs to see before,
/// when a share with them ended (or reached its end date), named with when and how;
/// else not found, and nobody else learns anything.
async fn not_visible(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
    now: i64,
) -> Result<AppError, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.name, s.accepted_at, s.expires_at, s.ends_at, s.ended_at, s.ended_how \
         FROM project_shares s \
         JOIN projects p ON p.id = s.project_id \
         WHERE s.project_id = $1 AND s.recipient_id = $2 \
         AND (s.ended_at IS NOT NULL OR s.ends_at <= $3) \
         ORDER BY COALESCE(s.ended_at, s.ends_at) DESC, s.id DESC LIMIT 1",
    )
    .bind(project_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(AppError::NotFound);
    };
    let name: String = row.try_get("name")?;
    let ends_at: Option<i64> = row.try_get("ends_at")?;
    let ended_at: Option<i64> = row.try_get("ended_at")?;
    let how: Option<String> = row.try_get("ended_how")?;
    let dates = ShareDates {
        accepted_at: row.try_get("accepted_at")?,
        link_expires_at: row.try_get("expires_at")?,
        ends_at,
        ended: ended_at.zip(how.as_deref()),
    };
    let on = format_date(ended_at.unwrap_or(now));
    Ok(AppError::AccessEnded(match (dates.state(now), ends_at) {
        (ShareState::Left, _) => {
            format!("You left {name} on {on}; it is no longer shared with you.")
        }
        (ShareState::ReachedEnd, Some(end)) => format!(
            "Your access to {name} ended with {}, the last day of the share with you.",
            last_day(end)
        ),
        _ => format!("Your access to {name} ended on {on}: the share with you was revoked."),
    }))
}

/// Someone changing a project at a moment: what every write to a project starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectChange {
    /// The project.
    pub project_id: i64,
    /// Who changes it, by account.
    pub actor_id: i64,
    /// When, by the server's clock.
    pub now: i64,
}

impl ProjectChange {
    /// The project, the actor and the moment, in this order.
    pub fn parts(self) -> (i64, i64, i64) {
        (self.project_id, self.actor_id, self.now)
    }
}

/// A change the policy allowed, inside the transaction that makes it: made only by
/// [`locked_permit`], after the decision, and the only way to write a change to a
/// project into its activity feed.
pub(super) struct Decided {
    /// The facts the decision was made on.
    pub(super) facts: ProjectFacts,
    /// The change allowed.
    pub(super) change: ProjectChange,
}

impl Decided {
    /// Records `kind` on the project, by the person the decision allowed.
    pub(super) async fn record(
        &self,
        tx: &mut Tx,
        kind: ActivityKind,
        subject: &str,
        detail: &str,
    ) -> Result<(), sqlx::Error> {
        let at = (self.facts.workspace_id, Some(self.facts.project_id));
        let event = Event::new(Cause::Project(self), at, kind, subject, detail);
        Store::record(tx, event, self.change.now).await
    }
}

/// Inside a write transaction: locks the project's workspace (so a member removed
/// meanwhile cannot act), then decides whether `change` may do `action`.
pub(super) async fn locked_permit(
    tx: &mut Tx,
    change: ProjectChange,
    action: ProjectAction,
) -> Result<Decided, AppError> {
    let workspace_id: Option<i64> = sqlx::query_scalar(
        "SELECT workspace_id FROM projects WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(change.project_id)
    .fetch_optional(&mut **tx)
    .await?;
    lock_workspace(tx, workspace_id.ok_or(AppError::NotFound)?).await?;
    let (facts, _) = decide(tx, change.project_id, change.actor_id, action, change.now).await?;
    Ok(Decided { facts, change })
}

impl Store {
    /// The facts every decision about the project for `user_id` is made on, read at
    /// `now` (none: no such project). For reads; writes decide inside their
    /// transaction.
    pub async fn project_facts(
        &self,
        project_id: i64,
        user_id: i64,
        now: i64,
    ) -> Result<Option<ProjectFacts>, AppError> {
        read_facts(&mut *self.conn().await?, project_id, user_id, now).await
    }

    /// Decides whether `user_id` may do `action` on the project, on the `facts`
    /// [`Self::project_facts`] read for them at `now`.
    pub async fn project_permit(
        &self,
        project_id: i64,
        user_id: i64,
        facts: Option<ProjectFacts>,
        action: ProjectAction,
        now: i64,
    ) -> Result<(ProjectFacts, ProjectPermit), AppError> {
        // A connection only to say why a project is not visible: most decisions allow.
        match judge(facts, action) {
            Err(Denial::Invisible) => {
                Err(not_visible(&mut *self.conn().await?, project_id, user_id, now).await?)
            }
            decided => Ok(decided?),
        }
    }
}
