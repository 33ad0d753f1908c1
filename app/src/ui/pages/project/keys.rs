//! The project's access keys: list, show, mint, rotate and deactivate.

use super::ProjectData;
use crate::api::keys::{DeactivateKey, RevealKey, RotateKey};
use crate::core::key_lifetime::{UNUSED_DAYS, lifetime_value, lifetime_words};
use crate::model::keys::KeyRow;
use crate::model::projects::ProjectView;
use crate::ui::widgets::{CopyButton, Day, Field, FormError, Modal, Table, action_error};
use leptos::prelude::*;

/// A change to a key that asks for confirmation first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Rotate,
    Deactivate,
}

/// The keys for developers and above; for the others, only how many there are.
#[component]
pub fn KeysSection(project: ProjectView) -> impl IntoView {
    if !project.access.uses_keys() {
        let count = match project.key_count {
            0 => "This project has no access keys yet.".to_owned(),
            1 => "This project has 1 active access key.".to_owned(),
            n => format!("This project has {n} active access keys."),
        };
        return view! {
            <section class="card" aria-labelledby="keys-heading">
                <h2 id="keys-heading">"Access keys"</h2>
                <p>{count} " Your role cannot read them; a developer of the project can give you one."</p>
            </section>
        }
        .into_any();
    }
    let data = expect_context::<ProjectData>();
    let (shown, announcer) = (data.shown, data.announcer);
    let confirming = RwSignal::new(None::<(KeyRow, Change)>);
    Effect::new(move || match data.mint.value().get() {
        Some(Ok(key)) => {
            announcer.polite(format!(
                "Key \"{}\" minted. Its value is shown below.",
                key.name
            ));
            shown.set(Some(key));
        }
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match data.reveal.value().get() {
        Some(Ok(key)) => shown.set(Some(key)),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match data.rotate.value().get() {
        Some(Ok(key)) => {
            announcer.polite(format!(
                "Key \"{}\" rotated: the old value no longer works. The new one is shown below.",
                key.name
            ));
            shown.set(Some(key));
        }
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match data.deactivate.value().get() {
        Some(Ok(())) => announcer.polite("Key deactivated: it no longer works.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let (project_id, manageable) = (project.id, project.keys_manageable);
    let preview = project.preview.is_some();
    let hint = if manageable {
        "Composer sends one of these keys to download this project's packages."
    } else {
        "Composer sends one of these keys to download this project's packages. \
         You can read and rotate them; the workspace's members mint and deactivate them."
    };
    view! {
        <section class="card" aria-labelledby="keys-heading">
            <h2 id="keys-heading">"Access keys"</h2>
            <p class="hint">{hint}</p>
            <ShownKey/>
            {manageable.then(|| view! { <MintForm project_id lifetimes=project.key_lifetimes.clone()/> })}
            <Transition fallback=|| view! { <p class="loading">"Loading keys…"</p> }>
                {move || Suspend::new(async move {
                    match data.keys.await {
                        Ok(Some(keys)) if keys.is_empty() && manageable => view! { <p class="empty">"No keys yet: mint one above."</p> }.into_any(),
                        Ok(Some(keys)) if keys.is_empty() => view! { <p class="empty">"No keys yet."</p> }.into_any(),
                        Ok(Some(keys)) => view! { <KeyTable keys project_id manageable preview confirming/> }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <ChangeDialog project_id confirming/>
        </section>
    }
    .into_any()
}

/// The value of the key being shown, with copy and hide.
#[component]
fn ShownKey() -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (shown, announcer) = (data.shown, data.announcer);
    move || {
        shown.get().map(|key| {
            let value = key.value.clone();
            view! {
                <div class="shown-key" role="group" aria-labelledby="shown-key-label">
                    <p id="shown-key-label">{format!("Value of \"{}\"", key.name)}</p>
                    <code class="key-value">{key.value.clone()}</code>
                    <div class="actions">
                        <CopyButton text=Signal::derive(move || value.clone()) label=format!("Copy the value of {}", key.name) announcer/>
                        <button type="button" class="secondary" on:click=move |_| shown.set(None)>"Hide"</button>
                    </div>
                </div>
            }
        })
    }
}

/// Mints a key, with a lifetime among those the workspace allows.
#[component]
fn MintForm(project_id: i64, lifetimes: Vec<Option<i64>>) -> impl IntoView {
    let mint = expect_context::<ProjectData>().mint;
    let error = action_error(mint);
    let lifetime_error = move || error.get().and_then(|e| e.message_for("lifetime"));
    view! {
        <ActionForm action=mint attr:class="inline-form">
            <FormError error fields=&["name", "lifetime"]/>
            <input type="hidden" name="project_id" value=project_id.to_string()/>
            <Field label="New key name" name="name" autocomplete="off" hint="Where it is used, such as CI or Production." error/>
            <div class="field">
                <label for="key-lifetime">"Expires"</label>
                <select
                    id="key-lifetime"
                    name="lifetime"
                    aria-invalid=move || lifetime_error().map(|_| "true")
                    aria-describedby=move || lifetime_error().map(|_| "key-lifetime-error")
                >
                    {lifetimes.into_iter().map(|days| view! {
                        <option value=lifetime_value(days)>{lifetime_words(days)}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="key-lifetime-error" hidden=move || lifetime_error().is_none()>
                    {lifetime_error}
                </p>
            </div>
            <button type="submit" disabled=move || mint.pending().get()>
                {move || if mint.pending().get() { "Minting…" } else { "Mint key" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn KeyTable(
    keys: Vec<KeyRow>,
    project_id: i64,
    manageable: bool,
    /// Whether the table is a preview: its buttons are shown, and do nothing.
    preview: bool,
    confirming: RwSignal<Option<(KeyRow, Change)>>,
) -> impl IntoView {
    let reveal = expect_context::<ProjectData>().reveal;
    view! {
        <Table columns=&["Name", "Minted by", "Created", "Last used", "Expires", "Status"] actions=true>
            {keys.into_iter().map(|key| {
                let (for_rotate, for_deactivate) = (key.clone(), key.clone());
                let key_id = key.id;
                let name = key.name.clone();
                view! {
                    <tr>
                        <td><bdi>{key.name.clone()}</bdi></td>
                        <td>{key.minted_by.clone()}</td>
                        <td><Day at=key.created_at/></td>
                        <td>{match (key.last_used_at, key.last_used_from.clone()) {
                            (None, _) => "Never".into_any(),
                            (Some(at), None) => view! { <Day at/> }.into_any(),
                            (Some(at), Some(from)) => view! { <Day at/> {format!(" from {from}")} }.into_any(),
                        }}</td>
                        <td>{key.expires_at.map_or_else(|| "Never".into_any(), |at| view! { <Day at/> }.into_any())}</td>
                        <td>
                            {match (key.active, key.expired) {
                                (false, _) => view! { <span class="badge">"Deactivated"</span> }.into_any(),
                                (true, true) => view! { <span class="badge danger">"Expired"</span> }.into_any(),
                                (true, false) => view! { <span class="badge success">"Active"</span> }.into_any(),
                            }}
                            {(key.active && !key.expired && key.unused).then(|| view! {
                                <span class="badge warning">{format!("Unused for {UNUSED_DAYS} days")}</span>
                            })}
                        </td>
                        <td class="row-actions">
                            {(key.active && !key.expired).then(|| view! {
                                <button type="button" class="secondary" aria-label=format!("Show the value of {name}") disabled=preview
                                    on:click=move |_| { reveal.dispatch(RevealKey { project_id, key_id }); }>
                                    "Show"
                                </button>
                                <button type="button" class="secondary" aria-label=format!("Rotate {name}") disabled=preview
                                    on:click=move |_| confirming.set(Some((for_rotate.clone(), Change::Rotate)))>
                                    "Rotate"
                                </button>
                                {manageable.then(|| view! {
                                    <button type="button" class="secondary" aria-label=format!("Deactivate {name}")
                                        on:click=move |_| confirming.set(Some((for_deactivate.clone(), Change::Deactivate)))>
                                        "Deactivate"
                                    </button>
                                })}
                            })}
                        </td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

/// Confirms a rotation or deactivation, saying what stops working.
#[component]
fn ChangeDialog(project_id: i64, confirming: RwSignal<Option<(KeyRow, Change)>>) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (rotate, deactivate, shown) = (data.rotate, data.deactivate, data.shown);
    let name = move || {
        confirming
            .get()
            .map(|(key, _)| key.name)
            .unwrap_or_default()
    };
    let change = move || confirming.get().map(|(_, change)| change);
    let confirm = move |_| {
        if let Some((key, change)) = confirming.get_untracked() {
            let key_id = key.id;
            match change {
                Change::Rotate => {
                    rotate.dispatch(RotateKey { project_id, key_id });
                }
                Change::Deactivate => {
                    if shown.get_untracked().is_some_and(|k| k.id == key_id) {
                        shown.set(None);
                    }
                    deactivate.dispatch(DeactivateKey { project_id, key_id });
                }
            }
        }
        confirming.set(None);
    };
    view! {
        <Modal open=Signal::derive(move || confirming.get().is_some()) on_close=move || confirming.set(None) labelled_by="key-change-title">
            <h2 id="key-change-title">
                {move || match change() {
                    Some(Change::Rotate) => format!("Rotate \"{}\"?", name()),
                    _ => format!("Deactivate \"{}\"?", name()),
                }}
            </h2>
            <p>
                {move || match change() {
                    Some(Change::Rotate) => "The key gets a new value and the old value stops working at once: \
                        every machine that uses it needs the new value.",
                    _ => "The key stops working at once and cannot be turned back on.",
                }}
            </p>
            <div class="actions">
                <button type="button" class="danger" on:click=confirm>
                    {move || match change() {
                        Some(Change::Rotate) => "Rotate key",
                        _ => "Deactivate key",
                    }}
                </button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(None)>"Cancel"</button>
            </div>
        </Modal>
    }
}
