//! Who outside the workspace has the project: a summary that opens the share dialog,
//! where they are listed with Resend, Cancel, their access and Revoke.

use super::ProjectData;
use crate::model::projects::ProjectView;
use crate::model::shares::{ShareRow, ShareStatus};
use crate::ui::widgets::{ShareDialog, ShareLink, use_share_param};
use leptos::prelude::*;

/// How many people the summary names.
const NAMED: usize = 5;

/// "rita@example.test · Viewer · Pending"
fn summary_line(row: &ShareRow) -> String {
    let status = match row.status {
        ShareStatus::Pending => " · Pending",
        ShareStatus::Expired => " · Link expired",
        ShareStatus::Active => "",
    };
    let person = row.name.as_ref().map_or_else(
        || row.email.clone(),
        |name| format!("{name} ({})", row.email),
    );
    format!("{person} · {}{status}", row.role.access().label())
}

/// For owners and admins: who the project is shared with, and sharing it.
#[component]
pub fn SharesSection(project: ProjectView) -> impl IntoView {
    let collaborators = expect_context::<ProjectData>().collaborators;
    let project_id = project.id;
    let open_for = use_share_param();
    view! {
        <section class="card" aria-labelledby="shares-heading">
            <h2 id="shares-heading">"Shared with"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading shares…"</p> }>
                {move || Suspend::new(async move {
                    match collaborators.list.await {
                        Ok(Some(page)) if page.rows.is_empty() => {
                            view! { <p class="empty">"Nobody outside the workspace has access."</p> }.into_any()
                        }
                        Ok(Some(page)) => {
                            let more = page.total - i64::try_from(page.rows.len().min(NAMED)).unwrap_or(0);
                            view! {
                                <ul class="people-summary">
                                    {page.rows.iter().take(NAMED).map(|row| view! { <li><bdi>{summary_line(row)}</bdi></li> }).collect_view()}
                                </ul>
                                {(more > 0).then(|| view! { <p class="hint">{format!("And {more} more.")}</p> })}
                                <p><ShareLink project=project_id text="Manage who has access" class=""/></p>
                            }.into_any()
                        }
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <ShareLink project=project_id text="Share project"/>
            {move || (open_for.get() == Some(project_id)).then(|| {
                view! { <ShareDialog project=(project_id, project.name.clone()) collaborators/> }
            })}
        </section>
    }
}
