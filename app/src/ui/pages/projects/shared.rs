//! The Projects page's "Shared with me": projects of other workspaces shared with the
//! user, apart from their own, each with when access ends and "Leave".

use super::ProjectsData;
use crate::core::share_end::last_moment;
use crate::model::shares::SharedProject;
use crate::ui::widgets::{Announcer, Confirm, Day};
use leptos::prelude::*;

/// Projects of other workspaces shared with the user, apart from their own, each with
/// "Leave".
#[component]
pub(super) fn SharedWithMe() -> impl IntoView {
    let data = expect_context::<ProjectsData>();
    let leave = data.leave;
    // The result shows in this part of the page, where the Leave button was.
    let announcer = Announcer::new();
    Effect::new(move || match leave.value().get() {
        Some(Ok(())) => announcer.polite("You left the project.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    view! {
        <div class="shared-area">
            {announcer.regions()}
            <Transition fallback=|| view! { <p class="loading">"Loading shared projects…"</p> }>
                {move || Suspend::new(async move {
                    let organization = data.list.await.is_ok_and(|list| list.organization);
                    match data.shared.await {
                        Ok(list) if list.is_empty() && organization => ().into_any(),
                        Ok(list) => {
                            let left = leave.version().get_untracked() > 0;
                            view! { <SharedCards list left/> }.into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The "Shared with me" section; `left` when the person just left one of them.
#[component]
fn SharedCards(list: Vec<SharedProject>, left: bool) -> impl IntoView {
    let leave = expect_context::<ProjectsData>().leave;
    let cards = if list.is_empty() {
        let empty = if left {
            "You left the project; no other project is shared with you."
        } else {
            "No project is shared with you."
        };
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! {
            <ul class="project-cards shared-cards">
                {list.into_iter().map(|project| {
                    let project_id = project.project_id;
                    let label = format!("Leave {}", project.name);
                    let consequence = format!(
                        "You lose access to {} at once. Only someone at {} can share it with you again.",
                        project.name, project.workspace
                    );
                    view! {
                        <li class="project-card">
                            <h3><a href=format!("/projects/{project_id}")><bdi>{project.name.clone()}</bdi></a></h3>
                            <p>"Shared by " <bdi>{project.shared_by.clone()}</bdi> " of " <bdi>{project.workspace.clone()}</bdi></p>
                            <p class="hint">
                                {format!("You are a {} · since ", project.role.access().label().to_lowercase())}
                                <Day at=project.since/>
                                {project.ends_at.map(|at| view! { " · access ends after " <Day at=last_moment(at)/> })}
                            </p>
                            <Confirm text="Leave" label consequence>
                                <ActionForm action=leave attr:class="row-form">
                                    <input type="hidden" name="project_id" value=project_id/>
                                    <button type="submit" class="danger">"Leave the project"</button>
                                </ActionForm>
                            </Confirm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="shared" aria-labelledby="shared-heading">
            <h2 id="shared-heading">"Shared with me"</h2>
            {cards}
        </section>
    }
}
