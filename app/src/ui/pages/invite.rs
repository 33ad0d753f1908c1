//! The page an emailed invite link opens (see [`EmailedLinkPage`]): which workspace
//! and role the invite offers.

use crate::api::invites::{AcceptInvite, RegisterWithInvite, check_invite_link};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::InvitePreview;
use crate::ui::session::link_token;
use crate::ui::widgets::{EmailedLinkPage, LinkPageWords};
use leptos::prelude::*;

/// What the invite link in the URL offers, created by the route before the page
/// renders (see `ui/routes.rs`): the server renders the answer into the page.
pub fn invite_preview() -> Resource<Result<InvitePreview, AppError>> {
    Resource::new(link_token(), |(token, _)| check_invite_link(token))
}

/// Accept an invite: as the signed-in invitee, by signing in, or by registering.
#[component]
pub fn InvitePage(preview: Resource<Result<InvitePreview, AppError>>) -> impl IntoView {
    view! {
        <EmailedLinkPage<InvitePreview, AcceptInvite, RegisterWithInvite> words=LinkPageWords::INVITE preview offer/>
    }
}

/// "You are invited to join Acme as a developer."
fn offer(preview: &InvitePreview) -> AnyView {
    let role = preview.role.map(Role::with_article).unwrap_or_default();
    view! { "You are invited to join " <bdi>{preview.workspace.clone()}</bdi> {format!(" as {role}.")} }.into_any()
}
