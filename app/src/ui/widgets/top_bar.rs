//! The top bar: the product's sections and the user menu.

use crate::api::team::SwitchWorkspace;
use crate::model::auth::CurrentUser;
use crate::model::team::Workspaces;
use crate::ui::session::use_session;
use leptos::html::Details;
use leptos::prelude::*;
use leptos_router::components::A;

/// The header with the main navigation, and either the user menu or the way in. One
/// `Suspense` reads both session resources: a second one inside it would be created
/// only once the first resolved, at a moment that differs between the server and the
/// browser, and with it the ids that match the page's data to what the server sent.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="top-bar">
            <a class="brand" href="/">"Packagento"</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match (session.user.await, session.workspaces.await) {
                        (Ok(Some(user)), workspaces) => {
                            view! { <SignedInNav user workspaces=workspaces.ok()/> }.into_any()
                        }
                        _ => view! { <SignedOutNav/> }.into_any(),
                    }
                })}
            </Suspense>
        </header>
    }
}

#[component]
fn SignedInNav(user: CurrentUser, workspaces: Option<Workspaces>) -> impl IntoView {
    view! {
        <nav aria-label="Main">
            <ul>
                <li>
                    <A href="/projects">"Projects"</A>
                </li>
                <li>
                    <A href="/catalogue">"Catalogue"</A>
                </li>
                <li>
                    <A href="/org">"Org settings"</A>
                </li>
            </ul>
        </nav>
        {workspaces.map(|workspaces| view! { <WorkspaceSwitcher workspaces/> })}
        <UserMenu user/>
    }
}

/// Flips the active workspace; every page and server function follows it.
#[component]
fn WorkspaceSwitcher(workspaces: Workspaces) -> impl IntoView {
    let switch = ServerAction::<SwitchWorkspace>::new();
    // Everything on the page belongs to the old workspace: load it all again.
    Effect::new(move || {
        if let Some(Ok(())) = switch.value().get() {
            let _ = window().location().reload();
        }
    });
    let Workspaces { active, all, .. } = workspaces;
    if all.len() < 2 {
        return view! { <p class="workspace-name"><bdi>{active.name}</bdi></p> }.into_any();
    }
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
