//! The user's own activity: projects shared with them, as they saw it happen.

use crate::api::shared_with_me::my_activity;
use crate::error::AppError;
use crate::model::team::ActivityEntry;
use crate::ui::widgets::{ActivityFeed, PageTitle, SignedIn};
use leptos::prelude::*;

/// The user's own feed, created by the route before the page renders (see
/// `ui/routes.rs`).
pub fn my_feed() -> Resource<Result<Vec<ActivityEntry>, AppError>> {
    Resource::new(|| (), |()| my_activity())
}

/// Shares with the user: sent, resent, accepted, revoked, left.
#[component]
pub fn MyActivityPage(entries: Resource<Result<Vec<ActivityEntry>, AppError>>) -> impl IntoView {
    view! {
        <PageTitle text="Your activity"/>
        <SignedIn
            title="Your activity"
            page=move |_| view! {
                <h1>"Your activity"</h1>
                <p class="subtitle">"Projects shared with you, and what happened to those shares."</p>
                <ActivityFeed entries heading_id="my-activity-heading"/>
            }
        />
    }
}
