//! The Projects page.

use crate::ui::widgets::SignedIn;
use leptos::prelude::*;
use leptos_meta::Title;

/// The workspace's projects and, apart from them, those shared with the user.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <Title text="Projects"/>
        <SignedIn
            title="Projects"
            page=|user: crate::api::auth::CurrentUser| {
                view! {
                    <h1>"Projects"</h1>
                    <p class="empty">
                        "Welcome, " {user.display_name} ". You have no projects yet."
                    </p>
                    <h2>"Shared with me"</h2>
                    <p class="empty">"Nobody has shared a project with you yet."</p>
                }
            }
        />
    }
}
