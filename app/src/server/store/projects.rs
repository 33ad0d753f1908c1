//! Projects: their cards, creating, renaming and deleting one (its licences are in
//! `project_licences.rs`, the decision about it in `project_access.rs`).

use super::activity::{Cause, Event};
use super::project_access::{ProjectChange, locked_permit};
use super::workspaces::locked_authorize;
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::policy::Action;
use crate::core::policy::projects::ProjectAction;
use crate::error::AppError;
use crate::model::projects::{Deletion, ProjectCard};
use sqlx::Row;

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

impl Store {
    /// The workspace's projects as cards, by name.
    pub async fn project_cards(
        &self,
        workspace_id: i64,
        now: i64,
    ) -> Result<Vec<ProjectCard>, sqlx::Error> {
        // Grouped in the order of the index `projects_name`, so that neither the groups
        // nor the order need a sort of every licence row: with 1,000 licences on one
        // project, 446 µs became 259.
        let rows = sqlx::query(&format!(
            "{CARDS} WHERE p.workspace_id = $1 AND p.deleted_at IS NULL \
             GROUP BY LOWER(p.name), p.id ORDER BY LOWER(p.name), p.id"
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
        let permit =
            locked_authorize(&mut tx, workspace_id, actor_id, Action::CreateProject).await?;
        refuse_taken_name(&mut tx, workspace_id, name, None).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO projects (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let at = (workspace_id, Some(id));
        let event = Event::new(
            Cause::Member(&permit),
            at,
            ActivityKind::CreatedProject,
            name,
            "",
        );
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
    pub async fn rename_project(&self, by: ProjectChange, name: &str) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let project_id = by.project_id;
        let decided = locked_permit(&mut tx, by, ProjectAction::ManageProject).await?;
        let facts = &decided.facts;
        if facts.name == name {
            return Ok(());
        }
        refuse_taken_name(&mut tx, facts.workspace_id, name, Some(project_id)).await?;
        sqlx::query("UPDATE projects SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        decided
            .record(&mut tx, ActivityKind::RenamedProject, name, &facts.name)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a project once `confirm_name` is its name: it disappears from every
    /// page and its keys stop working at once. Its history stays.
    pub async fn delete_project(
        &self,
        by: ProjectChange,
        confirm_name: &str,
    ) -> Result<Deletion, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::ManageProject).await?;
        let facts = &decided.facts;
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
        decided
            .record(&mut tx, ActivityKind::DeletedProject, &facts.name, "")
            .await?;
        tx.commit().await?;
        Ok(Deletion {
            name: decided.facts.name,
            keys_deactivated: i64::try_from(keys.rows_affected()).unwrap_or(i64::MAX),
        })
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
