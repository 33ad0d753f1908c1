//! A project's Members screen: everyone in the workspace with the access their role
//! gives ("Organization access", read-only here), the access given on this project
//! ("Project access", set inline) and the higher of the two.

use crate::api::project_members::{
    ProjectMemberPage, ProjectMemberRow, ProjectMemberSort, SetProjectAccess, list_project_members,
};
use crate::api::shares::{
    ChangeShareRole, EndShare, ShareProject, ShareRow, ShareSort, ShareStatus, list_shares,
};
use crate::core::access::GrantRole;
use crate::core::paging::ROWS_PER_PAGE;
use crate::core::role::Role;
use crate::error::AppError;
use crate::ui::widgets::{
    Announcer, Confirm, Pager, SearchBox, ShareDialog, ShareLink, SignedIn, SortHeader,
    use_list_state, use_share_param,
};
use leptos::html::Select;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page's lists and the actions that change them, created by the route before
/// the page renders (see `ui/routes.rs`). Both lists follow the URL: the search `q`
/// filters both; the members sort and page with `sort`, `dir` and `page`, the people
/// outside the workspace with `shares_sort`, `shares_dir` and `shares_page`.
#[derive(Clone, Copy)]
pub struct MembersData {
    shares: Resource<Result<crate::api::shares::SharePage, AppError>>,
    share: ServerAction<ShareProject>,
    end: ServerAction<EndShare>,
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
        let (share, end) = (ServerAction::new(), ServerAction::new());
        let shares_list = use_list_state::<ShareSort>("shares_");
        let shares = Resource::new(
            move || {
                (
                    project_id.get(),
                    shares_list.get(),
                    (share.version().get(), end.version().get()),
                )
            },
            |(id, list, _)| async move {
                let id = id.ok_or(AppError::NotFound)?;
                list_shares(id, list.search, list.sort, list.descending, list.page).await
            },
        );
        Self {
            shares,
            share,
            end,
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
        <Title text="Members"/>
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
                            <Title text=format!("Members · {}", result.project)/>
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
    let total = result.total;
    let first = result.page * ROWS_PER_PAGE;
    let shown = i64::try_from(result.rows.len()).unwrap_or(0);
    let can_manage = result.can_manage;
    view! {
        <section class="card" aria-labelledby="project-members-heading">
            <h2 id="project-members-heading">"Workspace members"</h2>
            <p class="hint">
                "Organization access comes from each person's workspace role and is changed in Org settings. "
                "Project access adds to it on this project only; the higher of the two applies."
            </p>
            <SearchBox label="Search members" id="project-member-search" described_by="project-member-count"/>
            <p id="project-member-count" role="status">
                {match total {
                    0 => "No members match.".to_owned(),
                    1 => "1 member".to_owned(),
                    n => format!("{n} members"),
                }}
                {(total > shown).then(|| format!(", showing {}–{}", first + 1, first + shown))}
            </p>
            <div class="table-scroll">
                <table class="members">
                    <thead>
                        <tr>
                            <SortHeader label="Name" column=ProjectMemberSort::Name/>
                            <SortHeader label="Email" column=ProjectMemberSort::Email/>
                            <th scope="col">"Organization access"</th>
                            <th scope="col">"Project access"</th>
                            <SortHeader label="Effective access" column=ProjectMemberSort::Access/>
                            <SortHeader label="Added" column=ProjectMemberSort::Added/>
                        </tr>
                    </thead>
                    <tbody>
                        {result.rows.into_iter().map(|row| view! { <MemberLine row can_manage/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pager label="Member pages" page=result.page total/>
        </section>
    }
}

#[component]
fn MemberLine(row: ProjectMemberRow, can_manage: bool) -> impl IntoView {
    let effective = RwSignal::new(row.effective);
    let locked = matches!(row.workspace_role, Role::Owner | Role::Admin);
    let access_cell = if locked {
        view! {
            <span class="locked">{format!("Full access as {}", row.workspace_role.label().to_lowercase())}</span>
        }
        .into_any()
    } else if can_manage {
        view! { <AccessSelect row=row.clone() effective/> }.into_any()
    } else {
        view! { <span>{row.grant.map_or("—", |grant| grant.access().label())}</span> }.into_any()
    };
    view! {
        <tr>
            <td><bdi>{row.display_name.clone()}</bdi></td>
            <td class="email"><bdi>{row.email.clone()}</bdi></td>
            <td>{format!("{} ({})", row.organization_access.label(), row.workspace_role.label().to_lowercase())}</td>
            <td>{access_cell}</td>
            <td>{move || effective.get().label()}</td>
            <td>{crate::core::dates::format_date(row.added_at)}</td>
        </tr>
    }
}

/// The project-access dropdown of one member, saved at once; rolls back with the
/// reason when the server refuses.
#[component]
fn AccessSelect(
    row: ProjectMemberRow,
    effective: RwSignal<crate::core::access::ProjectAccess>,
) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let announcer = expect_context::<Announcer>();
    let change = ServerAction::<SetProjectAccess>::new();
    let saved = RwSignal::new(row.grant);
    let select = NodeRef::<Select>::new();
    Effect::new(move || match change.value().get() {
        Some(Ok(member)) => {
            saved.set(member.grant);
            effective.set(member.effective);
            announcer.polite(format!(
                "{} now has {} access to this project.",
                member.display_name,
                member.effective.label().to_lowercase()
            ));
        }
        Some(Err(error)) => {
            if let Some(select) = select.get() {
                select.set_value(saved.get_untracked().map_or("", GrantRole::as_str));
            }
            announcer.assertive(error.to_string());
        }
        None => {}
    });
    let id = format!("project-access-{}", row.user_id);
    let user_id = row.user_id;
    let project_id = move || data.project_id.get().unwrap_or_default();
    let name = row.display_name.clone();
    view! {
        <ActionForm action=change attr:class="row-form">
        <input type="hidden" name="project_id" value=project_id/>
        <input type="hidden" name="user_id" value=user_id/>
        <label class="visually-hidden" for=id.clone()>{format!("Project access of {name}")}</label>
        <select
            id=id
            name="role"
            node_ref=select
            disabled=move || change.pending().get()
            on:change=move |ev| {
                if let Some(project_id) = data.project_id.get_untracked() {
                    change.dispatch(SetProjectAccess { project_id, user_id, role: event_target_value(&ev) });
                }
            }
        >
            <option value="" selected=row.grant.is_none()>"None"</option>
            {row.settable
                .iter()
                .map(|role| view! { <option value=role.as_str() selected=row.grant == Some(*role)>{role.access().label()}</option> })
                .collect_view()}
        </select>
        <button type="submit" class="secondary no-js" aria-label=format!("Save project access for {name}")>"Save"</button>
        <span class="row-status" aria-hidden="true">
            {move || if change.pending().get() { "Saving…" } else if matches!(change.value().get(), Some(Ok(_))) { "Saved" } else { "" }}
        </span>
        </ActionForm>
    }
}

/// People outside the workspace with a share: role (set inline by owners and
/// admins), status, and remove; filtered by the same search, sortable.
#[component]
fn Recipients(project: String, can_manage: bool) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let announcer = expect_context::<Announcer>();
    let end = data.end;
    Effect::new(move || match end.value().get() {
        Some(Ok(ended)) => announcer.polite(format!("{} no longer has access.", ended.email)),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let project_id = data.project_id.get_untracked().unwrap_or_default();
    let open_for = use_share_param();
    view! {
        <section class="card" aria-labelledby="recipients-heading">
            <h2 id="recipients-heading">"People outside the workspace"</h2>
            {can_manage.then(|| view! { <ShareLink project=project_id text="Share project"/> })}
            <Transition fallback=|| view! { <p class="loading">"Loading shares…"</p> }>
                {move || Suspend::new(async move {
                    match data.shares.await {
                        Ok(result) => {
                            let total = result.total;
                            if result.rows.is_empty() {
                                return view! { <p class="empty">"Nobody outside the workspace matches."</p> }.into_any();
                            }
                            view! {
                                <p role="status">{match total {
                                    1 => "1 person outside the workspace".to_owned(),
                                    n => format!("{n} people outside the workspace"),
                                }}</p>
                                <div class="table-scroll">
                                    <table>
                                        <thead>
                                            <tr>
                                                <SortHeader label="Person" column=ShareSort::Person prefix="shares_"/>
                                                <SortHeader label="Project access" column=ShareSort::Access prefix="shares_"/>
                                                <SortHeader label="Status" column=ShareSort::Status prefix="shares_"/>
                                                <SortHeader label="Added" column=ShareSort::Added prefix="shares_"/>
                                                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {result.rows.into_iter().map(|row| view! { <RecipientLine row can_manage/> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <Pager label="Pages of people outside the workspace" page=result.page total prefix="shares_"/>
                            }.into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            {move || (can_manage && open_for.get() == Some(project_id)).then(|| {
                view! { <ShareDialog project=(project_id, project.clone()) share=data.share announcer/> }
            })}
        </section>
    }
}

#[component]
fn RecipientLine(row: ShareRow, can_manage: bool) -> impl IntoView {
    let data = expect_context::<MembersData>();
    let announcer = expect_context::<Announcer>();
    let change = ServerAction::<ChangeShareRole>::new();
    let saved = RwSignal::new(row.role);
    let select = NodeRef::<Select>::new();
    Effect::new(move || match change.value().get() {
        Some(Ok(share)) => {
            saved.set(share.role);
            announcer.polite(format!(
                "{} now has {} access to this project.",
                share.email,
                share.role.access().label().to_lowercase()
            ));
        }
        Some(Err(error)) => {
            if let Some(select) = select.get() {
                select.set_value(saved.get_untracked().as_str());
            }
            announcer.assertive(error.to_string());
        }
        None => {}
    });
    let share_id = row.id;
    let email = row.email.clone();
    let select_id = format!("share-role-{share_id}");
    let person = row.name.clone().map_or_else(
        || row.email.clone(),
        |name| format!("{name} ({})", row.email),
    );
    let role_cell = if can_manage {
        let project_id = move || data.project_id.get().unwrap_or_default();
        view! {
            <ActionForm action=change attr:class="row-form">
            <input type="hidden" name="project_id" value=project_id/>
            <input type="hidden" name="share_id" value=share_id/>
            <label class="visually-hidden" for=select_id.clone()>{format!("Project access of {email}")}</label>
            <select
                id=select_id
                name="role"
                node_ref=select
                disabled=move || change.pending().get()
                on:change=move |ev| {
                    if let Some(project_id) = data.project_id.get_untracked() {
                        change.dispatch(ChangeShareRole { project_id, share_id, role: event_target_value(&ev) });
                    }
                }
            >
                {GrantRole::ALL
                    .into_iter()
                    .map(|role| view! { <option value=role.as_str() selected=role == row.role>{role.access().label()}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="secondary no-js" aria-label=format!("Save project access for {email}")>"Save"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! { <span>{row.role.access().label()}</span> }.into_any()
    };
    let status = match row.status {
        ShareStatus::Pending => view! { <span class="badge">"Pending"</span> }.into_any(),
        ShareStatus::Expired => view! { <span class="badge warning">"Expired"</span> }.into_any(),
        ShareStatus::Active => view! { <span class="badge success">"Active"</span> }.into_any(),
    };
    let end = data.end;
    let (remove_label, consequence) = (format!("Remove {}", row.email), row.ending_consequence());
    let act = if row.status == ShareStatus::Active {
        "Revoke access"
    } else {
        "Cancel the share"
    };
    view! {
        <tr>
            <td class="email">{person}</td>
            <td>{role_cell}</td>
            <td>{status}</td>
            <td>{crate::core::dates::format_date(row.created_at)}</td>
            <td>
                {can_manage.then(|| view! {
                    <Confirm text="✕" label=remove_label consequence>
                        <ActionForm action=end attr:class="row-form">
                            <input type="hidden" name="project_id" value=move || data.project_id.get().unwrap_or_default()/>
                            <input type="hidden" name="share_id" value=share_id/>
                            <button type="submit" class="danger">{act}</button>
                        </ActionForm>
                    </Confirm>
                })}
            </td>
        </tr>
    }
}
