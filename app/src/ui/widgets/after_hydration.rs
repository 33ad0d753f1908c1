//! Content drawn in the browser once the page has hydrated.

use leptos::prelude::*;

/// Shows `fallback` in the server's HTML and draws the children once the page has
/// hydrated. For sections of several independent async parts that re-render as the
/// user works: hydration then covers only the static frame around them.
#[component]
pub fn AfterHydration(
    /// What shows until then, such as "Loading the team…".
    fallback: &'static str,
    /// The content.
    children: ChildrenFn,
) -> impl IntoView {
    let mounted = RwSignal::new(false);
    Effect::new(move || mounted.set(true));
    view! {
        <Show when=move || mounted.get() fallback=move || view! { <p class="loading">{fallback}</p> }>
            {children()}
        </Show>
    }
}
