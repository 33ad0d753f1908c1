//! The Projects page: the active workspace's projects as cards and, apart from
//! them, the projects shared with the user.

mod manage;
mod shared;

use crate::api::projects::{CreateProject, DeleteProject, RenameProject, list_projects};
use crate::api::shared_with_me::{LeaveShare, list_shared_with_me};
use crate::core::text::grouped;
use crate::error::AppError;
use crate::model::projects::{ProjectCard, ProjectList};
use crate::model::shares::SharedProject;
use crate::ui::session::use_session;
use crate::ui::widgets::{
    Announcements, Announcer, Collaborators, Day, PageTitle, ShareDialog, ShareLink, SignedIn,
    use_share_param,
};
use leptos::html::Details;
use leptos::prelude::*;
use manage::{DeleteDialog, NewProjectForm, RenameDialog};
use shared::SharedWithMe;

/// The page's list and the actions that change it, created by the route before the
/// page's split-off code runs (see `ui/routes.rs`).
#[derive(Clone, Copy)]
pub struct ProjectsData {
    list: Resource<Result<ProjectList, AppError>>,
    create: ServerAction<CreateProject>,
    rename: ServerAction<RenameProject>,
    delete: ServerAction<DeleteProject>,
    /// The project whose rename dialog is open.
    renaming: RwSignal<Option<ProjectCard>>,
    /// The project whose delete dialog is open.
    deleting: RwSignal<Option<ProjectCard>>,
    /// The project whose share dialog the URL opens, if any.
    open_for: Memo<Option<i64>>,
    /// The collaborators of the project whose share dialog is open.
    collaborators: Collaborators,
    /// Projects of other workspaces shared with the user.
    shared: Resource<Result<Vec<SharedProject>, AppError>>,
    leave: ServerAction<LeaveShare>,
    announcer: Announcer,
}

impl ProjectsData {
    /// Creates the page's resources and actions.
    pub fn load() -> Self {
        let (create, rename, delete) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let open_for = use_share_param();
        let collaborators = Collaborators::load(open_for);
        // The cards count shares, but their list is read again only once the share
        // dialog closes: it is rendered inside the list and must stay open meanwhile.
        let shares_settled = Memo::new(move |before: Option<&(usize, usize, usize)>| {
            match (open_for.get(), before) {
                (Some(_), Some(before)) => *before,
                _ => collaborators.changes(),
            }
        });
        let list = Resource::new(
            move || {
                (
                    create.version().get(),
                    rename.version().get(),
                    delete.version().get(),
                    shares_settled.get(),
                )
            },
            |_| list_projects(),
        );
        let announcer = Announcer::new();
        // Why a project page sent the person here, if it did.
        Announcements::deliver(announcer);
        let leave = ServerAction::<LeaveShare>::new();
        let shared = Resource::new(move || leave.version().get(), |_| list_shared_with_me());
        Self {
            list,
            create,
            rename,
            delete,
            renaming: RwSignal::new(None),
            deleting: RwSignal::new(None),
            open_for,
            collaborators,
            shared,
            leave,
            announcer,
        }
    }
}

/// The workspace's projects and, apart from them, those shared with the user. The
/// route creates `data` before anything renders, in the same order on the server and
/// in the browser, so the server renders it into the page and the browser hydrates it
/// without asking again.
#[component]
pub fn ProjectsPage(data: ProjectsData) -> impl IntoView {
    provide_context(data);
    view! {
        <PageTitle text="Projects"/>
        <SignedIn title="Projects" page=|_| view! { <Projects/> }/>
    }
}

