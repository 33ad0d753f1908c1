//! The access review an owner or admin downloads from Org settings: CSV files of the
//! members, the people outside the workspace its projects are shared with, and the
//! access keys, produced a batch at a time.

use super::AppState;
use super::session::Caller;
use super::store::access_review::{ReviewedKey, ReviewedMember, ReviewedShare};
use crate::core::csv::csv_line;
use crate::core::dates::{format_date, format_timestamp};
use crate::core::policy::{Action, Member, authorize};
use crate::core::share_state::ShareDates;
use crate::error::AppError;
use crate::model::access_review::Report;
use http::HeaderMap;

/// Rows read from the database at a time.
const BATCH: i64 = 500;

/// The first line of each file.
fn header(report: Report) -> &'static [&'static str] {
    match report {
        Report::Members => &[
            "Name",
            "Email",
            "Role",
            "Joined",
            "Last sign-in",
            "Project grants",
        ],
        Report::Outsiders => &[
            "Email",
            "Project",
            "Role",
            "Status",
            "Shared by",
            "Shared",
            "Accepted",
            "Ends",
            "Ended",
            "Last key use",
        ],
        Report::Keys => &[
            "Project",
            "Name",
            "Minted by",
            "Created",
            "Expires",
            "Status",
            "Last used",
            "Last used from",
        ],
    }
}

/// A download that was allowed: its file's name and the rows still to send.
pub struct Download {
    /// The name the browser saves it under (`access-review-members-2026-12-04.csv`).
    pub file_name: String,
    state: AppState,
    report: Report,
    workspace_id: i64,
    /// The id the next batch starts after; `None` once the last was sent.
    after: Option<i64>,
    header_sent: bool,
    /// When the download started: every row's status is as of then.
    now: i64,
}

/// Starts a download of `report` of the workspace the session of `headers` works in,
/// for its owners and admins, and writes it to the workspace's activity feed.
pub async fn start(
    state: AppState,
    headers: &HeaderMap,
    report: Report,
) -> Result<Download, AppError> {
    let caller = Caller::from_headers(&state, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let workspace = caller.workspace().await?;
    let member = Member {
        user_id: caller.user.id,
        role: workspace.role,
    };
    let permit = authorize(member, Action::ReviewAccess)?;
    let now = state.clock.now();
    state
        .store
        .record_access_review(&permit, workspace.id, report.contents(), now)
        .await?;
    let stem = report.file_name().trim_end_matches(".csv");
    Ok(Download {
        file_name: format!("access-review-{stem}-{}.csv", format_date(now)),
        state,
        report,
        workspace_id: workspace.id,
        after: Some(0),
        header_sent: false,
        now,
    })
}

impl Download {
    /// The next part of the file, `None` after the last.
    pub async fn next_chunk(&mut self) -> Result<Option<String>, AppError> {
        if !self.header_sent {
            self.header_sent = true;
            return Ok(Some(csv_line(header(self.report))));
        }
        let Some(after) = self.after else {
            return Ok(None);
        };
        let store = &self.state.store;
        let id = self.workspace_id;
        let (lines, last) = match self.report {
            Report::Members => {
                let rows = store.reviewed_members(id, after, BATCH).await?;
                let last = rows.last().map(|row| row.user_id);
                (rows.into_iter().map(member_line).collect::<String>(), last)
            }
            Report::Outsiders => {
                let rows = store.reviewed_shares(id, after, BATCH).await?;
                let last = rows.last().map(|row| row.id);
                (
                    rows.into_iter()
                        .map(|row| share_line(row, self.now))
                        .collect(),
                    last,
                )
            }
            Report::Keys => {
                let rows = store.reviewed_keys(id, after, BATCH).await?;
                let last = rows.last().map(|row| row.id);
                (
                    rows.into_iter()
                        .map(|row| key_line(row, self.now))
                        .collect(),
                    last,
                )
            }
        };
        self.after = last;
        Ok(last.map(|_| lines))
    }
}

fn when(at: Option<i64>) -> String {
    at.map(format_timestamp).unwrap_or_default()
}

fn member_line(member: ReviewedMember) -> String {
    let grants = member
        .grants
        .iter()
        .map(|(project, role)| format!("{project}: {role}"))
        .collect::<Vec<_>>()
        .join("; ");
    csv_line(&[
        member.name,
        member.email,
        member.role,
        format_timestamp(member.joined_at),
        when(member.last_sign_in),
        grants,
    ])
}

fn share_line(share: ReviewedShare, now: i64) -> String {
    let status = ShareDates {
        accepted_at: share.accepted_at,
        link_expires_at: share.link_expires_at,
        ends_at: share.ends_at,
        ended: share.ended.as_ref().map(|(at, how)| (*at, how.as_str())),
    }
    .state(now)
    .words();
    csv_line(&[
        share.email,
        share.project,
        share.role,
        status.to_owned(),
        share.shared_by.unwrap_or_default(),
        format_timestamp(share.created_at),
        when(share.accepted_at),
        when(share.ends_at),
        when(share.ended.map(|(at, _)| at)),
        when(share.last_key_use),
    ])
}

fn key_line(key: ReviewedKey, now: i64) -> String {
    let status = if key.deactivated_at.is_some() {
        "deactivated"
    } else if key.expires_at.is_some_and(|at| at <= now) {
        "expired"
    } else {
        "active"
    };
    let (used_at, used_from) = key.last_used.unzip();
    csv_line(&[
        key.project,
        key.name,
        key.minted_by.unwrap_or_default(),
        format_timestamp(key.created_at),
        when(key.expires_at),
        status.to_owned(),
        when(used_at),
        used_from.unwrap_or_default(),
    ])
}
