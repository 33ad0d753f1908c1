//! Projects, the licences attached to them, and the decision about who may do what
//! to one project.

use super::activity::Event;
use super::workspaces::{actor, lock_workspace};
use super::{Store, Tx};
use crate::core::access::{GrantRole, effective_access};
use crate::core::activity::ActivityKind;
use crate::core::catalogue::{QaStatus, Release, Version, constraint, line_label, newest_covered};
use crate::core::dates::format_date;
use crate::core::policy::projects::{
    ProjectAction, ProjectActor, ProjectPermit, authorize_project,
};
use crate::core::policy::{Action, Denial, authorize};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::projects::{
    Deletion, EXPIRING_SOON_SECONDS, LicenceOption, LicenceRow, ProjectCard,
};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

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
async fn read_facts(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
) -> Result<Option<ProjectFacts>, AppError> {
    let row = sqlx::query(
        "SELECT p.id, p.workspace_id, p.name, w.name AS workspace_name, m.role, g.role AS grant_role \
         FROM projects p JOIN workspaces w ON w.id = p.workspace_id \
         LEFT JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = $2 \
         LEFT JOIN project_grants g ON g.project_id = p.id AND g.user_id = $2 \
         WHERE p.id = $1 AND p.deleted_at IS NULL",
    )
    .bind(project_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let role: Option<String> = row.try_get("role")?;
    let role = role
        .as_deref()
        .map(Role::parse)
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let grant: Option<String> = row.try_get("grant_role")?;
    let grant = grant
        .as_deref()
        .map(GrantRole::parse)
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(ProjectFacts {
        project_id: row.try_get("id")?,
        workspace_id: row.try_get("workspace_id")?,
        name: row.try_get("name")?,
        workspace_name: row.try_get("workspace_name")?,
        workspace_role: role,
        grant,
    }))
}

pub(super) async fn decide(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
    action: ProjectAction,
) -> Result<(ProjectFacts, ProjectPermit), AppError> {
    let facts = read_facts(conn, project_id, user_id).await?;
    let nobody = ProjectActor {
        access: None,
        member: false,
    };
    let actor = facts.as_ref().map_or(nobody, ProjectFacts::actor);
    match authorize_project(actor, action) {
        Ok(permit) => Ok((facts.ok_or(AppError::NotFound)?, permit)),
        Err(Denial::Invisible) => Err(ended_share(conn, project_id, user_id)
            .await?
            .unwrap_or(AppError::NotFound)),
        Err(denial) => Err(denial.into()),
    }
}

/// Why a project the caller cannot see was theirs to see before: a share with them
/// that ended, named with when and how. Nobody else learns anything.
async fn ended_share(
    conn: &mut AnyConnection,
    project_id: i64,
    user_id: i64,
) -> Result<Option<AppError>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.name, s.ended_at, s.ended_how FROM project_shares s \
         JOIN projects p ON p.id = s.project_id \
         WHERE s.project_id = $1 AND s.recipient_id = $2 AND s.ended_at IS NOT NULL \
         ORDER BY s.ended_at DESC, s.id DESC LIMIT 1",
    )
    .bind(project_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let (name, ended_at): (String, i64) = (row.try_get("name")?, row.try_get("ended_at")?);
    let how: String = row.try_get("ended_how")?;
    let on = format_date(ended_at);
    Ok(Some(AppError::AccessEnded(if how == "left" {
        format!("You left {name} on {on}; it is no longer shared with you.")
    } else {
        format!("Your access to {name} ended on {on}: the share with you was revoked.")
    })))
}

