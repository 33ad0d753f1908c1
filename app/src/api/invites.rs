//! Invites to join a workspace: sending, the pending list with Revoke and Re-issue,
//! and the link page (accept signed in, or register with the invited address).

use crate::error::AppError;
use crate::model::team::{InvitePreview, PendingInvite};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::email::EmailAddress,
    crate::core::role::Role,
    crate::error::FieldError,
    crate::model::auth::check_profile,
    crate::server::app_state,
    crate::server::links::{self, new_link},
    crate::server::mail::invite_email,
    crate::server::session::{begin_session, caller, require_user, team_viewer},
    crate::server::store::{InviteLink, NewInvite},
};

/// Invites an address to the active workspace with a role.
#[server(endpoint = "team/invite_member")]
pub async fn invite_member(email: String, role: String) -> Result<PendingInvite, AppError> {
    let email = EmailAddress::parse(&email).map_err(|e| FieldError::new("email", e));
    let role = Role::parse(&role).map_err(|e| FieldError::new("role", e));
    let (email, role) = match (email, role) {
        (Ok(email), Ok(role)) => (email, role),
        (email, role) => {
            return Err(AppError::Invalid(
                [email.err(), role.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    let state = &caller.state;
    let (token, digest) = new_link::<InviteLink>(state);
    let public_url = &state.settings.public_url;
    let invite = state
        .store
        .create_invite(
            workspace.id,
            caller.user.id,
            NewInvite {
                email: &email,
                role,
                digest: &digest,
            },
            state.clock.now(),
            |letter| invite_email(public_url, &token, &letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(invite)
}

/// The active workspace's pending invites.
#[server(endpoint = "team/list_invites")]
pub async fn list_invites() -> Result<Vec<PendingInvite>, AppError> {
    let (caller, workspace_id, me) = team_viewer().await?;
    Ok(caller
        .state
        .store
        .pending_invites(workspace_id, me, caller.now())
        .await?)
}

/// Revokes a pending invite: its link stops working.
#[server(endpoint = "team/revoke_invite")]
pub async fn revoke_invite(invite_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .revoke_invite(workspace.id, caller.user.id, invite_id, caller.now())
        .await
}

/// Sends a pending invite again with a new link; the old link stops working.
#[server(endpoint = "team/reissue_invite")]
pub async fn reissue_invite(invite_id: i64) -> Result<PendingInvite, AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    let state = &caller.state;
    let (token, digest) = new_link::<InviteLink>(state);
    let public_url = &state.settings.public_url;
    let invite = state
        .store
        .reissue_invite(
            workspace.id,
            caller.user.id,
            invite_id,
            &digest,
            state.clock.now(),
            |letter| invite_email(public_url, &token, &letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(invite)
}

/// What the invite link with `token` would do; changes nothing.
#[server(endpoint = "team/check_invite_link")]
pub async fn check_invite_link(token: String) -> Result<InvitePreview, AppError> {
    let state = app_state()?;
    let signed_in_as = caller().await?.map(|caller| caller.user.email);
    let (link_state, link) = links::preview::<InviteLink>(&state, &token).await?;
    Ok(match link {
        Some(link) => InvitePreview {
            state: link_state,
            workspace: link.workspace,
            role: Some(link.role),
            email: link.email,
            signed_in_as,
        },
        None => InvitePreview {
            state: link_state,
            workspace: String::new(),
            role: None,
            email: String::new(),
            signed_in_as,
        },
    })
}

/// Accepts an invite as the signed-in user, whose verified address must be the
/// invited one.
#[server(endpoint = "team/accept_invite")]
pub async fn accept_invite(token: String) -> Result<(), AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let used = links::usable::<InviteLink>(state, &token, Some(&caller.user)).await?;
    let user = &caller.user;
    let accepted = state
        .store
        .accept_invite(
            &used.decided,
            &used.digest,
            user.id,
            &user.email,
            &user.display_name,
            state.clock.now(),
        )
        .await?;
    let Some(accepted) = accepted else {
        return Err(links::lost::<InviteLink>(state, &token).await);
    };
    state
        .store
        .switch_workspace(&caller.session_digest, user.id, accepted.workspace_id)
        .await?;
    leptos_axum::redirect("/projects");
    Ok(())
}

/// Creates an account for the invited address and accepts the invite in one step:
/// the link proves the address, so no verification email is needed.
#[server(endpoint = "team/register_with_invite")]
pub async fn register_with_invite(
    token: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    let name = check_profile(&display_name, &password).map_err(AppError::Invalid)?;
    let state = app_state()?;
    let used = links::usable::<InviteLink>(&state, &token, None).await?;
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    let (name, hash) = (name.as_str(), password_hash.as_str());
    let registered = state
        .store
        .register_with_invite(&used.decided, &used.digest, &used.link, name, hash, now)
        .await?;
    let Some((user_id, accepted)) = registered else {
        return Err(links::lost::<InviteLink>(&state, &token).await);
    };
    begin_session(&state, user_id, Some(accepted.workspace_id), now).await?;
    leptos_axum::redirect("/projects");
    Ok(())
}
