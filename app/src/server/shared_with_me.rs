//! The recipient's side of a share, behind the `shares` server functions: what a link
//! offers, accepting it (signed in or by registering), leaving, and what a recipient
//! sees of their shares and their own activity.

use super::session::{begin_session, caller, require_user};
use super::shares::SHARE_PURPOSE;
use super::store::EmailedLink;
use super::{AppState, app_state, check_link_use, lost_race};
use crate::core::link::LinkState;
use crate::error::AppError;
use crate::model::auth::check_profile;
use crate::model::shares::{SharePreview, SharedProject};
use crate::model::team::ActivityEntry;

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

/// The answer when the share behind `token` was valid a moment ago but could not be
/// accepted (see [`lost_race`]).
async fn lost(state: &AppState, token: &str) -> AppError {
    match link(state, token).await {
        Ok(found) => lost_race(
            EmailedLink::Share,
            found.map_or(LinkState::Invalid, |(_, link)| link.state),
        ),
        Err(error) => error,
    }
}

/// Accepts a share as the signed-in user, whose address must be the one it was sent
/// to; anyone else is refused and the share stays pending.
pub async fn accept(token: String) -> Result<i64, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let (digest, link) = link(state, &token).await?.ok_or(AppError::NotFound)?;
    let link_state = (link.state, link.email.as_str());
    check_link_use(
        state,
        EmailedLink::Share,
        &digest,
        link_state,
        Some(&caller.user),
    )
    .await?;
    let Some(project_id) = state
        .store
        .accept_share(&digest, caller.user.id, state.clock.now())
        .await?
    else {
        return Err(lost(state, &token).await);
    };
    // After use, the person lands on a URL without the token.
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
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
    let link_state = (link.state, link.email.as_str());
    check_link_use(&state, EmailedLink::Share, &digest, link_state, None).await?;
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    let Some((user_id, project_id)) = state
        .store
        .register_with_share(&digest, &link.email, name.as_str(), &password_hash, now)
        .await?
    else {
        return Err(lost(&state, &token).await);
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
        .leave_share(caller.changing(project_id))
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
