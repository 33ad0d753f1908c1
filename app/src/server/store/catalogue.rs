//! The catalogue as a workspace sees it: its packages and major lines, and what the
//! workspace holds (how a workspace gets a licence is in `licence_sales.rs`).

use super::Store;
use crate::core::catalogue::{QaStatus, Version, line_label};
use crate::core::money::format_money;
use crate::model::catalogue::{CatalogueLine, CataloguePackage};
use sqlx::Row;
use std::collections::HashMap;

impl Store {
    /// The catalogue as the workspace `workspace_id` sees it: every package with its
    /// major lines (the newest release of each and its QA status) and when the
    /// workspace's licence of a line ends (or ended, by `now`), if it holds one; prices only
    /// `with_prices` (they are read from billing's own table, and only then).
    pub async fn catalogue(
        &self,
        workspace_id: i64,
        with_prices: bool,
        now: i64,
    ) -> Result<Vec<CataloguePackage>, sqlx::Error> {
        let mut conn = self.conn().await?;
        let rows = sqlx::query(
            "SELECT pk.id, pk.name, pk.description, v.version, v.released_at, v.qa_status \
             FROM packages pk JOIN package_versions v ON v.package_id = pk.id ORDER BY pk.name, pk.id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let held: HashMap<(i64, i64), i64> = sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT package_id, major_version, expires_at FROM licences WHERE workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(package, major, until)| ((package, major), until))
        .collect();
        let prices: HashMap<i64, String> = if with_prices {
            sqlx::query_as::<_, (i64, i64, String)>(
                "SELECT package_id, price_cents, currency FROM catalogue_prices",
            )
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|(package, cents, currency)| (package, format_money(cents, &currency)))
            .collect()
        } else {
            HashMap::new()
        };
        let mut packages: Vec<CataloguePackage> = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let Ok(version) = Version::parse(&row.try_get::<String, _>("version")?) else {
                continue;
            };
            if packages.last().is_none_or(|package| package.id != id) {
                packages.push(CataloguePackage {
                    id,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    price: prices.get(&id).cloned(),
                    lines: Vec::new(),
                });
            }
            let Some(package) = packages.last_mut() else {
                continue;
            };
            let held_until = held.get(&(id, i64::from(version.major))).copied();
            let line = CatalogueLine {
                major: version.major,
                line: line_label(version.major),
                newest: version.to_string(),
                released_at: row.try_get("released_at")?,
                qa: QaStatus::parse(&row.try_get::<String, _>("qa_status")?)
                    .unwrap_or(QaStatus::Pending),
                held_until,
                ended: held_until.is_some_and(|until| until <= now),
            };
            match package.lines.iter_mut().find(|l| l.major == version.major) {
                Some(known) if Version::parse(&known.newest).is_ok_and(|v| v < version) => {
                    *known = line;
                }
                Some(_) => {}
                None => package.lines.push(line),
            }
        }
        for package in &mut packages {
            package
                .lines
                .sort_by_key(|line| std::cmp::Reverse(line.major));
        }
        Ok(packages)
    }
}
