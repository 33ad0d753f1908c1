//! The Org settings page.

use crate::ui::widgets::SignedIn;
use leptos::prelude::*;
use leptos_meta::Title;

/// Where owners run their workspace's team.
#[component]
pub fn OrgSettingsPage() -> impl IntoView {
    view! {
        <Title text="Org settings"/>
        <SignedIn
            title="Org settings"
            page=|_user: crate::api::auth::CurrentUser| {
                view! {
                    <h1>"Org settings"</h1>
                    <p class="empty">"You are not a member of any workspace yet."</p>
                }
            }
        />
    }
}
