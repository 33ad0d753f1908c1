//! What a project's Composer repository reads: the key a request authenticates with,
//! the package versions the project's licences cover, and when each of its documents
//! last changed.

use super::Store;
use crate::core::catalogue::{QaStatus, Release, Version, covers};
use sqlx::Row;

/// Record a key's use again only when the stored one is older than this (seconds),
/// or from another client: Composer makes many requests in one run.
const USE_RESOLUTION: i64 = 60;

/// The key behind a digest, as the repository checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryKey {
    /// The key.
    pub id: i64,
    /// The project it opens.
    pub project_id: i64,
    /// Whether it was not deactivated (and its project not deleted).
    pub active: bool,
    /// When it stops working, if it does.
    pub expires_at: Option<i64>,
    /// When it was last used, as recorded.
    pub last_used_at: Option<i64>,
    /// From which client it was last used, as recorded.
    pub last_used_from: Option<String>,
    /// The project's licence counter: it changes whenever a licence is attached to
    /// or detached from the project, so `packages.json` is the same while it is.
    pub licences_version: i64,
}

/// One version a project's repository serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedRelease {
    /// The package, `vendor/name`.
    pub package: String,
    /// The package's description.
    pub description: String,
    /// The release.
    pub release: Release,
}

impl Store {
    /// The key whose digest is `digest`, if any. A key of a deleted project is
    /// inactive.
    pub async fn repository_key(&self, digest: &str) -> Result<Option<RepositoryKey>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT t.id, t.project_id, t.deactivated_at, t.expires_at, t.last_used_at, t.last_used_from, \
             p.deleted_at, p.licences_version FROM project_tokens t JOIN projects p ON p.id = t.project_id \
             WHERE t.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|row| {
            let deactivated_at: Option<i64> = row.try_get("deactivated_at")?;
            let deleted_at: Option<i64> = row.try_get("deleted_at")?;
            Ok(RepositoryKey {
                id: row.try_get("id")?,
                project_id: row.try_get("project_id")?,
                active: deactivated_at.is_none() && deleted_at.is_none(),
                expires_at: row.try_get("expires_at")?,
                last_used_at: row.try_get("last_used_at")?,
                last_used_from: row.try_get("last_used_from")?,
                licences_version: row.try_get("licences_version")?,
            })
        })
        .transpose()
    }

    /// Records that `key` was used at `now` from `client`, unless the record already
    /// says so to within a minute.
    pub async fn record_key_use(
        &self,
        key: &RepositoryKey,
        client: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let recent = key.last_used_at.is_some_and(|at| now - at < USE_RESOLUTION);
        if recent && key.last_used_from.as_deref() == Some(client) {
            return Ok(());
        }
        sqlx::query(
            "UPDATE project_tokens SET last_used_at = $1, last_used_from = $2 \
             WHERE id = $3 AND deactivated_at IS NULL",
        )
        .bind(now)
        .bind(client)
        .bind(key.id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// When the document at `path` of the project's repository last changed, given
    /// the ETag of its body now: the stored moment while the body is the stored one;
    /// for a new body, `now` and never earlier than a second after the stored moment,
    /// so a client holding the old body is never told it is current. Whole seconds, as
    /// an HTTP date holds them; kept in the database, so every server agrees.
    pub async fn document_modified_at(
        &self,
        project_id: i64,
        path: &str,
        etag: &str,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        let stored: Option<(String, i64)> = sqlx::query_as(
            "SELECT etag, modified_at FROM repository_documents \
             WHERE project_id = $1 AND path = $2",
        )
        .bind(project_id)
        .bind(path)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let modified_at = match stored {
            Some((held, at)) if held == etag => return Ok(at),
            Some((_, at)) => now.max(at + 1),
            None => now,
        };
        sqlx::query(
            "INSERT INTO repository_documents (project_id, path, etag, modified_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, path) \
             DO UPDATE SET etag = excluded.etag, modified_at = excluded.modified_at",
        )
        .bind(project_id)
        .bind(path)
        .bind(etag)
        .bind(modified_at)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(modified_at)
    }

    /// The names of the packages licensed on the project, sorted.
    pub async fn licensed_packages(&self, project_id: i64) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT DISTINCT p.name FROM project_licences pl \
             JOIN licences l ON l.id = pl.licence_id JOIN packages p ON p.id = l.package_id \
             WHERE pl.project_id = $1 ORDER BY p.name",
        )
        .bind(project_id)
        .fetch_all(&mut *self.conn().await?)
        .await
    }

    /// The versions of `package` that the project's licences cover, oldest first;
    /// empty when the package is not licensed there.
    pub async fn served_releases(
        &self,
        project_id: i64,
        package: &str,
    ) -> Result<Vec<ServedRelease>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT p.name, p.description, v.version, v.released_at, v.qa_status, \
             l.major_version, l.expires_at FROM project_licences pl \
             JOIN licences l ON l.id = pl.licence_id JOIN packages p ON p.id = l.package_id \
             JOIN package_versions v ON v.package_id = p.id \
             WHERE pl.project_id = $1 AND p.name = $2",
        )
        .bind(project_id)
        .bind(package)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let decode = |e: &str| sqlx::Error::Decode(e.to_owned().into());
        let mut served: Vec<ServedRelease> = Vec::new();
        for row in rows {
            let version: String = row.try_get("version")?;
            let qa: String = row.try_get("qa_status")?;
            let release = Release {
                version: Version::parse(&version).map_err(|_| decode("a stored version"))?,
                released_at: row.try_get("released_at")?,
                qa: QaStatus::parse(&qa).ok_or_else(|| decode("a stored QA status"))?,
            };
            let major: i64 = row.try_get("major_version")?;
            let major = u32::try_from(major).map_err(|_| decode("a stored major version"))?;
            let expires_at: i64 = row.try_get("expires_at")?;
            let new = !served.iter().any(|s| s.release.version == release.version);
            if new && covers(major, expires_at, &release) {
                served.push(ServedRelease {
                    package: row.try_get("name")?,
                    description: row.try_get("description")?,
                    release,
                });
            }
        }
        served.sort_by_key(|s| s.release.version);
        Ok(served)
    }
}