/// Inside a write transaction: locks the project's workspace (so a member removed
/// meanwhile cannot act), then decides.
pub(super) async fn locked_permit(
    tx: &mut Tx,
    project_id: i64,
    user_id: i64,
    action: ProjectAction,
) -> Result<(ProjectFacts, ProjectPermit), AppError> {
    let workspace_id: Option<i64> = sqlx::query_scalar(
        "SELECT workspace_id FROM projects WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(project_id)
    .fetch_optional(&mut **tx)
    .await?;
    lock_workspace(tx, workspace_id.ok_or(AppError::NotFound)?).await?;
    decide(tx, project_id, user_id, action).await
}

/// Records `kind` on the project, by the person `permit` was given to.
pub(super) async fn record_on_project(
    tx: &mut Tx,
    facts: &ProjectFacts,
    actor_id: i64,
    kind: ActivityKind,
    subject: &str,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let event = Event {
        workspace_id: facts.workspace_id,
        project_id: Some(facts.project_id),
        actor_id: Some(actor_id),
        kind,
        subject,
        detail,
    };
    Store::record(tx, event, now).await
}

fn card(row: &sqlx::any::AnyRow) -> Result<ProjectCard, sqlx::Error> {
    Ok(ProjectCard {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        licence_count: row.try_get("licence_count")?,
        nearest_expiry: row.try_get("nearest_expiry")?,
        expired_count: row.try_get("expired_count")?,
        shared_with: row.try_get("shared_with")?,
        shared_names: Vec::new(),
    })
}

/// How many addresses a project card names in its "Shared with" summary.
const CARD_NAMES: i64 = 3;

/// The cards of the projects matching `filter` (on `$1`), `$2` being now.
const CARDS: &str = "SELECT p.id, p.name, COUNT(l.id) AS licence_count, \
     MIN(CASE WHEN l.expires_at >= $2 THEN l.expires_at END) AS nearest_expiry, \
     COUNT(CASE WHEN l.expires_at < $2 THEN 1 END) AS expired_count, \
     (SELECT COUNT(*) FROM project_shares s WHERE s.project_id = p.id AND s.ended_at IS NULL) AS shared_with \
     FROM projects p LEFT JOIN project_licences pl ON pl.project_id = p.id \
     LEFT JOIN licences l ON l.id = pl.licence_id";

fn major(row: &sqlx::any::AnyRow) -> Result<u32, sqlx::Error> {
    let major: i64 = row.try_get("major_version")?;
    u32::try_from(major).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

impl Store {
    /// Decides whether `user_id` may do `action` on the project, on facts read now.
    /// For reads; writes decide inside their transaction.
    pub async fn project_permit(
        &self,
        project_id: i64,
        user_id: i64,
        action: ProjectAction,
    ) -> Result<(ProjectFacts, ProjectPermit), AppError> {
        let mut conn = self.conn().await?;
        decide(&mut conn, project_id, user_id, action).await
    }

    /// The workspace's projects as cards, by name.
    pub async fn project_cards(
        &self,
        workspace_id: i64,
        now: i64,
    ) -> Result<Vec<ProjectCard>, sqlx::Error> {
        let rows = sqlx::query(&format!(
            "{CARDS} WHERE p.workspace_id = $1 AND p.deleted_at IS NULL \
             GROUP BY p.id, p.name ORDER BY LOWER(p.name), p.id"
        ))
        .bind(workspace_id)
        .bind(now)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut cards = rows.iter().map(card).collect::<Result<Vec<_>, _>>()?;
        // The first addresses each card names, in one read for all of them.
        let named = sqlx::query(
            "SELECT project_id, email FROM (SELECT s.project_id, s.email, ROW_NUMBER() OVER \
             (PARTITION BY s.project_id ORDER BY s.email) AS n FROM project_shares s \
             JOIN projects p ON p.id = s.project_id \
             WHERE p.workspace_id = $1 AND p.deleted_at IS NULL AND s.ended_at IS NULL) named \
             WHERE n <= $2 ORDER BY project_id, email",
        )
        .bind(workspace_id)
        .bind(CARD_NAMES)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        for row in &named {
            let project_id: i64 = row.try_get("project_id")?;
            if let Some(card) = cards.iter_mut().find(|card| card.id == project_id) {
                card.shared_names.push(row.try_get("email")?);
            }
        }
        Ok(cards)
    }

    /// Creates a project if the actor may; names are unique in a workspace.
    pub async fn create_project(
        &self,
        workspace_id: i64,
        actor_id: i64,
        name: &str,
        now: i64,
    ) -> Result<ProjectCard, AppError> {
        let mut tx = self.write_tx().await?;
        lock_workspace(&mut tx, workspace_id).await?;
        let permit = authorize(
            actor(&mut tx, workspace_id, actor_id).await?,
            Action::CreateProject,
        )?;
        refuse_taken_name(&mut tx, workspace_id, name, None).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO projects (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let event = Event {
            workspace_id,
            project_id: Some(id),
            actor_id: Some(permit.actor().user_id),
            kind: ActivityKind::CreatedProject,
            subject: name,
            detail: "",
        };
        Self::record(&mut tx, event, now).await?;
        tx.commit().await?;
        Ok(ProjectCard {
            id,
            name: name.to_owned(),
            licence_count: 0,
            nearest_expiry: None,
            expired_count: 0,
            shared_with: 0,
            shared_names: Vec::new(),
        })
    }

    /// Renames a project.
    pub async fn rename_project(
        &self,
        project_id: i64,
        actor_id: i64,
        name: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) =
            locked_permit(&mut tx, project_id, actor_id, ProjectAction::ManageProject).await?;
        if facts.name == name {
            return Ok(());
        }
        refuse_taken_name(&mut tx, facts.workspace_id, name, Some(project_id)).await?;
        sqlx::query("UPDATE projects SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        record_on_project(
            &mut tx,
            &facts,
            actor_id,
            ActivityKind::RenamedProject,
            name,
            &facts.name,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a project once `confirm_name` is its name: it disappears from every
    /// page and its keys stop working at once. Its history stays.
    pub async fn delete_project(
        &self,
        project_id: i64,
        actor_id: i64,
        confirm_name: &str,
        now: i64,
    ) -> Result<Deletion, AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) =
            locked_permit(&mut tx, project_id, actor_id, ProjectAction::ManageProject).await?;
        if confirm_name != facts.name {
            return Err(AppError::field(
                "confirm_name",
                format!("Type the project's name, {}, to delete it.", facts.name),
            ));
        }
        sqlx::query("UPDATE projects SET deleted_at = $1 WHERE id = $2")
            .bind(now)
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        let keys = sqlx::query(
            "UPDATE project_tokens SET deactivated_at = $1 WHERE project_id = $2 AND deactivated_at IS NULL",
        )
        .bind(now)
        .bind(project_id)
        .execute(&mut *tx)
        .await?;
        record_on_project(
            &mut tx,
            &facts,
            actor_id,
            ActivityKind::DeletedProject,
            &facts.name,
            "",
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Deletion {
            name: facts.name,
            keys_deactivated: i64::try_from(keys.rows_affected()).unwrap_or(i64::MAX),
        })
    }

    /// The project's licences with the newest version each covers and its QA status.
    pub async fn project_licences(
        &self,
        project_id: i64,
        now: i64,
    ) -> Result<Vec<LicenceRow>, sqlx::Error> {
        let licences = sqlx::query(
            "SELECT l.id, l.package_id, l.major_version, l.expires_at, pk.name, pk.description \
             FROM project_licences pl JOIN licences l ON l.id = pl.licence_id \
             JOIN packages pk ON pk.id = l.package_id WHERE pl.project_id = $1 \
             ORDER BY pk.name, l.major_version",
        )
        .bind(project_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let releases = self.releases_for_project(project_id).await?;
        licences
            .iter()
            .map(|row| {
                let (major, expires_at) = (major(row)?, row.try_get("expires_at")?);
                let package_id: i64 = row.try_get("package_id")?;
                let newest = releases
                    .get(&package_id)
                    .and_then(|list| newest_covered(major, expires_at, list));
                Ok(LicenceRow {
                    licence_id: row.try_get("id")?,
                    package: row.try_get("name")?,
                    description: row.try_get("description")?,
                    line: line_label(major),
                    constraint: constraint(major),
                    version: newest.map(|r| r.version.to_string()),
                    qa: newest.map(|r| r.qa),
                    expires_at,
                    expired: expires_at < now,
                    expiring_soon: expires_at >= now && expires_at < now + EXPIRING_SOON_SECONDS,
                })
            })
            .collect()
    }

    /// The releases of every package licensed on the project, by package.
    async fn releases_for_project(
        &self,
        project_id: i64,
    ) -> Result<HashMap<i64, Vec<Release>>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT v.package_id, v.version, v.released_at, v.qa_status FROM package_versions v \
             WHERE v.package_id IN (SELECT l.package_id FROM project_licences pl \
             JOIN licences l ON l.id = pl.licence_id WHERE pl.project_id = $1)",
        )
        .bind(project_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut releases: HashMap<i64, Vec<Release>> = HashMap::new();
        for row in &rows {
            let version: String = row.try_get("version")?;
            let qa: String = row.try_get("qa_status")?;
            let release = Release {
                version: Version::parse(&version).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                released_at: row.try_get("released_at")?,
                qa: QaStatus::parse(&qa).unwrap_or(QaStatus::Pending),
            };
            releases
                .entry(row.try_get("package_id")?)
                .or_default()
                .push(release);
        }
        Ok(releases)
    }

    /// The workspace's licences not attached to the project.
    pub async fn attachable_licences(
        &self,
        workspace_id: i64,
        project_id: i64,
    ) -> Result<Vec<LicenceOption>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT l.id, l.major_version, l.expires_at, pk.name FROM licences l \
             JOIN packages pk ON pk.id = l.package_id WHERE l.workspace_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM project_licences pl \
             WHERE pl.licence_id = l.id AND pl.project_id = $2) ORDER BY pk.name, l.major_version",
        )
        .bind(workspace_id)
        .bind(project_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(LicenceOption {
                    licence_id: row.try_get("id")?,
                    package: row.try_get("name")?,
                    line: line_label(major(row)?),
                    expires_at: row.try_get("expires_at")?,
                })
            })
            .collect()
    }

    /// Attaches or detaches a licence of the project's workspace. Doing what is
    /// already done changes nothing and records nothing.
    pub async fn set_licence_attached(
        &self,
        project_id: i64,
        actor_id: i64,
        licence_id: i64,
        attached: bool,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let (facts, _) =
            locked_permit(&mut tx, project_id, actor_id, ProjectAction::ManageLicences).await?;
        let licence = sqlx::query(
            "SELECT pk.name, l.major_version FROM licences l JOIN packages pk ON pk.id = l.package_id \
             WHERE l.id = $1 AND l.workspace_id = $2",
        )
        .bind(licence_id)
        .bind(facts.workspace_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let changed = if attached {
            sqlx::query(
                "INSERT INTO project_licences (project_id, licence_id, attached_at) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(project_id)
            .bind(licence_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query("DELETE FROM project_licences WHERE project_id = $1 AND licence_id = $2")
                .bind(project_id)
                .bind(licence_id)
                .execute(&mut *tx)
                .await?
        };
        if changed.rows_affected() == 1 {
            let package: String = licence.try_get("name")?;
            let kind = if attached {
                ActivityKind::AttachedLicence
            } else {
                ActivityKind::DetachedLicence
            };
            let line = line_label(major(&licence)?);
            record_on_project(&mut tx, &facts, actor_id, kind, &package, &line, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Refuses `name` if another live project of the workspace has it (any case).
async fn refuse_taken_name(
    tx: &mut Tx,
    workspace_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM projects WHERE workspace_id = $1 AND LOWER(name) = LOWER($2) \
         AND deleted_at IS NULL AND id <> $3",
    )
    .bind(workspace_id)
    .bind(name)
    .bind(except.unwrap_or(0))
    .fetch_one(&mut **tx)
    .await?;
    if taken > 0 {
        Err(AppError::field(
            "name",
            "A project with this name already exists. Choose another name.",
        ))
    } else {
        Ok(())
    }
}
