//! The project's shares with people outside the workspace: "Share project", and the
//! pending and active shares with Resend, Cancel and Revoke.

use super::ProjectData;
use crate::api::projects::ProjectView;
use crate::api::shares::{ShareRow, ShareStatus};
use crate::core::dates::format_date;
use crate::ui::widgets::{Confirm, ShareDialog, ShareLink, use_share_param};
use leptos::prelude::*;

/// For owners and admins: who the project is shared with, and sharing it.
#[component]
pub fn SharesSection(project: ProjectView) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (resend, end, announcer) = (data.resend, data.end, data.announcer);
    Effect::new(move || match resend.value().get() {
        Some(Ok(row)) => announcer.polite(format!(
            "A new link was sent to {}; the old one no longer works.",
            row.email
        )),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match end.value().get() {
        Some(Ok(ended)) if ended.was_active => {
            let keys = if ended.readable_keys.is_empty() {
                String::new()
            } else {
                format!(
                    " They could read these keys: {}. Rotate them under Access keys.",
                    ended.readable_keys.join(", ")
                )
            };
            announcer.polite(format!("{} no longer has access.{keys}", ended.email));
        }
        Some(Ok(ended)) => {
            announcer.polite(format!("The share with {} was cancelled.", ended.email))
        }
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let project_id = project.id;
    let open_for = use_share_param();
    view! {
        <section class="card" aria-labelledby="shares-heading">
            <h2 id="shares-heading">"Shared with"</h2>
            <ShareLink project=project_id text="Share project"/>
            <Transition fallback=|| view! { <p class="loading">"Loading shares…"</p> }>
                {move || Suspend::new(async move {
                    match data.shares.await {
                        Ok(Some(result)) if result.rows.is_empty() => {
                            view! { <p class="empty">"Nobody outside the workspace has access."</p> }.into_any()
                        }
                        Ok(Some(result)) => {
                            let more = result.total - i64::try_from(result.rows.len()).unwrap_or(0);
                            view! {
                                <ShareTable rows=result.rows project_id/>
                                {(more > 0).then(|| view! {
                                    <p class="hint">
                                        {format!("And {more} more. ")}
                                        <a href=format!("/projects/{project_id}/members")>"See everyone on the Members screen"</a>
                                    </p>
                                })}
                            }.into_any()
                        }
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            {move || (open_for.get() == Some(project_id)).then(|| {
                view! { <ShareDialog project=(project_id, project.name.clone()) share=data.share announcer/> }
            })}
        </section>
    }
}

#[component]
fn ShareTable(rows: Vec<ShareRow>, project_id: i64) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (resend, end) = (data.resend, data.end);
    view! {
        <div class="table-scroll">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Shared by"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let share_id = row.id;
                        let email = row.email.clone();
                        let status = match row.status {
                            ShareStatus::Pending => view! {
                                <span class="badge">"Pending"</span>
                                <span class="hint">{format!(" link valid until {}", format_date(row.expires_at))}</span>
                            }.into_any(),
                            ShareStatus::Expired => view! {
                                <span class="badge warning">"Expired"</span>
                                <span class="hint">{format!(" link expired on {}", format_date(row.expires_at))}</span>
                            }.into_any(),
                            ShareStatus::Active => view! { <span class="badge success">"Active"</span> }.into_any(),
                        };
                        let (resend_label, cancel_label, revoke_label) = (
                            format!("Resend the share to {email}"),
                            format!("Cancel the share with {email}"),
                            format!("Revoke the share with {email}"),
                        );
                        let consequence = row.ending_consequence();
                        let fields = move || view! {
                            <input type="hidden" name="project_id" value=project_id/>
                            <input type="hidden" name="share_id" value=share_id/>
                        };
                        let actions = match row.status {
                            ShareStatus::Pending | ShareStatus::Expired => view! {
                                <ActionForm action=resend attr:class="row-form">
                                    {fields()}
                                    <button type="submit" class="secondary" aria-label=resend_label>"Resend"</button>
                                </ActionForm>
                                <Confirm text="Cancel" label=cancel_label consequence>
                                    <ActionForm action=end attr:class="row-form">
                                        {fields()}
                                        <button type="submit" class="danger">"Cancel the share"</button>
                                    </ActionForm>
                                </Confirm>
                            }.into_any(),
                            ShareStatus::Active => view! {
                                <Confirm text="Revoke" label=revoke_label consequence>
                                    <ActionForm action=end attr:class="row-form">
                                        {fields()}
                                        <button type="submit" class="danger">"Revoke access"</button>
                                    </ActionForm>
                                </Confirm>
                            }.into_any(),
                        };
                        view! {
                            <tr>
                                <td class="email"><bdi>{row.email.clone()}</bdi></td>
                                <td>{row.role.access().label()}</td>
                                <td>{status}</td>
                                <td>{row.shared_by.clone()}</td>
                                <td class="row-actions">{actions}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
