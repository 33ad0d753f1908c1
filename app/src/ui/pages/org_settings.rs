//! The Org settings page: members, invites and activity of the active workspace.

mod activity;
mod invites;
mod members;

use crate::api::auth::CurrentUser;
use crate::api::team::{Workspaces, get_workspaces};
use crate::ui::widgets::SignedIn;
use leptos::prelude::*;
use leptos_meta::Title;

use activity::ActivitySection;
use invites::InvitesSection;
use members::MembersSection;

/// Bumped by every change to the team, so the sections reload what they show.
#[derive(Clone, Copy)]
pub(super) struct TeamChanged(pub RwSignal<u32>);

impl TeamChanged {
    fn bump(self) {
        self.0.update(|n| *n += 1);
    }
}

/// Where owners run their workspace's team.
#[component]
pub fn OrgSettingsPage() -> impl IntoView {
    view! {
        <Title text="Org settings"/>
        <SignedIn title="Org settings" page=|user: CurrentUser| view! { <Team user/> }/>
    }
}

#[component]
fn Team(user: CurrentUser) -> impl IntoView {
    let workspaces = Resource::new(|| (), |_| get_workspaces());
    let changed = TeamChanged(RwSignal::new(0));
    provide_context(changed);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let user = user.clone();
                Suspend::new(async move {
                    match workspaces.await {
                        Ok(Workspaces { active, .. }) => {
                            view! {
                                <Title text=format!("Org settings · {}", active.name)/>
                                <h1>"Org settings"</h1>
                                <p class="subtitle">
                                    {active.name.clone()} " · you are " {active.role.label().to_lowercase()}
                                </p>
                                <MembersSection me=user.id my_role=active.role/>
                                <InvitesSection my_role=active.role/>
                                <ActivitySection/>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
