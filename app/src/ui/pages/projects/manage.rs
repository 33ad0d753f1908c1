//! Creating, renaming and deleting projects (owners and admins).

use super::ProjectsData;
use crate::ui::widgets::{Field, FormError, Modal, action_error};
use leptos::prelude::*;

/// "New project": a disclosure with a name and a button, `open` from the start for a
/// newcomer with nothing else on the page.
#[component]
pub fn NewProjectForm(open: bool) -> impl IntoView {
    let ProjectsData {
        create, announcer, ..
    } = expect_context::<ProjectsData>();
    let error = action_error(create);
    Effect::new(move || {
        if let Some(Ok(card)) = create.value().get() {
            announcer.polite(format!("Project {} created.", card.name));
        }
    });
    view! {
        <details class="card new-project" open=open>
            <summary><h3>"New project"</h3></summary>
            <ActionForm action=create attr:class="inline-form">
                <FormError error fields=&["name"]/>
                <Field label="Project name" name="name" autocomplete="off" error/>
                <button type="submit" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create project" }}
                </button>
            </ActionForm>
        </details>
    }
}

/// The rename dialog of the project in `renaming`.
#[component]
pub fn RenameDialog() -> impl IntoView {
    let ProjectsData {
        rename,
        renaming,
        announcer,
        ..
    } = expect_context::<ProjectsData>();
    let error = action_error(rename);
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for("name").or(Some(e.to_string())))
    };
    Effect::new(move || {
        if let Some(Ok(())) = rename.value().get() {
            renaming.set(None);
            announcer.polite("Project renamed.".to_owned());
        }
    });
    let current = move || renaming.get().map(|card| card.name).unwrap_or_default();
    let id = move || {
        renaming
            .get()
            .map(|card| card.id.to_string())
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || renaming.get().is_some()) on_close=move || renaming.set(None) labelled_by="rename-title">
            <h2 id="rename-title">{move || format!("Rename {}", current())}</h2>
            <ActionForm action=rename>
                <input type="hidden" name="project_id" value=id/>
                <div class="field">
                    <label for="rename-name">"New name"</label>
                    <input
                        id="rename-name"
                        name="name"
                        required
                        autocomplete="off"
                        prop:value=current
                        aria-invalid=move || message().is_some().then_some("true")
                        aria-describedby="rename-error"
                    />
                    <p class="field-error" id="rename-error" role="alert">{message}</p>
                </div>
                <div class="actions">
                    <button type="submit" disabled=move || rename.pending().get()>"Save name"</button>
                    <button type="button" class="secondary" on:click=move |_| renaming.set(None)>"Cancel"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// The delete dialog of the project in `deleting`: its name must be typed.
#[component]
pub fn DeleteDialog() -> impl IntoView {
    let ProjectsData {
        delete,
        deleting,
        announcer,
        ..
    } = expect_context::<ProjectsData>();
    let error = action_error(delete);
    Effect::new(move || {
        if let Some(Ok(deletion)) = delete.value().get() {
            deleting.set(None);
            let keys = match deletion.keys_deactivated {
                0 => String::new(),
                1 => " Its one access key was deactivated.".to_owned(),
                n => format!(" Its {n} access keys were deactivated."),
            };
            announcer.polite(format!("{} was deleted.{keys}", deletion.name));
        }
    });
    let name = move || deleting.get().map(|card| card.name).unwrap_or_default();
    let id = move || {
        deleting
            .get()
            .map(|card| card.id.to_string())
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || deleting.get().is_some()) on_close=move || deleting.set(None) labelled_by="delete-title">
            <h2 id="delete-title">{move || format!("Delete {}?", name())}</h2>
            <p>
                "The project disappears for everyone and its access keys stop working at once. "
                "Its licences stay with the workspace."
            </p>
            <ActionForm action=delete>
                <input type="hidden" name="project_id" value=id/>
                <FormError error fields=&["confirm_name"]/>
                <Field label="Type the project's name to confirm" name="confirm_name" autocomplete="off" error/>
                <div class="actions">
                    <button type="submit" class="danger" disabled=move || delete.pending().get()>
                        "Delete project"
                    </button>
                    <button type="button" class="secondary" on:click=move |_| deleting.set(None)>"Cancel"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
