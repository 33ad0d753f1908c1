//! The share dialog: a slide-out panel with an address and a project role.

use super::{Announcer, Field, FormError, Modal, action_error};
use crate::api::shares::ShareProject;
use crate::core::access::GrantRole;
use leptos::prelude::*;

/// The project a share dialog is open for: its id and name.
pub type ShareTarget = RwSignal<Option<(i64, String)>>;

/// Shares the project in `target` (while it is set) with an address outside the
/// workspace; says the result through `announcer` and closes.
#[component]
pub fn ShareDialog(
    /// The project to share; the dialog is open while this is set.
    target: ShareTarget,
    /// The action, so the page can refresh what it shows when a share is made.
    share: ServerAction<ShareProject>,
    /// Where the result is announced.
    announcer: Announcer,
) -> impl IntoView {
    let error = action_error(share);
    Effect::new(move || {
        if let Some(Ok(row)) = share.value().get() {
            target.set(None);
            announcer.polite(format!(
                "Shared with {} as {}: the link is on its way. They show as Pending until they accept.",
                row.email,
                row.role.access().label().to_lowercase()
            ));
        }
    });
    let name = move || target.get().map(|(_, name)| name).unwrap_or_default();
    let id = move || {
        target
            .get()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || target.get().is_some()) on_close=move || target.set(None) labelled_by="share-title" class="slide-out">
                <h2 id="share-title">{move || format!("Share {}", name())}</h2>
                <p class="hint">
                    "For someone outside the workspace. They get an email with a link that works once, "
                    "for that address only, for 14 days. They see this project, its licences and install "
                    "commands, never prices, other projects or members."
                </p>
                <ActionForm action=share>
                    <input type="hidden" name="project_id" value=id/>
                    <FormError error fields=&["email", "role"]/>
                    <Field label="Email" name="email" kind="email" autocomplete="off" error/>
                    <div class="field">
                        <label for="share-role">"Role"</label>
                        <select id="share-role" name="role">
                            {GrantRole::ALL
                                .into_iter()
                                .map(|role| view! { <option value=role.as_str()>{role.access().label()}</option> })
                                .collect_view()}
                        </select>
                        <p class="hint">"Viewers never see access keys; developers can read and rotate them."</p>
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || share.pending().get()>
                            {move || if share.pending().get() { "Sharing…" } else { "Share project" }}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| target.set(None)>"Cancel"</button>
                    </div>
                </ActionForm>
        </Modal>
    }
}
