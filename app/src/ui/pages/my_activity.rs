//! The user's own activity: projects shared with them, as they saw it happen.

use crate::api::shares::my_activity;
use crate::ui::widgets::{ActivityFeed, AfterHydration, SignedIn};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shares with the user: sent, resent, accepted, revoked, left.
#[component]
pub fn MyActivityPage() -> impl IntoView {
    let entries = Resource::new(|| (), |()| my_activity());
    view! {
        <Title text="Your activity"/>
        <SignedIn
            title="Your activity"
            page=move |_| view! {
                <h1>"Your activity"</h1>
                <p class="subtitle">"Projects shared with you, and what happened to those shares."</p>
                <AfterHydration fallback="Loading your activity…">
                    <ActivityFeed entries heading_id="my-activity-heading"/>
                </AfterHydration>
            }
        />
    }
}
