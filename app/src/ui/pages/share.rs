//! The page an emailed share link opens (see [`EmailedLinkPage`]): which project,
//! workspace and role the share offers.

use crate::api::shared_with_me::{AcceptShare, RegisterWithShare, check_share_link};
use crate::error::AppError;
use crate::model::shares::SharePreview;
use crate::ui::session::link_token;
use crate::ui::widgets::{EmailedLinkPage, LinkPageWords};
use leptos::prelude::*;

/// What the share link in the URL offers, created by the route before the page
/// renders (see `ui/routes.rs`): the server renders the answer into the page.
pub fn share_preview() -> Resource<Result<SharePreview, AppError>> {
    Resource::new(link_token(), |(token, _)| check_share_link(token))
}

/// Accept a share: as the signed-in recipient, or after signing in or registering.
#[component]
pub fn SharePage(preview: Resource<Result<SharePreview, AppError>>) -> impl IntoView {
    view! {
        <EmailedLinkPage<SharePreview, AcceptShare, RegisterWithShare> words=LinkPageWords::SHARE preview offer/>
    }
}

/// "Acme shared the project Storefront with you as developer."
fn offer(preview: &SharePreview) -> AnyView {
    let role = preview
        .role
        .map(|role| role.access().label().to_lowercase())
        .unwrap_or_default();
    view! {
        <bdi>{preview.workspace.clone()}</bdi> " shared the project " <bdi>{preview.project.clone()}</bdi>
        {format!(" with you as {role}.")}
    }
    .into_any()
}
