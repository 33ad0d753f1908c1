//! Sharing a project with someone outside its workspace, from the side of those who
//! manage its shares: the share dialog, the pending and active shares with their
//! roles and ends, resending, cancelling and revoking (the recipient's side is in
//! `shared_with_me.rs`).

use crate::error::AppError;
use crate::model::shares::{EndedShare, SharePage, ShareRow, ShareSort};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::access::GrantRole,
    crate::core::email::EmailAddress,
    crate::core::policy::projects::ProjectAction,
    crate::core::share_end::parse_share_end,
    crate::error::FieldError,
    crate::server::input::checked_search,
    crate::server::links::new_link,
    crate::server::mail::{share_email, share_end_changed_email, share_revoked_email},
    crate::server::session::require_user,
    crate::server::store::{ShareLetter, ShareLink},
};

/// The end a form chose (`value`, see [`parse_share_end`]) as of `now`; a refusal
/// names the form's `field`.
#[cfg(feature = "ssr")]
fn parse_end(field: &str, value: &str, now: i64) -> Result<Option<i64>, FieldError> {
    parse_share_end(value, now).map_err(|e| FieldError::new(field, e))
}

/// Shares a project with an address outside its workspace (owners and admins),
/// until the end chosen: `ends` is `never` (or nothing) or a number of days;
/// `ends_on`, a date, wins when given.
#[server(endpoint = "shares/share_project")]
pub async fn share_project(
    project_id: i64,
    email: String,
    role: String,
    #[server(default)] ends: String,
    #[server(default)] ends_on: String,
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
    let (token, digest) = new_link::<ShareLink>(state);
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

/// One page of the project's pending and active shares whose address or name matches
/// `search` (members of its workspace).
#[server(endpoint = "shares/list_shares")]
pub async fn list_shares(
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

/// Sends a pending share again with a new link; the old link stops working.
#[server(endpoint = "shares/resend_share")]
pub async fn resend_share(project_id: i64, share_id: i64) -> Result<ShareRow, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let (token, digest) = new_link::<ShareLink>(state);
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

/// Changes the project role of a pending or active share.
#[server(endpoint = "shares/change_share_role")]
pub async fn change_share_role(
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

/// Changes when a pending or active share ends: `ends` is `never`, a number of days
/// from today, or a date (the last day of access).
#[server(endpoint = "shares/change_share_end")]
pub async fn change_share_end(
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

/// Cancels a pending share or revokes an active one.
#[server(endpoint = "shares/end_share")]
pub async fn end_share(project_id: i64, share_id: i64) -> Result<EndedShare, AppError> {
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
