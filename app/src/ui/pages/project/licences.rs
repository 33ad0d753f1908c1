//! The project's licences, attached and detached by owners and admins.

use super::ProjectData;
use crate::api::projects::DetachLicence;
use crate::core::dates::format_date;
use crate::core::text::grouped;
use crate::model::projects::{AttachableLicences, LicenceRow, ProjectView};
use crate::ui::widgets::{Day, FormError, SearchBox, Table, action_error, qa_badge};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The licences table and, for those who manage the project, attaching.
#[component]
pub fn LicencesSection(project: ProjectView) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (attach, detach, announcer) = (data.attach, data.detach, data.announcer);
    Effect::new(move || match attach.value().get() {
        Some(Ok(())) => announcer.polite("Licence attached.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match detach.value().get() {
        Some(Ok(())) => announcer.polite("Licence detached.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let manages = project.access.manages();
    let project_id = project.id;
    let table = if project.licences.is_empty() {
        view! { <p class="empty">"No licences are attached to this project yet."</p> }.into_any()
    } else {
        view! {
            <Table columns=&["Package", "Version", "Expires", "QA status"] actions=manages>
                {project.licences.into_iter().map(|licence| view! { <LicenceLine licence manages project_id/> }).collect_view()}
            </Table>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="licences-heading">
            <h2 id="licences-heading">"Licences"</h2>
            {table}
            {manages.then(|| view! { <AttachForm project_id/> })}
        </section>
    }
}

#[component]
fn LicenceLine(licence: LicenceRow, manages: bool, project_id: i64) -> impl IntoView {
    let detach = expect_context::<ProjectData>().detach;
    let version = licence.version.clone().map_or_else(
        || format!("none released yet ({})", licence.line),
        |version| format!("{version} ({})", licence.line),
    );
    let badge = if licence.expired {
        Some(("badge danger", "Expired"))
    } else if licence.expiring_soon {
        Some(("badge warning", "Expires soon"))
    } else {
        None
    };
    let qa = licence.qa.map_or("—", |qa| qa.label());
    let qa_class = licence.qa.map_or("badge", qa_badge);
    let licence_id = licence.licence_id;
    let label = format!("Detach the licence of {}", licence.package);
    view! {
        <tr>
            <td>
                <strong>{licence.package.clone()}</strong>
                <br/>
                <span class="hint">{licence.description.clone()}</span>
            </td>
            <td>{version}</td>
            <td>
                <Day at=licence.expires_at/>
                {badge.map(|(class, text)| view! { " " <span class=class>{text}</span> })}
            </td>
            <td><span class=qa_class>{qa}</span></td>
            {manages.then(|| view! {
                <td class="row-actions">
                    <button
                        type="button"
                        class="secondary"
                        aria-label=label
                        disabled=move || detach.pending().get()
                        on:click=move |_| { detach.dispatch(DetachLicence { project_id, licence_id }); }
                    >
                        "Detach"
                    </button>
                </td>
            })}
        </tr>
    }
}

/// Attaches one of the workspace's other licences: a search (the URL's `licence`)
/// and the first licences it finds.
#[component]
fn AttachForm(project_id: i64) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (attach, attachable) = (data.attach, data.attachable);
    let error = action_error(attach);
    let query = use_query_map();
    view! {
        <div class="attach">
            <SearchBox label="Search licences" id="licence-search" described_by="attach-count" name="licence"/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match attachable.await {
                        Ok(Some(found)) => {
                            let search = query.read_untracked().get("licence").unwrap_or_default();
                            let count = attachable_count(&found, search.trim());
                            let none_left = found.total == 0 && search.trim().is_empty();
                            let count = view! {
                                <p id="attach-count" class="hint" role="status">
                                    {count}
                                    {none_left.then(|| view! { " " <a href="/catalogue">"Get one from the Catalogue."</a> })}
                                </p>
                            };
                            let form = (!found.shown.is_empty()).then(|| view! {
                                <ActionForm action=attach attr:class="inline-form">
                                    <FormError error fields=&[]/>
                                    <input type="hidden" name="project_id" value=project_id.to_string()/>
                                    <div class="field">
                                        <label for="attach-licence">"Licence to attach"</label>
                                        <select id="attach-licence" name="licence_id">
                                            {found.shown.into_iter().map(|option| view! {
                                                <option value=option.licence_id.to_string()>
                                                    {format!("{} {} (until {})", option.package, option.line, format_date(option.expires_at))}
                                                </option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" disabled=move || attach.pending().get()>"Attach licence"</button>
                                </ActionForm>
                            });
                            view! { {count} {form} }.into_any()
                        }
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// What the `search` for licences to attach found, in words.
fn attachable_count(found: &AttachableLicences, search: &str) -> String {
    let shown = i64::try_from(found.shown.len()).unwrap_or(i64::MAX);
    match found.total {
        0 if search.is_empty() => "No licence of the workspace is left to attach.".to_owned(),
        0 => format!("No licence to attach has “{search}” in its package name."),
        total if total > shown => {
            format!(
                "The first {shown} of {} licences to attach; search to find the others.",
                grouped(total)
            )
        }
        1 => "1 licence to attach.".to_owned(),
        total => format!("{} licences to attach.", grouped(total)),
    }
}
