//! The project page: licences, install commands, access keys and activity.

mod install;
mod keys;
mod licences;
mod shares;

use crate::api::keys::{
    DeactivateKey, KeyRow, MintKey, RevealKey, RevealedKey, RotateKey, list_keys,
};
use crate::api::projects::{
    AttachLicence, DetachLicence, LicenceOption, ProjectView, get_project,
    list_attachable_licences, project_activity,
};
use crate::api::shares::{EndShare, ResendShare, SharePage, ShareProject, ShareSort, list_shares};
use crate::api::team::ActivityEntry;
use crate::error::AppError;
use crate::ui::widgets::{ActivityFeed, Announcer, SignedIn};
use install::InstallSection;
use keys::KeysSection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use licences::LicencesSection;
use shares::SharesSection;

/// The page's data and the actions that change it, created by the route before the
/// page renders (see `ui/routes.rs`). Each resource asks the server on its own; what
/// the person may not see (keys, attachable licences, activity, shares) comes back
/// refused and is shown as absent.
#[derive(Clone, Copy)]
pub struct ProjectData {
    project: Resource<Result<ProjectView, AppError>>,
    /// The keys, for those who may read them (`None` for the others).
    keys: Resource<Result<Option<Vec<KeyRow>>, AppError>>,
    /// Licences that could be attached, for those who manage the project.
    attachable: Resource<Result<Option<Vec<LicenceOption>>, AppError>>,
    /// The project's activity, for members of its workspace (empty for recipients,
    /// who never see it).
    activity: Resource<Result<Vec<ActivityEntry>, AppError>>,
    /// The newest page of pending and active shares, for those who share the project.
    shares: Resource<Result<Option<SharePage>, AppError>>,
    attach: ServerAction<AttachLicence>,
    detach: ServerAction<DetachLicence>,
    mint: ServerAction<MintKey>,
    reveal: ServerAction<RevealKey>,
    rotate: ServerAction<RotateKey>,
    deactivate: ServerAction<DeactivateKey>,
    share: ServerAction<ShareProject>,
    resend: ServerAction<ResendShare>,
    end: ServerAction<EndShare>,
    /// The key whose value is shown, and used in the install commands.
    shown: RwSignal<Option<RevealedKey>>,
    announcer: Announcer,
}

/// What the caller may see: `None` when the server refused it to them.
fn if_allowed<T>(answer: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match answer {
        Ok(value) => Ok(Some(value)),
        Err(AppError::Forbidden(_) | AppError::NotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

impl ProjectData {
    /// Creates the page's resources and actions for the project in the URL.
    pub fn load() -> Self {
        let params = use_params_map();
        let id = Memo::new(move |_| {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        });
        let (attach, detach) = (ServerAction::new(), ServerAction::new());
        let (mint, reveal, rotate, deactivate) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let (share, resend, end) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let licences_changed = move || (attach.version().get(), detach.version().get());
        let keys_changed = move || {
            (
                mint.version().get(),
                rotate.version().get(),
                deactivate.version().get(),
            )
        };
        let shares_changed = move || {
            (
                share.version().get(),
                resend.version().get(),
                end.version().get(),
            )
        };
        let project = Resource::new(
            move || (id.get(), licences_changed()),
            |(id, _)| async move { get_project(id.ok_or(AppError::NotFound)?).await },
        );
        let keys = Resource::new(
            move || (id.get(), keys_changed()),
            |(id, _)| async move {
                match id {
                    Some(id) => if_allowed(list_keys(id).await),
                    None => Ok(None),
                }
            },
        );
        let attachable = Resource::new(
            move || (id.get(), licences_changed()),
            |(id, _)| async move {
                match id {
                    Some(id) => if_allowed(list_attachable_licences(id).await),
                    None => Ok(None),
                }
            },
        );
        let activity = Resource::new(
            move || {
                (
                    id.get(),
                    licences_changed(),
                    keys_changed(),
                    shares_changed(),
                )
            },
            |(id, _, _, _)| async move {
                match id {
                    Some(id) => {
                        if_allowed(project_activity(id).await).map(Option::unwrap_or_default)
                    }
                    None => Ok(Vec::new()),
                }
            },
        );
        let shares = Resource::new(
            move || (id.get(), shares_changed()),
            |(id, _)| async move {
                match id {
                    Some(id) => {
                        if_allowed(list_shares(id, String::new(), ShareSort::Added, true, 0).await)
                    }
                    None => Ok(None),
                }
            },
        );
        Self {
            project,
            keys,
            attachable,
            activity,
            shares,
            attach,
            detach,
            mint,
            reveal,
            rotate,
            deactivate,
            share,
            resend,
            end,
            shown: RwSignal::new(None),
            announcer: Announcer::new(),
        }
    }
}

/// One project, for anyone with access to it, rendered on the server with its data.
#[component]
pub fn ProjectPage(data: ProjectData) -> impl IntoView {
    provide_context(data);
    view! {
        <Title text="Project"/>
        <SignedIn title="Project" page=|_| view! { <Project/> }/>
    }
}

#[component]
fn Project() -> impl IntoView {
    let data = expect_context::<ProjectData>();
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the project…"</p> }>
                {move || Suspend::new(async move {
                    match data.project.await {
                        Ok(project) => view! { <ProjectBody project/> }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <Title text="Project not found"/>
                            <h1>"Project not found"</h1>
                            <p>"This project does not exist, or you have no access to it. "
                                <a href="/projects">"Back to Projects"</a></p>
                        }.into_any(),
                        Err(error) => view! { <h1>"Project"</h1><p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
        </Transition>
    }
}

#[component]
fn ProjectBody(project: ProjectView) -> impl IntoView {
    let announcer = expect_context::<ProjectData>().announcer;
    view! {
        <Title text=format!("{} · {}", project.name, project.workspace)/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <a href="/projects">"Projects"</a>
            " / "
            <span aria-current="page"><bdi>{project.name.clone()}</bdi></span>
        </nav>
        <h1><bdi>{project.name.clone()}</bdi></h1>
        <p class="subtitle">
            <bdi>{project.workspace.clone()}</bdi> " · your access: " {project.access.label().to_lowercase()}
            {project.members_visible.then(|| view! {
                " · " <a href=format!("/projects/{}/members", project.id)>"Members"</a>
            })}
        </p>
        {announcer.regions()}
        <LicencesSection project=project.clone()/>
        <InstallSection project=project.clone()/>
        <KeysSection project=project.clone()/>
        {(project.access.manages() && project.members_visible).then(|| view! { <SharesSection project=project.clone()/> })}
        {project.members_visible.then(|| {
            let entries = expect_context::<ProjectData>().activity;
            view! { <ActivityFeed entries heading_id="project-activity-heading"/> }
        })}
    }
}
