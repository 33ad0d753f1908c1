//! The searchable list of a workspace's members, and the SQL the project's Members
//! screen shares with it: which members match a search, the sort keys their indexes
//! follow, and the LIKE pattern of a search.

use super::Store;
use super::decoded;
use crate::core::paging::{ROWS_PER_PAGE, clamp_page, offset};
use crate::core::policy::{Member, may_manage_member};
use crate::core::role::Role;
use crate::model::team::{MemberPage, MemberRow, MemberSort};
use sqlx::Row;

/// Which members of workspace `$1` match: `$2` is the search text ('' for all), `$3`
/// its LIKE pattern (see [`like_pattern`]), tried on the membership's copies of the
/// lowercased name and the address (migration 0007_member_list).
pub(super) const MATCHING: &str = "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 \
     AND ($2 = '' OR m.sort_name LIKE $3 ESCAPE '\\' OR m.sort_email LIKE $3 ESCAPE '\\')";

/// The columns of a member's row (see [`member_row`]).
pub(super) const ROW_COLUMNS: &str = "u.id, u.display_name, u.email, m.role, m.joined_at";

/// The sort keys that indexes of memberships follow (migration 0007_member_list): the
/// database reads one page in order instead of sorting every member. Ties go by
/// `m.user_id`.
pub(super) const BY_NAME: &str = "m.sort_name";
/// See [`BY_NAME`].
pub(super) const BY_EMAIL: &str = "m.sort_email";
/// See [`BY_NAME`].
pub(super) const BY_JOINED: &str = "m.joined_at";
/// See [`BY_NAME`]; the expression must stay the one its index holds.
const BY_ROLE: &str = "CASE m.role WHEN 'viewer' THEN 0 WHEN 'billing' THEN 1 WHEN 'developer' THEN 2 \
     WHEN 'admin' THEN 3 ELSE 4 END";

fn order_by(sort: MemberSort) -> &'static str {
    match sort {
        MemberSort::Name => BY_NAME,
        MemberSort::Email => BY_EMAIL,
        MemberSort::Role => BY_ROLE,
        MemberSort::Joined => BY_JOINED,
    }
}

/// How many members of `workspace_id` match `search` (trimmed, `pattern` its LIKE
/// pattern). Without a search, the count the triggers keep is read instead of counted.
pub(super) async fn count_matching(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    search: &str,
    pattern: &str,
) -> Result<i64, sqlx::Error> {
    if search.is_empty() {
        return sqlx::query_scalar("SELECT member_count FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *conn)
            .await;
    }
    sqlx::query_scalar(&format!("SELECT COUNT(*) {MATCHING}"))
        .bind(workspace_id)
        .bind(search)
        .bind(pattern)
        .fetch_one(&mut *conn)
        .await
}

/// A LIKE pattern matching `search` anywhere, with its wildcards taken literally.
pub(super) fn like_pattern(search: &str) -> String {
    let escaped: String = search
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// A member as the lists show them to `viewer`, from a row of [`ROW_COLUMNS`].
pub(super) fn member_row(
    row: &sqlx::any::AnyRow,
    viewer: Member,
) -> Result<MemberRow, sqlx::Error> {
    let role = decoded(&row.try_get::<String, _>("role")?, Role::parse)?;
    let user_id = row.try_get("id")?;
    Ok(MemberRow {
        user_id,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        role,
        can_manage: may_manage_member(viewer, Member { user_id, role }),
        joined_at: row.try_get("joined_at")?,
    })
}

impl Store {
    /// How many members the workspace has.
    pub async fn member_count(&self, workspace_id: i64) -> Result<i64, sqlx::Error> {
        count_matching(&mut *self.conn().await?, workspace_id, "", "").await
    }

    /// One page of the members matching `search`, sorted, as `viewer` sees them;
    /// the database does the searching, sorting and paging, so the browser never
    /// gets the whole list.
    pub async fn member_page(
        &self,
        workspace_id: i64,
        viewer: Member,
        search: &str,
        sort: MemberSort,
        descending: bool,
        page: i64,
    ) -> Result<MemberPage, sqlx::Error> {
        let search = search.trim();
        let pattern = like_pattern(search);
        let total =
            count_matching(&mut *self.conn().await?, workspace_id, search, &pattern).await?;
        let direction = if descending { "DESC" } else { "ASC" };
        let page = clamp_page(page, total);
        let sql = format!(
            "SELECT {ROW_COLUMNS} {MATCHING} ORDER BY {order} {direction}, m.user_id {direction} LIMIT $4 OFFSET $5",
            order = order_by(sort)
        );
        let rows = sqlx::query(&sql)
            .bind(workspace_id)
            .bind(search)
            .bind(&pattern)
            .bind(ROWS_PER_PAGE)
            .bind(offset(page, ROWS_PER_PAGE))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok(MemberPage {
            rows: rows
                .iter()
                .map(|row| member_row(row, viewer))
                .collect::<Result<_, _>>()?,
            total,
            page,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn search_wildcards_are_taken_literally() {
        assert_eq!(like_pattern("Ann"), "%ann%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
