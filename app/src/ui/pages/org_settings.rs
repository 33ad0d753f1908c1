//! The Org settings page: members, invites, activity and, for owners and billing
//! members, billing of the active workspace.

mod billing;
mod invites;
mod members;
mod workspace;

use crate::api::auth::CurrentUser;
use crate::api::team::{
    ActivityEntry, InviteMember, MemberPage, MemberSort, PendingInvite, ReissueInvite,
    RevokeInvite, Workspaces, list_activity, list_invites, list_members,
};
use crate::core::role::Role;
use crate::error::AppError;
use crate::ui::session::use_session;
use crate::ui::widgets::{ActivityFeed, AfterHydration, SignedIn};
use leptos::prelude::*;
use leptos_meta::Title;

use billing::BillingSection;
use invites::InvitesSection;
use members::MembersSection;
use workspace::WorkspaceSection;

/// What the member list asks for: search text, sort column and direction, page.
#[derive(Clone, Copy)]
pub(super) struct MemberQuery {
    search: RwSignal<String>,
    sort: RwSignal<MemberSort>,
    descending: RwSignal<bool>,
    page: RwSignal<i64>,
}

/// The page's data and the actions that change it, created once in the browser, outside
/// any `Suspense`; the sections only read it.
#[derive(Clone, Copy)]
pub(super) struct TeamData {
    changed: RwSignal<u32>,
    query: MemberQuery,
    members: Resource<Result<MemberPage, AppError>>,
    invites: Resource<Result<Vec<PendingInvite>, AppError>>,
    activity: Resource<Result<Vec<ActivityEntry>, AppError>>,
    invite: ServerAction<InviteMember>,
    revoke: ServerAction<RevokeInvite>,
    reissue: ServerAction<ReissueInvite>,
}

impl TeamData {
    fn new() -> Self {
        let changed = RwSignal::new(0_u32);
        let query = MemberQuery {
            search: RwSignal::new(String::new()),
            sort: RwSignal::new(MemberSort::Name),
            descending: RwSignal::new(false),
            page: RwSignal::new(0),
        };
        let (invite, revoke, reissue) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let members = Resource::new(
            move || {
                (
                    query.search.get(),
                    query.sort.get(),
                    query.descending.get(),
                    query.page.get(),
                    changed.get(),
                )
            },
            |(search, sort, descending, page, _)| list_members(search, sort, descending, page),
        );
        let invites = Resource::new(
            move || {
                (
                    invite.version().get(),
                    revoke.version().get(),
                    reissue.version().get(),
                    changed.get(),
                )
            },
            |_| list_invites(),
        );
        let activity = Resource::new(
            move || {
                (
                    invite.version().get(),
                    revoke.version().get(),
                    reissue.version().get(),
                    changed.get(),
                )
            },
            |_| list_activity(0),
        );
        Self {
            changed,
            query,
            members,
            invites,
            activity,
            invite,
            revoke,
            reissue,
        }
    }

    /// Tells every section that the team changed.
    fn bump(self) {
        self.changed.update(|n| *n += 1);
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

/// The team sections. They mount in the browser once the page has hydrated: they are
/// several independent async sections that re-render as the list is searched and
/// sorted, and drawing them in the browser keeps hydration to the static frame.
#[component]
fn Team(user: CurrentUser) -> impl IntoView {
    let me = user.id;
    view! {
        <h1>"Org settings"</h1>
        <AfterHydration fallback="Loading the team…">
            <TeamSections me/>
        </AfterHydration>
    }
}

/// The sections and their data, created here so that the server, which draws only
/// the placeholder, never runs the queries.
#[component]
fn TeamSections(me: i64) -> impl IntoView {
    let workspaces = use_session().workspaces;
    let data = TeamData::new();
    provide_context(data);
    let activity = data.activity;
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the team…"</p> }>
            {move || Suspend::new(async move {
                match workspaces.await {
                    Ok(Workspaces { active, .. }) => {
                        view! {
                            <Title text=format!("Org settings · {}", active.name)/>
                            <p class="subtitle">
                                <bdi>{active.name.clone()}</bdi> " · you are " {active.role.label().to_lowercase()}
                            </p>
                            <MembersSection me my_role=active.role/>
                            <InvitesSection my_role=active.role/>
                            <ActivityFeed entries=activity heading_id="activity-heading"/>
                            <WorkspaceSection my_role=active.role/>
                            {matches!(active.role, Role::Owner | Role::Billing).then(|| view! { <BillingSection/> })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
