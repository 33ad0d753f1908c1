//! The workspace's name, renameable by owners.

use crate::api::team::RenameWorkspace;
use crate::core::policy::{Action, Member, allows};
use crate::ui::widgets::{Field, FormError, action_error};
use leptos::prelude::*;

/// "Rename workspace" for owners; the page reloads so the switcher shows the new name.
#[component]
pub fn WorkspaceSection(me: Member, name: String) -> impl IntoView {
    let rename = ServerAction::<RenameWorkspace>::new();
    let error = action_error(rename);
    Effect::new(move || {
        if let Some(Ok(())) = rename.value().get() {
            let _ = window().location().reload();
        }
    });
    allows(me, Action::RenameWorkspace).then(|| {
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
            </section>
        }
    })
}
