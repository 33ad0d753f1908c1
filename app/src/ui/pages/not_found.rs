//! The page for addresses that lead nowhere.

use crate::ui::widgets::PageTitle;
use leptos::prelude::*;

/// Answers unknown paths (with status 404 on the server).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(404);
    view! {
        <PageTitle text="Page not found"/>
        <section class="card narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/">"Go to the front page"</a></p>
        </section>
    }
}
