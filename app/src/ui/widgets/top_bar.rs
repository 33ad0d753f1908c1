//! The top bar: the product's sections and the user menu.

use crate::api::auth::CurrentUser;
use crate::api::team::{SwitchWorkspace, Workspaces};
use crate::ui::session::use_session;
use leptos::html::Details;
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
    view! {
        <nav aria-label="Main">
            <ul>
                <li>
                    <A href="/projects">"Projects"</A>
                </li>
                <li>
                    <A href="/org">"Org settings"</A>
                </li>
            </ul>
        </nav>
        <WorkspaceSwitcher/>
        <UserMenu user/>
    }
}

/// Flips the active workspace; every page and server function follows it.
#[component]
fn WorkspaceSwitcher() -> impl IntoView {
    let workspaces = use_session().workspaces;
    let switch = ServerAction::<SwitchWorkspace>::new();
    // Everything on the page belongs to the old workspace: load it all again.
    Effect::new(move || {
        if let Some(Ok(())) = switch.value().get() {
            let _ = window().location().reload();
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Workspaces { active, all }) = workspaces.await else {
                    return None;
                };
                Some(if all.len() < 2 {
                    view! { <p class="workspace-name">{active.name}</p> }.into_any()
                } else {
                    view! {
                        <ActionForm action=switch attr:class="switcher">
                            <label for="workspace-switcher">"Workspace"</label>
                            <select id="workspace-switcher" name="workspace_id">
                                {all
                                    .into_iter()
                                    .map(|workspace| {
                                        view! {
                                            <option value=workspace.id.to_string() selected=workspace.id == active.id>
                                                {workspace.name}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit" class="secondary">"Switch"</button>
                        </ActionForm>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// The account menu. Following one of its links closes it.
#[component]
fn UserMenu(user: CurrentUser) -> impl IntoView {
    let sign_out = use_session().sign_out;
    let menu = NodeRef::<Details>::new();
    let close = move |_| {
        if let Some(menu) = menu.get() {
            menu.set_open(false);
        }
    };
    view! {
        <details class="user-menu" node_ref=menu>
            <summary>
                <span class="visually-hidden">"Account menu for "</span>
                {user.display_name}
            </summary>
            <div class="menu">
                <p class="menu-email">{user.email}</p>
                <A href="/account" on:click=close>"Your account"</A>
                <A href="/activity" on:click=close>"Your activity"</A>
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
