//! An activity feed: who did what to whom, and when.

use crate::api::team::ActivityEntry;
use crate::core::dates::format_date;
use crate::error::AppError;
use leptos::prelude::*;

/// A section listing `entries`, newest first.
#[component]
pub fn ActivityFeed(
    /// The entries, loaded by the page.
    entries: Resource<Result<Vec<ActivityEntry>, AppError>>,
    /// The id of the section's heading.
    heading_id: &'static str,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=heading_id>
            <h2 id=heading_id>"Activity"</h2>
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
                                            <strong><bdi>{entry.actor}</bdi></strong> " " {entry.action} " " <strong><bdi>{entry.subject}</bdi></strong>
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
