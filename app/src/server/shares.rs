//! The sharing use cases behind the `shares` server functions.

use super::crypto::new_token;
use super::mail::{share_email, share_end_changed_email, share_revoked_email};
use super::session::{begin_session, caller, require_user};
use super::store::EmailedLink;
use super::store::ShareLetter;
use super::team::checked_search;
use super::{AppState, app_state, refuse_link};
use crate::core::access::GrantRole;
use crate::core::email::EmailAddress;
use crate::core::link::{LinkKind, LinkState, SENT_TO_ANOTHER_ADDRESS};
use crate::core::policy::projects::ProjectAction;
use crate::core::share_end::parse_share_end;
use crate::error::{AppError, FieldError};
use crate::model::auth::check_profile;
use crate::model::shares::{
    EndedShare, SharePage, SharePreview, ShareRow, ShareSort, SharedProject,
};
use crate::model::team::ActivityEntry;

/// Digest purpose of share tokens.
const SHARE_PURPOSE: &str = "share";

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

/// The share behind `token`, or `None` for a token that is not ours.
async fn link(
    state: &AppState,
    token: &str,
) -> Result<Option<(String, crate::server::store::ShareLink)>, AppError> {
    let Some(digest) = state.digester.link_digest(SHARE_PURPOSE, token) else {
        return Ok(None);
    };
    Ok(state
        .store
        .share_link(&digest, state.clock.now())
        .await?
        .map(|link| (digest, link)))
}

/// Describes a share link without using it; only a usable link tells what it shares.
pub async fn preview(token: String) -> Result<SharePreview, AppError> {
    let state = app_state()?;
    let signed_in_as = caller().await?.map(|caller| caller.user.email);
    let found = link(&state, &token).await?;
    let usable = found
        .as_ref()
        .is_some_and(|(_, l)| l.state == LinkState::Valid);
    Ok(match found {
        Some((_, link)) if usable => SharePreview {
            state: link.state,
            project: link.project,
            workspace: link.workspace,
            role: Some(link.role),
            email: link.email,
            signed_in_as,
        },
        other => SharePreview {
            state: other.map_or(LinkState::Invalid, |(_, link)| link.state),
            project: String::new(),
            workspace: String::new(),
            role: None,
            email: String::new(),
            signed_in_as,
        },
    })
}

/// The answer when a share was valid a moment ago but could not be accepted: another
/// request cancelled, revoked or accepted it first (or it expired meanwhile). Says
/// which, read again now.
async fn lost_race(state: &AppState, token: &str) -> AppError {
    match link(state, token).await {
        Ok(found) => {
            let now_state = found.map_or(LinkState::Invalid, |(_, link)| link.state);
            let state = if now_state == LinkState::Valid {
                LinkState::Used
            } else {
                now_state
            };
            AppError::Conflict(state.message(LinkKind::Share).to_owned())
        }
        Err(error) => error,
    }
}

/// Accepts a share as the signed-in user, whose address must be the one it was sent
/// to; anyone else is refused and the share stays pending.
pub async fn accept(token: String) -> Result<i64, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let (digest, link) = link(state, &token).await?.ok_or(AppError::NotFound)?;
    let actor = Some(caller.user.id);
    if link.state != LinkState::Valid {
        let reason = link.state.refusal_reason();
        let refusal = AppError::Conflict(link.state.message(LinkKind::Share).to_owned());
        return Err(refuse_link(state, EmailedLink::Share, &digest, actor, reason, refusal).await);
    }
    if link.email != caller.user.email {
        let refusal = AppError::Forbidden(format!(
            "This share was sent to another address. You are signed in as {}: sign out, then open the link again.",
            caller.user.email
        ));
        let reason = SENT_TO_ANOTHER_ADDRESS;
        return Err(refuse_link(state, EmailedLink::Share, &digest, actor, reason, refusal).await);
    }
    let Some(project_id) = state
        .store
        .accept_share(&digest, caller.user.id, state.clock.now())
        .await?
    else {
        return Err(lost_race(state, &token).await);
    };
    // After use, the person lands on a URL without the token.
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
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

/// Registers the address a share was sent to and accepts the share; the person is
/// signed in and lands on the project.
pub async fn register_and_accept(
    token: String,
    display_name: String,
    password: String,
) -> Result<i64, AppError> {
    let name = check_profile(&display_name, &password).map_err(AppError::Invalid)?;
    let state = app_state()?;
    let (digest, link) = link(&state, &token).await?.ok_or(AppError::NotFound)?;
    if link.state != LinkState::Valid {
        let reason = link.state.refusal_reason();
        let refusal = AppError::Conflict(link.state.message(LinkKind::Share).to_owned());
        return Err(refuse_link(&state, EmailedLink::Share, &digest, None, reason, refusal).await);
    }
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    let Some((user_id, project_id)) = state
        .store
        .register_with_share(&digest, &link.email, name.as_str(), &password_hash, now)
        .await?
    else {
        return Err(lost_race(&state, &token).await);
    };
    begin_session(&state, user_id, None, now).await?;
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
}

/// Leaves a project shared with the caller.
pub async fn leave(project_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .leave_share(project_id, caller.user.id, caller.now())
        .await
}

/// The projects shared with the caller.
pub async fn shared_with_me() -> Result<Vec<SharedProject>, AppError> {
    let caller = require_user().await?;
    let now = caller.now();
    Ok(caller.state.store.shared_with(caller.user.id, now).await?)
}

/// The caller's own feed.
pub async fn my_activity() -> Result<Vec<ActivityEntry>, AppError> {
    let caller = require_user().await?;
    Ok(caller
        .state
        .store
        .personal_activity(&caller.user.email)
        .await?)
}
