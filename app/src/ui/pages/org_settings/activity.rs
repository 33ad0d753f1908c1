//! The workspace's activity feed, newest first.

use super::TeamData;
use crate::core::dates::format_date;
use leptos::prelude::*;

/// Who did what to whom, and when.
#[component]
pub fn ActivitySection() -> impl IntoView {
    let entries = expect_context::<TeamData>().activity;
    view! {
        <section class="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading">"Activity"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading activity…"</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">"Nothing has happened yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="activity">
                                {list.into_iter().map(|entry| {
                                    let detail = (!entry.detail.is_empty()).then(|| format!(" ({})", entry.detail));
                                    view! {
                                        <li>
                                            <strong>{entry.actor}</strong> " " {entry.action} " " <strong>{entry.subject}</strong>
                                            {detail}
                                            <span class="when">" · " {format_date(entry.created_at)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
