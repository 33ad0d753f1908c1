//! The top bar: the product's sections and the user menu.

use crate::api::auth::CurrentUser;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The header with the main navigation, and either the user menu or the way in.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="top-bar">
            <a class="brand" href="/">"Packagento"</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(user)) => view! { <SignedInNav user/> }.into_any(),
                        _ => view! { <SignedOutNav/> }.into_any(),
                    }
                })}
            </Suspense>
        </header>
    }
}

#[component]
fn SignedInNav(user: CurrentUser) -> impl IntoView {
    let sign_out = use_session().sign_out;
    view! {
        <nav aria-label="Main">
            <ul>
                <li><A href="/projects">"Projects"</A></li>
                <li><A href="/org">"Org settings"</A></li>
            </ul>
        </nav>
        <details class="user-menu">
            <summary>
                <span class="visually-hidden">"Account menu for "</span>
                {user.display_name}
            </summary>
            <div class="menu">
                <p class="menu-email">{user.email}</p>
                <A href="/account">"Your account"</A>
                <ActionForm action=sign_out>
                    <button type="submit">"Sign out"</button>
                </ActionForm>
            </div>
        </details>
    }
}

#[component]
fn SignedOutNav() -> impl IntoView {
    view! {
        <nav aria-label="Main">
            <ul>
                <li><A href="/sign-in">"Sign in"</A></li>
                <li><A href="/register">"Create account"</A></li>
            </ul>
        </nav>
    }
}
