//! The document's title, set by each page.

use leptos::prelude::*;
use leptos_meta::Title;

/// The document's title: `text`, then the product's name ("Projects · Acme ·
/// Packagento"). Each title carries the whole of it, so there is no title of the app
/// itself: leptos_meta's `Title` clears the document's title when it hydrates before
/// any title has text (its effect runs before it adds its own), and one of the app's
/// would hydrate long before the page's split-off code, leaving the title empty
/// meanwhile.
#[component]
pub fn PageTitle(
    /// What the page is, most specific first.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    view! { <Title text=format!("{text} · Packagento")/> }
}
