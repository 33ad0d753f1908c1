//! Controls of long lists paged and sorted on the server: sortable column headers
//! and the pager.

use crate::core::paging::last_page;
use leptos::prelude::*;

/// A column header that sorts the list by `column`: a first press sorts ascending,
/// the next descending. Announces its state with `aria-sort`.
#[component]
pub fn SortHeader<S>(
    /// The column's name.
    label: &'static str,
    /// The sort order this column stands for.
    column: S,
    /// The list's sort column.
    sort: RwSignal<S>,
    /// Whether the list is sorted descending.
    descending: RwSignal<bool>,
    /// The list's page, back to the first on every change.
    page: RwSignal<i64>,
) -> impl IntoView
where
    S: Copy + PartialEq + Send + Sync + 'static,
{
    let state = move || match (sort.get() == column, descending.get()) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    view! {
        <th scope="col" aria-sort=state>
            <button
                type="button"
                class="sort"
                on:click=move |_| {
                    if sort.get_untracked() == column {
                        descending.update(|d| *d = !*d);
                    } else {
                        sort.set(column);
                        descending.set(false);
                    }
                    page.set(0);
                }
            >
                {label}
                <span aria-hidden="true" class="sort-mark">
                    {move || match state() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

/// "Previous page", "Page n of m", "Next page", when there is more than one page.
#[component]
pub fn Pager(
    /// The accessible name of the pager, saying which list it pages.
    label: &'static str,
    /// The page shown, from 0.
    page: RwSignal<i64>,
    /// How many rows there are in all.
    total: i64,
) -> impl IntoView {
    let last = last_page(total);
    (last > 0).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                <button type="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p -= 1)>
                    "Previous page"
                </button>
                <span>{move || format!("Page {} of {}", page.get() + 1, last + 1)}</span>
                <button type="button" disabled=move || last <= page.get() on:click=move |_| page.update(|p| *p += 1)>
                    "Next page"
                </button>
            </nav>
        }
    })
}
