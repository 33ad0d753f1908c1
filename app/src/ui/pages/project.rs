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
use crate::ui::widgets::{ActivityFeed, AfterHydration, Announcer, ShareTarget, SignedIn};
use install::InstallSection;
use keys::KeysSection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use licences::LicencesSection;
use shares::SharesSection;

/// The page's data and the actions that change it, created with the page.
#[derive(Clone, Copy)]
struct ProjectData {
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
    /// The project whose share dialog is open.
    sharing: ShareTarget,
    /// The key whose value is shown, and used in the install commands.
    shown: RwSignal<Option<RevealedKey>>,
    announcer: Announcer,
}

impl ProjectData {
    fn new(id: Memo<Option<i64>>) -> Self {
        let (attach, detach) = (ServerAction::new(), ServerAction::new());
        let (mint, reveal, rotate, deactivate) = (
            ServerAction::new(),
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
        let project = Resource::new(
            move || (id.get(), licences_changed()),
            |(id, _)| async move { get_project(id.ok_or(AppError::NotFound)?).await },
        );
        let (share, resend, end) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let shares_changed = move || {
            (
                share.version().get(),
                resend.version().get(),
                end.version().get(),
            )
        };
        let loaded = move || project.get().and_then(Result::ok);
        let access = move || loaded().map(|project| (project.id, project.access));
        let members_visible = move || {
            loaded()
                .filter(|project| project.members_visible)
                .map(|project| project.id)
        };
        let keys = Resource::new(
            move || (access(), keys_changed()),
            |(access, _)| async move {
                match access {
                    Some((id, access)) if access.uses_keys() => list_keys(id).await.map(Some),
                    _ => Ok(None),
                }
            },
        );
        let attachable = Resource::new(
            move || (access(), licences_changed()),
            |(access, _)| async move {
                match access {
                    Some((id, access)) if access.manages() => {
                        list_attachable_licences(id).await.map(Some)
                    }
                    _ => Ok(None),
                }
            },
        );
        let activity = Resource::new(
            move || {
                (
                    members_visible(),
                    licences_changed(),
                    keys_changed(),
                    shares_changed(),
                )
            },
            |(visible, _, _, _)| async move {
                match visible {
                    Some(id) => project_activity(id).await,
                    None => Ok(Vec::new()),
                }
            },
        );
        let shares = Resource::new(
            move || (access(), members_visible(), shares_changed()),
            |(access, visible, _)| async move {
                match (access, visible) {
                    (Some((id, access)), Some(_)) if access.manages() => {
                        list_shares(id, String::new(), ShareSort::Added, true, 0)
                            .await
                            .map(Some)
                    }
                    _ => Ok(None),
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
            sharing: RwSignal::new(None),
            shown: RwSignal::new(None),
            announcer: Announcer::new(),
        }
    }
}

/// One project, for anyone with access to it.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    });
    view! {
        <Title text="Project"/>
        <SignedIn
            title="Project"
            page=move |_| view! {
                <AfterHydration fallback="Loading the project…">
                    <Project id/>
                </AfterHydration>
            }
        />
    }
}

/// The page's content, drawn in the browser only: its data is created here, so the
/// server never starts fetches that nothing on it would wait for.
#[component]
fn Project(id: Memo<Option<i64>>) -> impl IntoView {
    let data = ProjectData::new(id);
    provide_context(data);
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
