//! The workspace's settings for owners: its name, and how long its new keys may last.

use crate::api::team::{RenameWorkspace, SetKeyLifetime};
use crate::core::key_lifetime::{LIFETIMES, lifetime_value};
use crate::model::team::WorkspaceRights;
use crate::ui::widgets::{Field, FormError, action_error};
use leptos::prelude::*;

/// "Rename workspace" and the longest lifetime of new keys, for those `can` says may
/// (owners); after a rename the page reloads so the switcher shows the new name.
#[component]
pub fn WorkspaceSection(
    can: WorkspaceRights,
    name: String,
    max_key_days: Option<i64>,
) -> impl IntoView {
    let rename = ServerAction::<RenameWorkspace>::new();
    let error = action_error(rename);
    Effect::new(move || {
        if let Some(Ok(())) = rename.value().get() {
            let _ = window().location().reload();
        }
    });
    can.rename.then(|| {
        view! {
            <section class="card" aria-labelledby="workspace-heading">
                <h2 id="workspace-heading">"Workspace"</h2>
                <ActionForm action=rename attr:class="inline-form">
                    <FormError error fields=&["name"]/>
                    <Field label="Workspace name" name="name" autocomplete="organization" value=name error/>
                    <button type="submit" disabled=move || rename.pending().get()>
                        {move || if rename.pending().get() { "Renaming…" } else { "Rename workspace" }}
                    </button>
                </ActionForm>
                {can.set_key_lifetime.then(|| view! { <KeyLifetimeForm max_key_days/> })}
            </section>
        }
    })
}

/// The longest lifetime of the workspace's new access keys.
#[component]
fn KeyLifetimeForm(max_key_days: Option<i64>) -> impl IntoView {
    let set = ServerAction::<SetKeyLifetime>::new();
    let error = action_error(set);
    let saved = move || {
        set.value()
            .get()
            .and_then(Result::ok)
            .map(|()| "Saved. Keys minted before keep their expiry.")
    };
    view! {
        <ActionForm action=set attr:class="inline-form">
            <FormError error fields=&[]/>
            <div class="field">
                <label for="key-lifetime-limit">"Longest lifetime of new access keys"</label>
                <select id="key-lifetime-limit" name="longest">
                    {LIFETIMES.into_iter().map(|days| view! {
                        <option value=lifetime_value(days) selected=days == max_key_days>
                            {days.map_or_else(|| "No limit".to_owned(), |days| format!("{days} days"))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="secondary" disabled=move || set.pending().get()>
                {move || if set.pending().get() { "Saving…" } else { "Save lifetime" }}
            </button>
            <p class="hint" role="status">{saved}</p>
        </ActionForm>
    }
}
