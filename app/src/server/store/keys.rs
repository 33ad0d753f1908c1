//! The access keys of projects: stored as a keyed digest and a sealed copy.

use super::fault::FaultPoint;
use super::project_access::{ProjectChange, locked_permit};
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::key_lifetime::{expires_at, parse_lifetime, unused};
use crate::core::policy::projects::ProjectAction;
use crate::error::AppError;
use crate::model::keys::KeyRow;
use sqlx::Row;

/// Most active keys one project may have.
pub const MAX_ACTIVE_KEYS: i64 = 50;

/// What the database keeps of a key's value.
pub struct KeyMaterial {
    /// Its keyed digest, to authenticate Composer.
    pub digest: String,
    /// Its value sealed under the server secret, bound to the digest.
    pub sealed: String,
}

/// The error for a key that is not active on the project: deactivated, or unknown.
async fn inactive(tx: &mut Tx, project_id: i64, key_id: i64) -> Result<AppError, sqlx::Error> {
    let exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM project_tokens WHERE id = $1 AND project_id = $2")
            .bind(key_id)
            .bind(project_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(if exists > 0 {
        AppError::Conflict("This key was deactivated. Mint a new one instead.".to_owned())
    } else {
        AppError::NotFound
    })
}

impl Store {
    /// The project's keys, active ones first, newest first; never their values. For
    /// a share's recipient (`recipient`), who may not see the workspace's members,
    /// the minters of other keys stay unnamed.
    pub async fn key_rows(
        &self,
        project_id: i64,
        recipient: Option<i64>,
        now: i64,
    ) -> Result<Vec<KeyRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT t.id, t.name, CASE WHEN $2 = 0 OR t.minted_by = $2 \
             THEN COALESCE(u.display_name, 'A deleted account') ELSE 'A member of the workspace' END AS minted_by, \
             t.created_at, t.last_used_at, CASE WHEN $2 = 0 OR t.minted_by = $2 \
             THEN t.last_used_from END AS last_used_from, t.deactivated_at, t.expires_at \
             FROM project_tokens t \
             LEFT JOIN users u ON u.id = t.minted_by WHERE t.project_id = $1 \
             ORDER BY CASE WHEN t.deactivated_at IS NULL THEN 0 ELSE 1 END, t.id DESC",
        )
        .bind(project_id)
        .bind(recipient.unwrap_or(0))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                let deactivated_at: Option<i64> = row.try_get("deactivated_at")?;
                let expires_at: Option<i64> = row.try_get("expires_at")?;
                let (created_at, last_used_at) =
                    (row.try_get("created_at")?, row.try_get("last_used_at")?);
                Ok(KeyRow {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    minted_by: row.try_get("minted_by")?,
                    created_at,
                    last_used_at,
                    last_used_from: row.try_get("last_used_from")?,
                    active: deactivated_at.is_none(),
                    expires_at,
                    expired: expires_at.is_some_and(|at| at <= now),
                    unused: unused(created_at, last_used_at, now),
                })
            })
            .collect()
    }

    /// How many active keys the project has.
    pub async fn active_key_count(&self, project_id: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM project_tokens WHERE project_id = $1 AND deactivated_at IS NULL",
        )
        .bind(project_id)
        .fetch_one(&mut *self.conn().await?)
        .await
    }

    /// The name and stored material of an active key of the project.
    pub async fn sealed_key(
        &self,
        project_id: i64,
        key_id: i64,
    ) -> Result<Option<(String, KeyMaterial)>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT name, token_hash, sealed FROM project_tokens \
             WHERE id = $1 AND project_id = $2 AND deactivated_at IS NULL",
        )
        .bind(key_id)
        .bind(project_id)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|row| {
            Ok((
                row.try_get("name")?,
                KeyMaterial {
                    digest: row.try_get("token_hash")?,
                    sealed: row.try_get("sealed")?,
                },
            ))
        })
        .transpose()
    }

    /// Stores a new key minted by `actor_id`, if they may, lasting `lifetime` (a form's
    /// value, within the workspace's longest lifetime); returns its id.
    pub async fn mint_key(
        &self,
        by: ProjectChange,
        name: &str,
        lifetime: &str,
        material: &KeyMaterial,
    ) -> Result<i64, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, actor_id, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::ManageKeys).await?;
        let facts = &decided.facts;
        let days = parse_lifetime(lifetime, facts.max_key_days)
            .map_err(|error| AppError::field("lifetime", error))?;
        let active: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM project_tokens WHERE project_id = $1 AND deactivated_at IS NULL",
        )
        .bind(project_id)
        .fetch_one(&mut *tx)
        .await?;
        if active >= MAX_ACTIVE_KEYS {
            return Err(AppError::Conflict(format!(
                "A project can have at most {MAX_ACTIVE_KEYS} active keys. Deactivate one first."
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO project_tokens (workspace_id, project_id, minted_by, name, created_at, \
             token_hash, sealed, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(facts.workspace_id)
        .bind(project_id)
        .bind(actor_id)
        .bind(name)
        .bind(now)
        .bind(&material.digest)
        .bind(&material.sealed)
        .bind(expires_at(now, days))
        .fetch_one(&mut *tx)
        .await?;
        decided
            .record(
                &mut tx,
                ActivityKind::MintedKey,
                name,
                &days
                    .map(|days| format!("expires in {days} days"))
                    .unwrap_or_default(),
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces an active key's value; the old value stops working when this commits.
    /// Returns the key's name.
    pub async fn rotate_key(
        &self,
        by: ProjectChange,
        key_id: i64,
        material: &KeyMaterial,
    ) -> Result<String, AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::UseKeys).await?;
        let name: Option<String> = sqlx::query_scalar(
            "UPDATE project_tokens SET token_hash = $1, sealed = $2, rotated_at = $3 \
             WHERE id = $4 AND project_id = $5 AND deactivated_at IS NULL RETURNING name",
        )
        .bind(&material.digest)
        .bind(&material.sealed)
        .bind(now)
        .bind(key_id)
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(name) = name else {
            return Err(inactive(&mut tx, project_id, key_id).await?);
        };
        FaultPoint::RotateKey.reach().await;
        decided
            .record(&mut tx, ActivityKind::RotatedKey, &name, "")
            .await?;
        tx.commit().await?;
        Ok(name)
    }

    /// Deactivates a key for good; deactivating it again changes nothing.
    pub async fn deactivate_key(&self, by: ProjectChange, key_id: i64) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        let (project_id, _, now) = by.parts();
        let decided = locked_permit(&mut tx, by, ProjectAction::ManageKeys).await?;
        let name: Option<String> = sqlx::query_scalar(
            "UPDATE project_tokens SET deactivated_at = $1 \
             WHERE id = $2 AND project_id = $3 AND deactivated_at IS NULL RETURNING name",
        )
        .bind(now)
        .bind(key_id)
        .bind(project_id)
        .fetch_optional(&mut *tx)
        .await?;
        match name {
            Some(name) => {
                decided
                    .record(&mut tx, ActivityKind::DeactivatedKey, &name, "")
                    .await?;
            }
            None => match inactive(&mut tx, project_id, key_id).await? {
                AppError::Conflict(_) => {}
                other => return Err(other),
            },
        }
        tx.commit().await?;
        Ok(())
    }
}
