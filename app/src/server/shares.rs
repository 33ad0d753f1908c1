//! The sharing use cases behind the `shares` server functions, from the side of those
//! who manage a project's shares (the recipient's side is in `shared_with_me.rs`).

use super::AppState;
use super::crypto::new_token;
use super::mail::{share_email, share_end_changed_email, share_revoked_email};
use super::session::require_user;
use super::store::ShareLetter;
use super::team::checked_search;
use crate::core::access::GrantRole;
use crate::core::email::EmailAddress;
use crate::core::policy::projects::ProjectAction;
use crate::core::share_end::parse_share_end;
use crate::error::{AppError, FieldError};
use crate::model::shares::{EndedShare, SharePage, ShareRow, ShareSort};

/// Digest purpose of share tokens.
pub(super) const SHARE_PURPOSE: &str = "share";

/// A fresh link token and the digest stored for it.
fn new_link(state: &AppState) -> (String, String) {
    let token = new_token();
    let digest = state.digester.digest(SHARE_PURPOSE, &token);
    (token, digest)
}

/// The end a form chose (`value`, see [`parse_share_end`]) as of `now`; a refusal
/// names the form's `field`.
fn parse_end(field: &str, value: &str, now: i64) -> Result<Option<i64>, FieldError> {
    parse_share_end(value, now).map_err(|e| FieldError::new(field, e))
}

/// Shares a project with an address outside its workspace, until the end chosen
/// (`ends_on`, a date, wins over `ends` when given).
pub async fn share(
    project_id: i64,
    email: String,
    role: String,
    ends: String,
    ends_on: String,
) -> Result<ShareRow, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let email = EmailAddress::parse(&email).map_err(|e| FieldError::new("email", e));
    let role = GrantRole::parse(&role).map_err(|e| FieldError::new("role", e));
    let ends_at = if ends_on.trim().is_empty() {
        parse_end("ends", &ends, state.clock.now())
    } else {
        parse_end("ends_on", &ends_on, state.clock.now())
    };
    let (email, role, ends_at) = match (email, role, ends_at) {
        (Ok(email), Ok(role), Ok(ends_at)) => (email, role, ends_at),
        (email, role, ends_at) => {
            return Err(AppError::Invalid(
                [email.err(), role.err(), ends_at.err()]
                    .into_iter()
                    .flatten()
                    .collect(),
            ));
        }
    };
    let (token, digest) = new_link(state);
    let public_url = &state.settings.public_url;
    let row = state
        .store
        .create_share(
            caller.changing(project_id),
            &email,
            role,
            ends_at,
            &digest,
            |letter| share_email(public_url, &token, &letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(row)
}

/// The project's pending and active shares, for members of its workspace.
pub async fn list(
    project_id: i64,
    search: String,
    sort: ShareSort,
    descending: bool,
    page: i64,
) -> Result<SharePage, AppError> {
    let search = checked_search(&search)?;
    let caller = require_user().await?;
    let store = &caller.state.store;
    caller
        .project_permit(project_id, ProjectAction::ViewMembers)
        .await?;
    Ok(store
        .share_page(project_id, search, sort, descending, page, caller.now())
        .await?)
}

/// Sends a pending share again with a new link.
pub async fn resend(project_id: i64, share_id: i64) -> Result<ShareRow, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let (token, digest) = new_link(state);
    let public_url = &state.settings.public_url;
    let row = state
        .store
        .resend_share(caller.changing(project_id), share_id, &digest, |letter| {
            share_email(public_url, &token, &letter)
        })
        .await?;
    state.mail_queued.notify_one();
    Ok(row)
}

/// Changes when a share ends.
pub async fn change_end(
    project_id: i64,
    share_id: i64,
    ends: String,
) -> Result<ShareRow, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let now = state.clock.now();
    let ends_at = parse_share_end(&ends, now).map_err(|e| AppError::field("ends", e))?;
    let public_url = &state.settings.public_url;
    let row = state
        .store
        .change_share_end(caller.changing(project_id), share_id, ends_at, |letter| {
            share_end_changed_email(public_url, &letter)
        })
        .await?;
    state.mail_queued.notify_one();
    Ok(row)
}

/// Cancels or revokes a share.
pub async fn end(project_id: i64, share_id: i64) -> Result<EndedShare, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let public_url = &state.settings.public_url;
    let ended = state
        .store
        .end_share(
            caller.changing(project_id),
            share_id,
            |letter: ShareLetter<'_>| share_revoked_email(public_url, &letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(ended)
}

/// Changes the role of a share.
pub async fn change_role(
    project_id: i64,
    share_id: i64,
    role: String,
) -> Result<ShareRow, AppError> {
    let role = GrantRole::parse(&role).map_err(|e| AppError::field("role", e))?;
    let caller = require_user().await?;
    caller
        .state
        .store
        .change_share_role(caller.changing(project_id), share_id, role)
        .await
}