/// The workspace's projects in one section: "Organization projects" in an
/// organisation, "My projects" in a person's own workspace, which also always shows
/// "Shared with me" (an organisation's page shows it only when something is shared).
#[component]
fn Projects() -> impl IntoView {
    let data = expect_context::<ProjectsData>();
    let workspaces = use_session().workspaces;
    view! {
        <h1>"Projects"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading projects…"</p> }>
            {move || Suspend::new(async move {
                let workspace = workspaces.await.map(|w| w.active.name).unwrap_or_default();
                let nothing_shared = data.shared.await.is_ok_and(|shared| shared.is_empty());
                match data.list.await {
                    Ok(list) => {
                        let heading = if list.organization { "Organization projects" } else { "My projects" };
                        // A newcomer's first step is open; anyone else opens it when needed.
                        let first_step = list.projects.is_empty() && nothing_shared;
                        view! {
                            <PageTitle text=format!("Projects · {workspace}")/>
                            <p class="subtitle">"The projects of " <bdi>{workspace}</bdi></p>
                            {data.announcer.regions()}
                            <ShareDialogOf list=list.clone()/>
                            <section aria-labelledby="own-projects-heading">
                                <h2 id="own-projects-heading">{heading}</h2>
                                {list.can_manage.then(|| view! { <NewProjectForm open=first_step/> })}
                                <ProjectCards list/>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <RenameDialog/>
        <DeleteDialog/>
        <SharedWithMe/>
    }
}

/// The share dialog of the project the URL names, when it is one of the list's and
/// the person may share it.
#[component]
fn ShareDialogOf(list: ProjectList) -> impl IntoView {
    let data = expect_context::<ProjectsData>();
    move || {
        let id = data.open_for.get()?;
        let card = list
            .projects
            .iter()
            .find(|card| card.id == id && list.can_manage)?;
        Some(view! {
            <ShareDialog project=(card.id, card.name.clone()) collaborators=data.collaborators/>
        })
    }
}

/// "3 licences · 1 expired"
fn licence_summary(card: &ProjectCard) -> String {
    let count = match card.licence_count {
        0 => "No licences".to_owned(),
        1 => "1 licence".to_owned(),
        n => format!("{} licences", grouped(n)),
    };
    match card.expired_count {
        0 => count,
        n => format!("{count} · {} expired", grouped(n)),
    }
}

#[component]
fn ProjectCards(list: ProjectList) -> impl IntoView {
    if list.projects.is_empty() {
        return if list.can_manage {
            view! {
                <p class="empty">
                    "No projects yet. Create one above, then attach licences to it from the "
                    <a href="/catalogue">"Catalogue"</a> "."
                </p>
            }
            .into_any()
        } else {
            view! { <p class="empty">"No projects yet. Owners and admins create them."</p> }
                .into_any()
        };
    }
    let can_manage = list.can_manage;
    view! {
        <ul class="project-cards">
            {list.projects.into_iter().map(|card| view! { <ProjectCardView card can_manage/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ProjectCardView(card: ProjectCard, can_manage: bool) -> impl IntoView {
    let data = expect_context::<ProjectsData>();
    let expiry = card.nearest_expiry.map_or_else(
        || "No licence due to expire".into_any(),
        |at| view! { "Next expiry " <Day at/> }.into_any(),
    );
    let summary = licence_summary(&card);
    let href = format!("/projects/{}", card.id);
    let name = card.name.clone();
    let menu = can_manage.then(|| {
        let (for_rename, for_delete) = (card.clone(), card.clone());
        // Once an item's dialog opens, the menu closes, so it does not cover the card;
        // the dialog gives focus back to "Actions" (see `Modal`).
        let menu = NodeRef::<Details>::new();
        let (card_id, open_for) = (card.id, data.open_for);
        Effect::new(move || {
            let chosen = |card: &Option<ProjectCard>| card.as_ref().is_some_and(|c| c.id == card_id);
            let in_use = open_for.get() == Some(card_id)
                || data.renaming.with(chosen)
                || data.deleting.with(chosen);
            if let (true, Some(menu)) = (in_use, menu.get_untracked()) {
                menu.set_open(false);
            }
        });
        view! {
            <details class="menu" node_ref=menu>
                <summary>"Actions" <span class="visually-hidden">{format!(" for {name}")}</span></summary>
                <div class="menu-items">
                    <ShareLink project=card.id text="Share project" class="button secondary"/>
                    <button type="button" class="secondary" on:click=move |_| data.renaming.set(Some(for_rename.clone()))>
                        "Rename"
                    </button>
                    <button type="button" class="secondary danger-text" on:click=move |_| data.deleting.set(Some(for_delete.clone()))>
                        "Delete"
                    </button>
                </div>
            </details>
        }
    });
    // "Shared with rita@example.test, sam@example.test and 3 others"
    let shared = (card.shared_with > 0).then(|| {
        let others = card.shared_with - i64::try_from(card.shared_names.len()).unwrap_or(0);
        let names = card.shared_names.join(", ");
        let text = match others {
            0 => format!("Shared with {names}"),
            1 => format!("Shared with {names} and 1 other"),
            n => format!("Shared with {names} and {n} others"),
        };
        if can_manage {
            let label = format!("{text}: open the share dialog");
            view! { <p class="shared-with"><ShareLink project=card.id text class="" label/></p> }
                .into_any()
        } else {
            view! { <p class="hint shared-with">{text}</p> }.into_any()
        }
    });
    view! {
        <li class="project-card">
            <h3><a href=href><bdi>{card.name.clone()}</bdi></a></h3>
            <p>{summary}</p>
            <p class="hint">{expiry}</p>
            {shared}
            {menu}
        </li>
    }
}
