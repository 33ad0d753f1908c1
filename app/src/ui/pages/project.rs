//! The project page: licences, install commands, access keys and activity.

mod install;
mod keys;
mod licences;
mod shares;

use crate::api::keys::{DeactivateKey, MintKey, RevealKey, RotateKey, list_keys};
use crate::api::projects::{
    AttachLicence, DetachLicence, get_project, list_attachable_licences, project_activity,
};
use crate::error::{AppError, if_allowed};
use crate::model::keys::{KeyRow, RevealedKey};
use crate::model::projects::{AttachableLicences, ProjectView};
use crate::model::team::ActivityEntry;
use crate::ui::widgets::{
    ActivityFeed, Announcements, Announcer, Collaborators, PageTitle, SignedIn,
};
use install::InstallSection;
use keys::KeysSection;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
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
    /// Licences that could be attached (those the `licence` search in the URL finds),
    /// for those who manage the project.
    attachable: Resource<Result<Option<AttachableLicences>, AppError>>,
    /// The project's activity, for members of its workspace (empty for recipients,
    /// who never see it).
    activity: Resource<Result<Vec<ActivityEntry>, AppError>>,
    /// Who outside the workspace has the project, for those who share it.
    collaborators: Collaborators,
    attach: ServerAction<AttachLicence>,
    detach: ServerAction<DetachLicence>,
    mint: ServerAction<MintKey>,
    reveal: ServerAction<RevealKey>,
    rotate: ServerAction<RotateKey>,
    deactivate: ServerAction<DeactivateKey>,
    /// The key whose value is shown, and used in the install commands.
    shown: RwSignal<Option<RevealedKey>>,
    announcer: Announcer,
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
        let query = use_query_map();
        // A preview as a share's recipient (`?preview=viewer`) reads what they would
        // and nothing else: no shares, activity or licences to attach.
        let preview = Memo::new(move |_| query.read().get("preview").unwrap_or_default());
        let previewing = move || !preview.read().is_empty();
        let unless_preview = Memo::new(move |_| if previewing() { None } else { id.get() });
        let (attach, detach) = (ServerAction::new(), ServerAction::new());
        let (mint, reveal, rotate, deactivate) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let collaborators = Collaborators::load(unless_preview);
        let licences_changed = move || (attach.version().get(), detach.version().get());
        let keys_changed = move || {
            (
                mint.version().get(),
                rotate.version().get(),
                deactivate.version().get(),
            )
        };
        let project = Resource::new(
            move || (id.get(), preview.get(), licences_changed()),
            |(id, preview, _)| async move { get_project(id.ok_or(AppError::NotFound)?, preview).await },
        );
        let keys = Resource::new(
            move || (id.get(), preview.get(), keys_changed()),
            |(id, preview, _)| async move {
                match id {
                    Some(id) => if_allowed(list_keys(id, preview).await),
                    None => Ok(None),
                }
            },
        );
        let licence_search = Memo::new(move |_| query.read().get("licence").unwrap_or_default());
        let attachable = Resource::new(
            move || {
                (
                    unless_preview.get(),
                    licence_search.get(),
                    licences_changed(),
                )
            },
            |(id, search, _)| async move {
                match id {
                    Some(id) => if_allowed(list_attachable_licences(id, search).await),
                    None => Ok(None),
                }
            },
        );
        let activity = Resource::new(
            move || {
                (
                    unless_preview.get(),
                    licences_changed(),
                    keys_changed(),
                    collaborators.changes(),
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
        leave_when_access_ends([
            Signal::derive(move || access_ended(attach.value().get())),
            Signal::derive(move || access_ended(detach.value().get())),
            Signal::derive(move || access_ended(mint.value().get())),
            Signal::derive(move || access_ended(reveal.value().get())),
            Signal::derive(move || access_ended(rotate.value().get())),
            Signal::derive(move || access_ended(deactivate.value().get())),
        ]);
        Self {
            project,
            keys,
            attachable,
            activity,
            collaborators,
            attach,
            detach,
            mint,
            reveal,
            rotate,
            deactivate,
            shown: RwSignal::new(None),
            announcer: Announcer::new(),
        }
    }
}

/// The message of an answer saying the caller's access ended, if it is one.
fn access_ended<T>(answer: Option<Result<T, AppError>>) -> Option<String> {
    match answer {
        Some(Err(AppError::AccessEnded(message))) => Some(message),
        _ => None,
    }
}

/// When an action in a tab left open finds that the caller's access ended, takes
/// them to Projects with the reason, leaving nothing of the project (its role, a key
/// shown) on screen.
fn leave_when_access_ends(answers: [Signal<Option<String>>; 6]) {
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(message) = answers.iter().find_map(|answer| answer.get()) {
            Announcements::carry(message);
            navigate("/projects", NavigateOptions::default());
        }
    });
}

/// One project, for anyone with access to it, rendered on the server with its data.
#[component]
pub fn ProjectPage(data: ProjectData) -> impl IntoView {
    provide_context(data);
    view! {
        <PageTitle text="Project"/>
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
                        Err(AppError::AccessEnded(message)) => view! {
                            <PageTitle text="Access ended"/>
                            <h1>"Your access ended"</h1>
                            <p>{message} " " <a href="/projects">"Back to Projects"</a></p>
                        }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <PageTitle text="Project not found"/>
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
        <PageTitle text=format!("{} · {}", project.name, project.workspace)/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <a href="/projects">"Projects"</a>
            " / "
            <span aria-current="page"><bdi>{project.name.clone()}</bdi></span>
        </nav>
        <h1><bdi>{project.name.clone()}</bdi></h1>
        {project.preview.map(|role| view! {
            <p class="preview-banner" role="note">
                {format!("Preview: the project as a {} from outside the workspace sees it. Nothing can be changed here. ", role.as_str())}
                <a href=format!("/projects/{}", project.id)>"End the preview"</a>
            </p>
        })}
        <p class="subtitle">
            <bdi>{project.workspace.clone()}</bdi>
            {if project.preview.is_some() { " · their access: " } else { " · your access: " }}
            {project.access.label().to_lowercase()}
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
