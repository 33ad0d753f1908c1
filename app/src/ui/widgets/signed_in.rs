//! Pages that need an account.

use crate::model::auth::CurrentUser;
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `page` with the signed-in user, or an invitation to sign in. The
/// server functions check the session again: this only decides what to show.
#[component]
pub fn SignedIn<F, V>(
    /// The page's heading, shown also to signed-out visitors.
    title: &'static str,
    /// Renders the page content for the signed-in user.
    page: F,
) -> impl IntoView
where
    F: Fn(CurrentUser) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let page = Arc::new(page);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(user)) => page(user).into_any(),
                        Ok(None) => {
                            view! {
                                <h1>{title}</h1>
                                <p>
                                    "You are signed out. " <a href="/sign-in">"Sign in"</a>
                                    " to see this page."
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <h1>{title}</h1>
                                <p role="alert">{error.to_string()}</p>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
