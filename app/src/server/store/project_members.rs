//! A project's Members screen: the workspace's members with their access to the
//! project, and the grants that raise it.

use super::Store;
use super::member_list::{BY_EMAIL, BY_JOINED, BY_NAME, MATCHING, count_matching, like_pattern};
use super::project_access::{ProjectChange, ProjectFacts, locked_permit};
use super::workspaces::member;
use crate::core::access::{GrantRole, ProjectAccess, effective_access};
use crate::core::activity::ActivityKind;
use crate::core::paging::{ROWS_PER_PAGE, clamp_page, offset};
use crate::core::policy::projects::settable_grants;
use crate::core::policy::projects::{ProjectAction, authorize_project};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::project_members::{GrantOrigin, ProjectMemberRow, ProjectMemberSort};
use sqlx::Row;

/// The columns of a row, `project` being the placeholder of the project's id.
fn row_columns(project: &str) -> String {
    format!(
        "u.id, u.display_name, u.email, m.role, m.joined_at, (SELECT g.role FROM project_grants g \
         WHERE g.project_id = {project} AND g.user_id = u.id) AS grant_role, \
         (SELECT g.granted_at FROM project_grants g \
         WHERE g.project_id = {project} AND g.user_id = u.id) AS granted_at, \
         (SELECT gu.display_name FROM project_grants g JOIN users gu ON gu.id = g.granted_by \
         WHERE g.project_id = {project} AND g.user_id = u.id) AS granted_by"
    )
}

fn order_by(sort: ProjectMemberSort) -> &'static str {
    match sort {
        ProjectMemberSort::Name => BY_NAME,
        ProjectMemberSort::Email => BY_EMAIL,
        // The effective access of [`effective_access`], as a rank for sorting only.
        ProjectMemberSort::Access => {
            "CASE WHEN m.role IN ('owner', 'admin') THEN 2 \
             WHEN m.role = 'developer' OR (m.role <> 'billing' AND EXISTS (SELECT 1 FROM project_grants g \
             WHERE g.project_id = $4 AND g.user_id = u.id AND g.role = 'developer')) THEN 1 ELSE 0 END"
        }
        ProjectMemberSort::Added => BY_JOINED,
    }
}

fn row(row: &sqlx::any::AnyRow) -> Result<ProjectMemberRow, sqlx::Error> {
    let decode = |e: Box<dyn std::error::Error + Send + Sync>| sqlx::Error::Decode(e);
    let role: String = row.try_get("role")?;
    let role = Role::parse(&role).map_err(|e| decode(Box::new(e)))?;
    let grant: Option<String> = row.try_get("grant_role")?;
    let grant = grant
        .as_deref()
        .map(GrantRole::parse)
        .transpose()
        .map_err(|e| decode(Box::new(e)))?;
    let organization_access = ProjectAccess::from_workspace_role(role);
    Ok(ProjectMemberRow {
        user_id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        workspace_role: role,
        organization_access,
        grant,
        granted: row
            .try_get::<Option<i64>, _>("granted_at")?
            .map(|at| row.try_get("granted_by").map(|by| GrantOrigin { by, at }))
            .transpose()?,
        effective: effective_access(Some(role), grant).unwrap_or(organization_access),
        settable: settable_grants(role),
        added_at: row.try_get("joined_at")?,
    })
}

/// "Developer", or "none" without a grant.
fn grant_label(grant: Option<GrantRole>) -> &'static str {
    grant.map_or("none", |g| g.access().label())
}

impl Store {
    /// One page of the members of the project's workspace matching `search`, with
    /// their access to the project; returns the rows, the total and the page shown.
    pub async fn project_member_page(
        &self,
        facts: &ProjectFacts,
        search: &str,
        sort: ProjectMemberSort,
        descending: bool,
        page: i64,
    ) -> Result<(Vec<ProjectMemberRow>, i64, i64), sqlx::Error> {
        let search = search.trim();
        let pattern = like_pattern(search);
        let total = count_matching(
            &mut *self.conn().await?,
            facts.workspace_id,
            search,
            &pattern,
        )
        .await?;
        let direction = if descending { "DESC" } else { "ASC" };
        let page = clamp_page(page, total);
        let sql = format!(
            "SELECT {columns} {MATCHING} ORDER BY {order} {direction}, m.user_id {direction} LIMIT $5 OFFSET $6",
            columns = row_columns("$4"),
            order = order_by(sort)
        );
        let rows = sqlx::query(&sql)
            .bind(facts.workspace_id)
            .bind(search)
            .bind(&pattern)
            .bind(facts.project_id)
            .bind(ROWS_PER_PAGE)
            .bind(offset(page, ROWS_PER_PAGE))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok((rows.iter().map(row).collect::<Result<_, _>>()?, total, page))
    }

    /// Sets (or with `None` clears) the project role of a member of the project's
    /// workspace, if the actor manages the project and the member is not an owner or
    /// admin; records the change.
    pub async fn set_project_access(
        &self,
        by: ProjectChange,
        target_id: i64,
        role: Option<GrantRole>,
    ) -> Result<ProjectMemberRow, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, actor_id, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::ViewMembers).await?;
        let facts = &decided.facts;
        let target = member(&mut tx, facts.workspace_id, target_id)
            .await?
            .ok_or(AppError::NotFound)?;
        authorize_project(
            facts.actor(),
            ProjectAction::SetAccess {
                target: target.role,
                to: role,
            },
        )?;
        let before: Option<String> = sqlx::query_scalar(
            "SELECT role FROM project_grants WHERE project_id = $1 AND user_id = $2",
        )
        .bind(project_id)
        .bind(target_id)
        .fetch_optional(&mut *tx)
        .await?;
        let before = before
            .as_deref()
            .and_then(|name| GrantRole::parse(name).ok());
        if before != role {
            match role {
                Some(role) => {
                    sqlx::query(
                        "INSERT INTO project_grants (project_id, user_id, role, granted_by, granted_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, user_id) \
                         DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, \
                         granted_at = excluded.granted_at",
                    )
                    .bind(project_id)
                    .bind(target_id)
                    .bind(role.as_str())
                    .bind(actor_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "DELETE FROM project_grants WHERE project_id = $1 AND user_id = $2",
                    )
                    .bind(project_id)
                    .bind(target_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        let changed = row(&sqlx::query(&format!(
            "SELECT {} FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND m.user_id = $2",
            row_columns("$3")
        ))
        .bind(facts.workspace_id)
        .bind(target_id)
        .bind(project_id)
        .fetch_one(&mut *tx)
        .await?)?;
        if before != role {
            let detail = format!("{} → {}", grant_label(before), grant_label(role));
            decided
                .record(
                    &mut tx,
                    ActivityKind::ChangedProjectAccess,
                    &changed.display_name,
                    &detail,
                )
                .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }
}
