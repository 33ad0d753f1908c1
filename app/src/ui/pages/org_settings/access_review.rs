//! The access review: the CSV files owners and admins download.

use crate::model::access_review::Report;
use leptos::prelude::*;

/// Links to the access review's files, for those who may download them
/// (`can_review`); each download is written to the activity feed.
#[component]
pub fn AccessReviewSection(can_review: bool) -> impl IntoView {
    can_review.then(|| {
        view! {
            <section class="card" aria-labelledby="access-review-heading">
                <h2 id="access-review-heading">"Access review"</h2>
                <p class="hint">
                    "Spreadsheets (CSV) of who can install what, as of the moment you download them. "
                    "Each download is recorded in the activity."
                </p>
                <ul class="downloads">
                    {Report::ALL
                        .into_iter()
                        .map(|report| view! {
                            <li><a href=report.href() download=report.file_name() rel="external">{format!("Download {} (CSV)", report.contents())}</a></li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
