//! The Org settings page: members, invites, activity and, for owners and billing
//! members, billing of the active workspace.

mod access_review;
mod billing;
mod invites;
mod members;
mod workspace;

use crate::api::invites::{InviteMember, ReissueInvite, RevokeInvite, list_invites};
use crate::api::team::{list_activity, list_members};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::team::{
    ActivityEntry, MemberPage, MemberSort, PendingInvite, WorkspaceRights, Workspaces,
};
use crate::ui::session::use_session;
use crate::ui::widgets::{ActivityFeed, PageTitle, SignedIn, use_list_state};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use access_review::AccessReviewSection;
pub use billing::BillingData;
use billing::BillingSection;
use invites::InvitesSection;
use members::MembersSection;
use workspace::WorkspaceSection;

/// The page's data and the actions that change it, created by the route before the
/// page renders (see `ui/routes.rs`); the sections only read it. The member list and
/// the activity feed follow the URL (`?q=&sort=&dir=&page=`, `activity_page=`).
#[derive(Clone, Copy)]
pub struct TeamData {
    changed: RwSignal<u32>,
    members: Resource<Result<MemberPage, AppError>>,
    invites: Resource<Result<Vec<PendingInvite>, AppError>>,
    activity: Resource<Result<Vec<ActivityEntry>, AppError>>,
    billing: BillingData,
    invite: ServerAction<InviteMember>,
    revoke: ServerAction<RevokeInvite>,
    reissue: ServerAction<ReissueInvite>,
}

impl TeamData {
    /// Creates the page's resources and actions.
    pub fn load() -> Self {
        let changed = RwSignal::new(0_u32);
        let list = use_list_state::<MemberSort>("");
        let query = use_query_map();
        let activity_page = Memo::new(move |_| {
            query
                .read()
                .get_str("activity_page")
                .and_then(|page| page.parse::<i64>().ok())
                .map_or(0, |page| page.saturating_sub(1))
        });
        let (invite, revoke, reissue) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let members = Resource::new(
            move || (list.get(), changed.get()),
            |(list, _)| list_members(list.search, list.sort, list.descending, list.page),
        );
        let sent = move || {
            (
                invite.version().get(),
                revoke.version().get(),
                reissue.version().get(),
                changed.get(),
            )
        };
        let invites = Resource::new(sent, |_| list_invites());
        let activity = Resource::new(
            move || (sent(), activity_page.get()),
            |(_, page)| list_activity(page),
        );
        Self {
            changed,
            members,
            invites,
            activity,
            billing: BillingData::load(),
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

/// Where owners run their workspace's team: members, invites, activity, the
/// workspace's name and billing, rendered on the server with their data.
#[component]
pub fn OrgSettingsPage(data: TeamData) -> impl IntoView {
    provide_context(data);
    view! {
        <PageTitle text="Org settings"/>
        <SignedIn title="Org settings" page=|user: CurrentUser| view! { <Team me=user.id/> }/>
    }
}

#[component]
fn Team(me: i64) -> impl IntoView {
    let workspaces = use_session().workspaces;
    let data = expect_context::<TeamData>();
    view! {
        <h1>"Org settings"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading the team…"</p> }>
            {move || Suspend::new(async move {
                match workspaces.await {
                    Ok(Workspaces { active, can, .. }) => {
                        view! {
                            <PageTitle text=format!("Org settings · {}", active.name)/>
                            <p class="subtitle">
                                <bdi>{active.name.clone()}</bdi> {format!(" · you are {}", active.role.with_article())}
                            </p>
                            <SectionLinks can=can.clone()/>
                            <MembersSection me offer=can.offer.clone()/>
                            <InvitesSection can_invite=can.invite offer=can.offer.clone()/>
                            <ActivityFeed entries=data.activity heading_id="activity-heading" page_param="activity_page"/>
                            {can.view_billing.then(|| view! { <BillingSection/> })}
                            <AccessReviewSection can_review=can.review_access/>
                            <WorkspaceSection can name=active.name.clone() max_key_days=active.max_key_days/>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Links to the page's sections the person sees, so a long page can be jumped through:
/// Members, Invites, Activity, and Billing and Workspace where their role shows them.
#[component]
fn SectionLinks(can: WorkspaceRights) -> impl IntoView {
    let sections = [
        Some(("Members", "#members-heading")),
        Some(("Invites", "#invites")),
        Some(("Activity", "#activity-heading")),
        can.view_billing.then_some(("Billing", "#billing-heading")),
        can.review_access
            .then_some(("Access review", "#access-review-heading")),
        can.rename.then_some(("Workspace", "#workspace-heading")),
    ];
    view! {
        <nav class="section-links" aria-label="Sections of this page">
            <ul>
                {sections
                    .into_iter()
                    .flatten()
                    .map(|(text, href)| view! { <li><a href=href>{text}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}
