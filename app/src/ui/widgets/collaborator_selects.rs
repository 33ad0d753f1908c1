//! The two dropdowns of a collaborator's row, each saved at once: the project access
//! a share gives, and when it ends.

use super::InlineSelect;
use super::collaborators::RowContext;
use crate::api::shares::{ChangeShareEnd, ChangeShareRole};
use crate::core::access::GrantRole;
use crate::core::share_end::{end_choices, end_value, last_day};
use crate::model::shares::ShareRow;
use leptos::prelude::*;

/// A project access dropdown saved at once: shows saving, then saved, or rolls back
/// with the reason when the server refuses.
#[component]
pub(super) fn AccessSelect(row: ShareRow, context: RowContext) -> impl IntoView {
    let ids = context.ids();
    let share_id = row.id;
    let project_id = context.data.project.get_untracked().unwrap_or_default();
    let email = row.email.clone();
    let options = GrantRole::ALL
        .into_iter()
        .map(|role| (role.as_str().to_owned(), role.access().label().to_owned()))
        .collect();
    let action = ServerAction::<ChangeShareRole>::new();
    view! {
        <InlineSelect
            action
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
pub(super) fn EndSelect(row: ShareRow, context: RowContext) -> impl IntoView {
    let ids = context.ids();
    let share_id = row.id;
    let project_id = context.data.project.get_untracked().unwrap_or_default();
    let email = row.email.clone();
    let action = ServerAction::<ChangeShareEnd>::new();
    view! {
        <InlineSelect
            action
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
