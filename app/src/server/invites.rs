//! The invite use cases behind the `team` server functions.

use super::crypto::new_token;
use super::session::{begin_session, caller, require_user};
use super::store::{EmailedLink, InviteLetter, InviteLink, NewInvite};
use super::{AppState, app_state, check_link_use, lost_race, mail};
use crate::core::email::EmailAddress;
use crate::core::link::LinkState;
use crate::core::role::Role;
use crate::error::{AppError, FieldError};
use crate::model::auth::check_profile;
use crate::model::team::{InvitePreview, PendingInvite};

/// Digest purpose of invite tokens.
const INVITE_PURPOSE: &str = "invite";

fn invite_email(
    state: &AppState,
    token: &str,
    letter: InviteLetter<'_>,
) -> super::store::OutgoingEmail {
    mail::invite_email(
        &state.settings.public_url,
        letter.to,
        token,
        letter.workspace,
        letter.inviter,
        letter.role,
    )
}

/// Invites an address to the active workspace.
pub async fn invite(email: String, role: String) -> Result<PendingInvite, AppError> {
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
    let token = new_token();
    let digest = caller.state.digester.digest(INVITE_PURPOSE, &token);
    let state = &caller.state;
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
            |letter| invite_email(state, &token, letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(invite)
}

/// The active workspace's pending invites.
pub async fn list() -> Result<Vec<PendingInvite>, AppError> {
    let (caller, workspace) = super::team::team_viewer().await?;
    Ok(caller
        .state
        .store
        .pending_invites(workspace.id, caller.now())
        .await?)
}

/// Revokes a pending invite of the active workspace.
pub async fn revoke(invite_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    caller
        .state
        .store
        .revoke_invite(workspace.id, caller.user.id, invite_id, caller.now())
        .await
}

/// Re-issues a pending invite of the active workspace with a new link.
pub async fn reissue(invite_id: i64) -> Result<PendingInvite, AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    let token = new_token();
    let state = &caller.state;
    let digest = state.digester.digest(INVITE_PURPOSE, &token);
    let invite = state
        .store
        .reissue_invite(
            workspace.id,
            caller.user.id,
            invite_id,
            &digest,
            state.clock.now(),
            |letter| invite_email(state, &token, letter),
        )
        .await?;
    state.mail_queued.notify_one();
    Ok(invite)
}

/// The invite behind `token`, or `None` for a token that is not ours.
async fn link(state: &AppState, token: &str) -> Result<Option<(String, InviteLink)>, AppError> {
    let Some(digest) = state.digester.link_digest(INVITE_PURPOSE, token) else {
        return Ok(None);
    };
    Ok(state
        .store
        .invite_link(&digest, state.clock.now())
        .await?
        .map(|link| (digest, link)))
}

/// Describes an invite link without using it. Only a usable link tells which
/// workspace and role it offers.
pub async fn preview(token: String) -> Result<InvitePreview, AppError> {
    let state = app_state()?;
    let signed_in_as = caller().await?.map(|caller| caller.user.email);
    let Some((_, link)) = link(&state, &token).await? else {
        return Ok(InvitePreview {
            state: LinkState::Invalid,
            workspace: String::new(),
            role: None,
            email: String::new(),
            signed_in_as,
        });
    };
    let usable = link.state == LinkState::Valid;
    Ok(InvitePreview {
        state: link.state,
        workspace: if usable {
            link.workspace
        } else {
            String::new()
        },
        role: usable.then_some(link.role),
        email: if usable { link.email } else { String::new() },
        signed_in_as,
    })
}

/// The answer when the invite behind `token` was valid a moment ago but could not be
/// accepted (see [`lost_race`]).
async fn lost(state: &AppState, token: &str) -> AppError {
    match link(state, token).await {
        Ok(found) => lost_race(
            EmailedLink::Invite,
            found.map_or(LinkState::Invalid, |(_, link)| link.state),
        ),
        Err(error) => error,
    }
}

/// Accepts an invite as the signed-in user, whose verified address must be the
/// invited one; anyone else is refused and the invite stays pending.
pub async fn accept(token: String) -> Result<(), AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    let (digest, link) = link(state, &token).await?.ok_or(AppError::NotFound)?;
    let link_state = (link.state, link.email.as_str());
    check_link_use(
        state,
        EmailedLink::Invite,
        &digest,
        link_state,
        Some(&caller.user),
    )
    .await?;
    let user = &caller.user;
    let accepted = state
        .store
        .accept_invite(
            &digest,
            user.id,
            &user.email,
            &user.display_name,
            state.clock.now(),
        )
        .await?;
    let Some(accepted) = accepted else {
        return Err(lost(state, &token).await);
    };
    state
        .store
        .switch_workspace(&caller.session_digest, user.id, accepted.workspace_id)
        .await?;
    leptos_axum::redirect("/projects");
    Ok(())
}

/// Registers the invited address and accepts the invite; the person is signed in
/// and lands on the Projects page of the workspace they were invited to.
pub async fn register_and_accept(
    token: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    let name = check_profile(&display_name, &password).map_err(AppError::Invalid)?;
    let state = app_state()?;
    let (digest, link) = link(&state, &token).await?.ok_or(AppError::NotFound)?;
    let link_state = (link.state, link.email.as_str());
    check_link_use(&state, EmailedLink::Invite, &digest, link_state, None).await?;
    let password_hash = state.passwords.hash(password).await?;
    let now = state.clock.now();
    let registered = state
        .store
        .register_with_invite(&digest, &link, name.as_str(), &password_hash, now)
        .await?;
    let Some((user_id, accepted)) = registered else {
        return Err(lost(&state, &token).await);
    };
    begin_session(&state, user_id, Some(accepted.workspace_id), now).await?;
    leptos_axum::redirect("/projects");
    Ok(())
}
