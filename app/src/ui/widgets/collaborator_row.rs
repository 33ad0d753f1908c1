//! One collaborator's row: who, the project access their share gives and when it
//! ends (two dropdowns, each saved at once), its status, and Resend, Cancel or the ✕
//! that revokes it.

use super::collaborators::RowContext;
use super::{Confirm, Day, InlineSelect};
use crate::api::shares::{ChangeShareEnd, ChangeShareRole};
use crate::core::access::GrantRole;
use crate::core::share_end::end_words;
use crate::core::share_end::{end_choices, end_value, last_day};
use crate::model::shares::ShareRow;
use crate::model::shares::ShareStatus;
use leptos::prelude::*;

/// A project access dropdown saved at once: shows saving, then saved, or rolls back
/// with the reason when the server refuses.
#[component]
fn AccessSelect(row: ShareRow, context: RowContext) -> impl IntoView {
    let ids = context.ids();
    let share_id = row.id;
    let project_id = context.data.project.get_untracked().unwrap_or_default();
    let email = row.email.clone();
    let options = GrantRole::ALL
        .into_iter()
        .map(|role| (role.as_str().to_owned(), role.access().label().to_owned()))
        .collect();
    view! {
        <InlineSelect
            saves=context.role_saves
            id=format!("{ids}share-role-{share_id}")
            label=format!("Project access of {email}")
            save_label=format!("Save project access for {email}")
            value=row.role.as_str().to_owned()
            choose=move |role| Some(ChangeShareRole { project_id, share_id, role })
            saved=|share: ShareRow| {
                let sentence = format!(
                    "{} now has {} access to this project.",
                    share.email,
                    share.role.access().label().to_lowercase()
                );
                (share.role.as_str().to_owned(), sentence)
            }
            options
            announcer=context.announcer
        >
            <input type="hidden" name="project_id" value=project_id/>
            <input type="hidden" name="share_id" value=share_id/>
        </InlineSelect>
    }
}

/// When a share ends, as a dropdown saved at once: no end date, the end it has, or a
/// number of days from today.
#[component]
fn EndSelect(row: ShareRow, context: RowContext) -> impl IntoView {
    let ids = context.ids();
    let share_id = row.id;
    let project_id = context.data.project.get_untracked().unwrap_or_default();
    let email = row.email.clone();
    view! {
        <InlineSelect
            saves=context.end_saves
            id=format!("{ids}share-ends-{share_id}")
            label=format!("When access ends for {email}")
            save_label=format!("Save when access ends for {email}")
            value=end_value(row.ends_at)
            choose=move |ends| Some(ChangeShareEnd { project_id, share_id, ends })
            saved=|share: ShareRow| {
                let sentence = match share.ends_at {
                    Some(at) => format!("{} now has access until {}.", share.email, last_day(at)),
                    None => format!("The access of {} no longer has an end date.", share.email),
                };
                (end_value(share.ends_at), sentence)
            }
            options=end_choices(row.ends_at)
            name="ends"
            announcer=context.announcer
        >
            <input type="hidden" name="project_id" value=project_id/>
            <input type="hidden" name="share_id" value=share_id/>
        </InlineSelect>
    }
}

/// A collaborator's row of the list.
#[component]
pub(super) fn CollaboratorRow(row: ShareRow, context: RowContext) -> impl IntoView {
    let RowContext {
        data, can_manage, ..
    } = context;
    let person = row.name.clone().map_or_else(
        || view! { <bdi>{row.email.clone()}</bdi> }.into_any(),
        |name| {
            view! { <bdi>{name}</bdi> <span class="hint">" " <bdi>{row.email.clone()}</bdi></span> }
                .into_any()
        },
    );
    let role = if can_manage {
        view! { <AccessSelect row=row.clone() context/> }.into_any()
    } else {
        view! { <span>{row.role.access().label()}</span> }.into_any()
    };
    let ends = if can_manage {
        view! { <EndSelect row=row.clone() context/> }.into_any()
    } else {
        view! { <span>{end_words(row.ends_at)}</span> }.into_any()
    };
    let status = match row.status {
        ShareStatus::Pending => view! {
            <span class="badge">"Pending"</span>
            <span class="hint fold-text">" link valid until " <Day at=row.expires_at/></span>
        }
        .into_any(),
        ShareStatus::Expired => view! {
            <span class="badge warning">"Expired"</span>
            <span class="hint fold-text">" link expired on " <Day at=row.expires_at/></span>
        }
        .into_any(),
        ShareStatus::Active => view! { <span class="badge success">"Active"</span> }.into_any(),
    };
    let actions = can_manage.then(|| {
        let project_id = data.project.get_untracked().unwrap_or_default();
        let share_id = row.id;
        let email = &row.email;
        let fields = move || {
            view! {
                <input type="hidden" name="project_id" value=project_id/>
                <input type="hidden" name="share_id" value=share_id/>
            }
        };
        let resend = (row.status != ShareStatus::Active).then(|| {
            let label = format!("Resend the share to {email}");
            view! {
                <ActionForm action=data.resend attr:class="row-form">
                    {fields()}
                    <button type="submit" class="secondary" aria-label=label>"Resend"</button>
                </ActionForm>
            }
        });
        let (text, label, act) = if row.status == ShareStatus::Active {
            (
                "✕",
                format!("Revoke the share with {email}"),
                "Revoke access",
            )
        } else {
            (
                "Cancel",
                format!("Cancel the share with {email}"),
                "Cancel the share",
            )
        };
        view! {
            {resend}
            <Confirm text label consequence=row.ending_consequence()>
                <ActionForm action=data.end attr:class="row-form">
                    {fields()}
                    <button type="submit" class="danger">{act}</button>
                </ActionForm>
            </Confirm>
        }
    });
    view! {
        <tr>
            <td class="email">{person}</td>
            <td>{role}</td>
            <td>{status}</td>
            <td>{ends}</td>
            {(!context.in_dialog).then(|| view! { <td class="fold"><Day at=row.created_at/></td> })}
            <td class="row-actions">{actions}</td>
        </tr>
    }
}
