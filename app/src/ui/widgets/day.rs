//! A calendar day as the pages show it: one word that never breaks over two lines.

use crate::core::dates::format_date;
use leptos::prelude::*;

/// The day of `at` (Unix seconds), `2026-12-16`, in a `<time>` element; the
/// stylesheet keeps it on one line, where a browser would break it at a hyphen.
#[component]
pub fn Day(at: i64) -> impl IntoView {
    let day = format_date(at);
    let datetime = day.clone();
    view! { <time datetime=datetime>{day}</time> }
}
