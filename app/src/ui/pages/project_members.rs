//! A project's Members screen: everyone in the workspace with the access their role
//! gives ("Organization access", read-only here), the access given on this project
//! ("Project access", set inline) and the higher of the two.

use crate::api::project_members::{SetProjectAccess, list_project_members};
use crate::core::access::{GrantRole, access_reason};
use crate::core::dates::format_date;
use crate::core::paging::member_count;
use crate::error::AppError;
use crate::model::project_members::{
    GrantOrigin, ProjectMemberPage, ProjectMemberRow, ProjectMemberSort,
};
use crate::ui::widgets::{
    Announcer, CollaboratorList, Collaborators, Day, InlineSaves, InlineSelect, PageTitle, Pager,
    SearchBox, ShareDialog, ShareLink, SignedIn, SortHeader, Table, use_list_state,
    use_share_param,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The page's lists and the actions that change them, created by the route before
/// the page renders (see `ui/routes.rs`). Both lists follow the URL: the search `q`
/// filters both; the members sort and page with `sort`, `dir` and `page`, the people
/// outside the workspace with `shares_sort`, `shares_dir` and `shares_page`.
#[derive(Clone, Copy)]
pub struct MembersData {
    collaborators: Collaborators,
    project_id: Memo<Option<i64>>,
    members: Resource<Result<ProjectMemberPage, AppError>>,
}

impl MembersData {
    /// Creates the page's resources and actions.
    pub fn load() -> Self {
        let params = use_params_map();
        let project_id = Memo::new(move |_| {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        });
        let list = use_list_state::<ProjectMemberSort>("");
        let members = Resource::new(
            move || (project_id.get(), list.get()),
            |(id, list)| async move {
                let id = id.ok_or(AppError::NotFound)?;
                list_project_members(id, list.search, list.sort, list.descending, list.page).await
            },
        );
        let collaborators = Collaborators::load(project_id);
        Self {
            collaborators,
            project_id,
            members,
        }
    }
}

/// The Members screen of one project, for members of its workspace, rendered on the
/// server with its lists.
#[component]
pub fn ProjectMembersPage(data: MembersData) -> impl IntoView {
    provide_context(data);
    view! {
        <PageTitle text="Members"/>
        <SignedIn title="Members" page=|_| view! { <MembersScreen/> }/>
    }
}

#[component]
fn MembersScreen() -> impl IntoView {
    let data = expect_context::<MembersData>();
    let announcer = Announcer::new();
    provide_context(announcer);
    let project_href = move || {
        data.project_id
            .get()
            .map(|id| format!("/projects/{id}"))
            .unwrap_or_default()
    };
    view! {
            <Transition fallback=|| view! { <p class="loading">"Loading the members…"</p> }>
                {move || Suspend::new(async move {
                    match data.members.await {
                        Ok(result) => view! {
                            <PageTitle text=format!("Members · {}", result.project)/>
                            <nav aria-label="Breadcrumb" class="breadcrumb">
                                <a href="/projects">"Projects"</a> " / "
                                <a href=project_href><bdi>{result.project.clone()}</bdi></a> " / "
                                <span aria-current="page">"Members"</span>
                            </nav>
                            <h1>"Members of " <bdi>{result.project.clone()}</bdi></h1>
                            <MemberTable result=result.clone()/>
                            <Recipients project=result.project can_manage=result.can_manage/>
                        }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <h1>"Project not found"</h1>
                            <p>"This project does not exist, or you have no access to it. "
                                <a href="/projects">"Back to Projects"</a></p>
                        }.into_any(),
                        Err(error) => view! { <h1>"Members"</h1><p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            {announcer.regions()}
    }
}

#[component]
fn MemberTable(result: ProjectMemberPage) -> impl IntoView {
    let count = member_count(result.total, result.page, result.rows.len());
    let total = result.total;
    let can_manage = result.can_manage;
    let saves = InlineSaves::<SetProjectAccess>::new();
    view! {
        <section class="card" aria-labelledby="project-members-heading">
            <h2 id="project-members-heading">"Workspace members"</h2>
            <p class="hint">
                "Organization access comes from each person's workspace role and is changed in Org settings. "
                "Project access adds to it on this project only; the higher of the two applies."
            </p>
            <SearchBox label="Search members" id="project-member-search" described_by="project-member-count"/>
            <p id="project-member-count" role="status">{count}</p>
            <Table class="members" head=view! {
                <SortHeader label="Name" column=ProjectMemberSort::Name/>
                <SortHeader label="Email" column=ProjectMemberSort::Email class="fold"/>
                <th scope="col" class="fold">"Organization access"</th>
                <th scope="col">"Project access"</th>
                <SortHeader label="Effective access" column=ProjectMemberSort::Access/>
                <SortHeader label="Added" column=ProjectMemberSort::Added class="fold"/>
            }.into_any()>
                {result.rows.into_iter().map(|row| view! { <MemberLine row can_manage saves/> }).collect_view()}
            </Table>
            <Pager label="Member pages" page=result.page total/>
        </section>
    }
}

#[component]
fn MemberLine(
    row: ProjectMemberRow,
    can_manage: bool,
    saves: InlineSaves<SetProjectAccess>,
) -> impl IntoView {
    // The row as last saved: a change of project access answers the new one.
    let current = RwSignal::new(row.clone());
    // "Why this access?", from the function that decides it.
    let why = move || {
        current.with(|row| {
            let origin = row.granted.as_ref().map(|GrantOrigin { by, at }| match by {
                Some(by) => format!("by {by} on {}", format_date(*at)),
                None => format!("on {}", format_date(*at)),
            });
            access_reason(Some(row.workspace_role), row.grant)
                .map(|reason| reason.sentence(origin.as_deref()))
                .unwrap_or_default()
        })
    };
    // Nothing can be set for owners and admins: the policy gives them full access.
    let locked = row.settable.is_empty();
    let access_cell = if locked {
        view! {
            <span class="locked">{format!("Full access as {}", row.workspace_role.label().to_lowercase())}</span>
        }
        .into_any()
    } else if can_manage {
        view! { <AccessSelect row=row.clone() current saves/> }.into_any()
    } else {
        view! { <span>{row.grant.map_or("—", |grant| grant.access().label())}</span> }.into_any()
    };
    let organization = format!(
        "{} ({})",
        row.organization_access.label(),
        row.workspace_role.label().to_lowercase()
    );
    view! {
        <tr>
            <td>
                <bdi>{row.display_name.clone()}</bdi>
                <span class="folded"><bdi>{row.email.clone()}</bdi> " · " {organization.clone()}</span>
            </td>
            <td class="email fold"><bdi>{row.email.clone()}</bdi></td>
            <td class="fold">{organization}</td>
            <td>{access_cell}</td>
            <td>
                <details class="why">
                    <summary>{move || current.with(|row| row.effective.label())} <span class="hint">"Why?"</span></summary>
                    <p>{why}</p>
                </details>
            </td>
            <td class="fold"><Day at=row.added_at/></td>
        </tr>
    }
}

/// The project-access dropdown of one member, saved at once; rolls back with the
/// reason when the server refuses.
#[component]
fn AccessSelect(
    row: ProjectMemberRow,
    current: RwSignal<ProjectMemberRow>,
    saves: InlineSaves<SetProjectAccess>,
) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let user_id = row.user_id;
    let project_id = move || data.project_id.get().unwrap_or_default();
    let name = row.display_name.clone();
    let options = std::iter::once(("", "None"))
        .chain(
            row.settable
                .iter()
                .map(|role| (role.as_str(), role.access().label())),
        )
        .map(|(value, words)| (value.to_owned(), words.to_owned()))
        .collect();
    view! {
        <InlineSelect
            saves
            id=format!("project-access-{user_id}")
            label=format!("Project access of {name}")
            save_label=format!("Save project access for {name}")
            value=row.grant.map_or("", GrantRole::as_str).to_owned()
            choose=move |role| {
                data.project_id.get_untracked().map(|project_id| SetProjectAccess { project_id, user_id, role })
            }
            saved=move |member: ProjectMemberRow| {
                let sentence = format!(
                    "{} now has {} access to this project.",
                    member.display_name,
                    member.effective.label().to_lowercase()
                );
                let saved = member.grant.map_or("", GrantRole::as_str).to_owned();
                current.set(member);
                (saved, sentence)
            }
            options
        >
            <input type="hidden" name="project_id" value=project_id/>
            <input type="hidden" name="user_id" value=user_id/>
        </InlineSelect>
    }
}

/// People outside the workspace with a share, as the share dialog lists them; the
/// page's search filters them too.
#[component]
fn Recipients(project: String, can_manage: bool) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let announcer = expect_context::<Announcer>();
    let project_id = data.project_id.get_untracked().unwrap_or_default();
    let open_for = use_share_param();
    view! {
        <section class="card" aria-labelledby="recipients-heading">
            <h2 id="recipients-heading">"People outside the workspace"</h2>
            {can_manage.then(|| view! { <ShareLink project=project_id text="Share project"/> })}
            <CollaboratorList data=data.collaborators can_manage announcer in_dialog=false/>
            {move || (can_manage && open_for.get() == Some(project_id)).then(|| {
                view! { <ShareDialog project=(project_id, project.clone()) collaborators=data.collaborators with_list=false/> }
            })}
        </section>
    }
}
