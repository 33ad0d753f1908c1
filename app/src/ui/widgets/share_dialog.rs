//! The share dialog: a slide-out panel with an address and a project role, and the
//! project's collaborators below them.
//!
//! Which project's dialog is open is in the URL (`?share=<project id>`): "Share
//! project" is a link, so the dialog opens (server-rendered, open) without scripts
//! too, and the form inside it is a plain post.

use super::{Announcer, CollaboratorList, Collaborators, Field, FormError, Modal, action_error};
use crate::core::access::GrantRole;
use crate::core::policy::projects::what_a_recipient_can_do;
use crate::core::share_end::end_choices;
use leptos::html::Form;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// The URL parameter naming the project whose share dialog is open.
const PARAM: &str = "share";

/// This page's URL with the share dialog of `project` open, or closed with `None`.
fn share_href(query: &ParamsMap, project: Option<i64>) -> String {
    let mut query = query.clone();
    query.remove(PARAM);
    if let Some(project) = project {
        query.insert(PARAM, project.to_string());
    }
    let text = query.to_query_string();
    if text.is_empty() {
        "?".to_owned()
    } else {
        text
    }
}

/// The project whose share dialog the URL opens, if any.
pub fn use_share_param() -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get_str(PARAM).and_then(|id| id.parse().ok()))
}

/// A link that opens the share dialog of `project`.
#[component]
pub fn ShareLink(
    /// The project to share.
    project: i64,
    /// The link's text.
    #[prop(into)]
    text: String,
    /// Its class (`button` to look like one).
    #[prop(default = "button")]
    class: &'static str,
    /// Its accessible name, when the text alone does not say which project.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let query = use_query_map();
    let href = move || share_href(&query.read(), Some(project));
    view! { <a href=href class=class aria-label=label>{text}</a> }
}

/// The share dialog of `project` (id and name; it is open while the URL names it):
/// an address and a role to share it with someone outside the workspace, and below
/// them who has it already, with what changes them (`with_list` false where the page
/// itself shows that list). It stays open after sharing, clears the address for the
/// next one and says the result inside the dialog.
#[component]
pub fn ShareDialog(
    /// The project this dialog shares.
    project: (i64, String),
    /// The project's collaborators and the actions that change them.
    collaborators: Collaborators,
    /// Whether the dialog lists the collaborators.
    #[prop(default = true)]
    with_list: bool,
) -> impl IntoView {
    let (id, name) = project;
    let share = collaborators.share;
    let open_for = use_share_param();
    let query = use_query_map();
    let navigate = use_navigate();
    let close = move || {
        if open_for.get_untracked() == Some(id) {
            navigate(
                &share_href(&query.read_untracked(), None),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let error = action_error(share);
    let announcer = Announcer::new();
    let role = RwSignal::new(GrantRole::Viewer);
    let form = NodeRef::<Form>::new();
    // Only shares made while this dialog is open are said in it.
    let opened_at = share.version().get_untracked();
    Effect::new(move || {
        if share.version().get() == opened_at {
            return;
        }
        if let Some(Ok(row)) = share.value().get() {
            if let Some(form) = form.get_untracked() {
                form.reset();
                role.set(GrantRole::Viewer);
            }
            announcer.polite(format!(
                "Shared with {} as {}: the link is on its way. They show as Pending until they accept.",
                row.email,
                row.role.access().label().to_lowercase()
            ));
        }
    });
    let close_href = move || share_href(&query.read(), None);
    view! {
        <Modal open=Signal::derive(move || open_for.get() == Some(id)) on_close=close labelled_by="share-title" class="slide-out">
                <h2 id="share-title">"Share " <bdi>{name}</bdi></h2>
                <p class="hint">
                    "For someone outside the workspace. They get an email with a link that works once, "
                    "for that address only, for 14 days. They see this project, its licences and install "
                    "commands, never prices, other projects or members."
                </p>
                <ActionForm action=share node_ref=form>
                    <input type="hidden" name="project_id" value=id/>
                    <FormError error fields=&["email", "role", "ends_on"]/>
                    <div class="share-inputs">
                        <Field label="Email" name="email" kind="email" autocomplete="off" error/>
                        <div class="field">
                            <label for="share-role">"Role"</label>
                            <select
                                id="share-role"
                                name="role"
                                aria-describedby="share-role-says"
                                on:change=move |ev| {
                                    if let Ok(chosen) = GrantRole::parse(&event_target_value(&ev)) {
                                        role.set(chosen);
                                    }
                                }
                            >
                                {GrantRole::ALL
                                    .into_iter()
                                    .map(|role| view! { <option value=role.as_str()>{role.access().label()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                    </div>
                    <p class="hint" id="share-role-says">
                        {move || what_a_recipient_can_do(role.get())} " "
                        <a href=move || format!("/projects/{id}?preview={}", role.get().as_str())>
                            {move || format!("Preview the project as a {}", role.get().as_str())}
                        </a>
                    </p>
                    <div class="share-inputs">
                        <div class="field">
                            <label for="share-ends">"Access ends"</label>
                            <select id="share-ends" name="ends" aria-describedby="share-ends-says">
                                {end_choices(None)
                                    .into_iter()
                                    .map(|(value, words)| view! { <option value=value>{words}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <Field label="Or on a date" name="ends_on" kind="date" autocomplete="off" form="share" required=false error/>
                    </div>
                    <p class="hint" id="share-ends-says">
                        "Access lasts to the end of its last day (UTC); a date typed wins over the list. "
                        "Both sides are emailed three days before it ends, and you can change it in the list."
                    </p>
                    <div class="actions">
                        <button type="submit" disabled=move || share.pending().get()>
                            {move || if share.pending().get() { "Sharing…" } else { "Share project" }}
                        </button>
                        <a class="button secondary" href=close_href>"Close"</a>
                    </div>
                </ActionForm>
                {announcer.regions()}
                {with_list.then(|| view! {
                    <section class="dialog-collaborators" aria-labelledby="dialog-collaborators-heading">
                        <h3 id="dialog-collaborators-heading">"People outside the workspace"</h3>
                        <CollaboratorList data=collaborators can_manage=true announcer in_dialog=true/>
                    </section>
                })}
        </Modal>
    }
}
