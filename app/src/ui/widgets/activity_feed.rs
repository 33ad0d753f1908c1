//! An activity feed: who did what to whom, and when.

use super::Day;
use crate::core::paging::ACTIVITY_PER_PAGE;
use crate::error::AppError;
use crate::model::team::ActivityEntry;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A section listing `entries`, newest first. With `page_param`, the page shown is
/// that URL parameter (from 1), and links lead to older and newer entries.
#[component]
pub fn ActivityFeed(
    /// The entries, loaded by the page.
    entries: Resource<Result<Vec<ActivityEntry>, AppError>>,
    /// The id of the section's heading.
    heading_id: &'static str,
    /// The URL parameter holding the page, when the feed is paged.
    #[prop(optional)]
    page_param: Option<&'static str>,
) -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        page_param
            .and_then(|param| {
                query
                    .read()
                    .get_str(param)
                    .and_then(|p| p.parse::<i64>().ok())
            })
            .unwrap_or(1)
            .max(1)
    };
    let link = move |to: i64, text: &'static str| {
        page_param.map(|param| {
            let mut changed = query.read_untracked().clone();
            changed.remove(param);
            if to > 1 {
                changed.insert(param, to.to_string());
            }
            let href = changed.to_query_string();
            let href = if href.is_empty() {
                "?".to_owned()
            } else {
                href
            };
            view! { <a href=href>{text}</a> }
        })
    };
    view! {
        <section class="card" aria-labelledby=heading_id>
            <h2 id=heading_id>"Activity"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading activity…"</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.is_empty() && page() == 1 => view! { <p class="empty">"Nothing has happened yet."</p> }.into_any(),
                        Ok(list) => {
                            let older = i64::try_from(list.len()).unwrap_or(0) >= ACTIVITY_PER_PAGE;
                            let current = page();
                            let none_older = list.is_empty();
                            view! {
                            <ol class="activity">
                                {list.into_iter().map(|entry| {
                                    let detail = (!entry.detail.is_empty()).then(|| format!(" ({})", entry.detail));
                                    view! {
                                        <li>
                                            <strong><bdi>{entry.actor}</bdi></strong> " " {entry.action} " " <strong><bdi>{entry.subject}</bdi></strong>
                                            {detail}
                                            <span class="when">" · " <Day at=entry.created_at/></span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            {none_older.then(|| view! { <p class="empty">"No older activity."</p> })}
                            <nav class="pager" aria-label="Activity pages">
                                {(current > 1).then(|| link(current - 1, "Newer activity"))}
                                {older.then(|| link(current + 1, "Older activity"))}
                            </nav>
                        }.into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
