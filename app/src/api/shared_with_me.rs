//! The recipient's side of a share: what a link offers, accepting it (signed in or by
//! registering with the address it was sent to), leaving, the projects shared with
//! the caller and their own activity.

use crate::error::AppError;
use crate::model::shares::{SharePreview, SharedProject};
use crate::model::team::ActivityEntry;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::model::auth::check_profile,
    crate::server::app_state,
    crate::server::links,
    crate::server::session::{begin_session, caller, require_user},
    crate::server::store::ShareLink,
};

/// What the share link with `token` would do; changes nothing.
#[server(endpoint = "shares/check_share_link")]
pub async fn check_share_link(token: String) -> Result<SharePreview, AppError> {
    let state = app_state()?;
    let signed_in_as = caller().await?.map(|caller| caller.user.email);
    let (link_state, link) = links::preview::<ShareLink>(&state, &token).await?;
    Ok(match link {
        Some(link) => SharePreview {
            state: link_state,
            project: link.project,
            workspace: link.workspace,
            role: Some(link.role),
            email: link.email,
            signed_in_as,
        },
        None => SharePreview {
            state: link_state,
            project: String::new(),
            workspace: String::new(),
            role: None,
            email: String::new(),
            signed_in_as,
        },
    })
}

/// Accepts a share as the signed-in user, whose verified address must be the one it
/// was sent to. Answers the project's id.
#[server(endpoint = "shares/accept_share")]
pub async fn accept_share(token: String) -> Result<i64, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let used = links::usable::<ShareLink>(state, &token, Some(&caller.user)).await?;
    let (user_id, now) = (caller.user.id, state.clock.now());
    let Some(project_id) = state
        .store
        .accept_share(&used.decided, &used.digest, user_id, now)
        .await?
    else {
        return Err(links::lost::<ShareLink>(state, &token).await);
    };
    // After use, the person lands on a URL without the token.
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
}

/// Creates an account for the address a share was sent to and accepts the share in
/// one step: the link proves the address, so no verification email is needed.
#[server(endpoint = "shares/register_with_share")]
pub async fn register_with_share(
    token: String,
    display_name: String,
    password: String,
) -> Result<i64, AppError> {
    let name = check_profile(&display_name, &password).map_err(AppError::Invalid)?;
    let state = app_state()?;
    let used = links::usable::<ShareLink>(&state, &token, None).await?;
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    let (email, name, hash) = (&used.link.email, name.as_str(), password_hash.as_str());
    let Some((user_id, project_id)) = state
        .store
        .register_with_share(&used.decided, &used.digest, email, name, hash, now)
        .await?
    else {
        return Err(links::lost::<ShareLink>(&state, &token).await);
    };
    begin_session(&state, user_id, None, now).await?;
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
}

/// Ends the caller's own share of a project.
#[server(endpoint = "shares/leave_share")]
pub async fn leave_share(project_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .leave_share(caller.changing(project_id))
        .await
}

/// The projects shared with the caller.
#[server(endpoint = "shares/list_shared_with_me")]
pub async fn list_shared_with_me() -> Result<Vec<SharedProject>, AppError> {
    let caller = require_user().await?;
    let now = caller.now();
    Ok(caller.state.store.shared_with(caller.user.id, now).await?)
}

/// The caller's own activity: shares with them, as they see them.
#[server(endpoint = "shares/my_activity")]
pub async fn my_activity() -> Result<Vec<ActivityEntry>, AppError> {
    let caller = require_user().await?;
    Ok(caller
        .state
        .store
        .personal_activity(&caller.user.email)
        .await?)
}
