//! Long lists searched, sorted and paged on the server, with their state in the URL
//! (`?q=&sort=&dir=&page=`): a reload, the back button, a bookmark or a link sent to a
//! colleague shows the same view, the server renders it, and every control is a link
//! or a GET form, so it works before the WebAssembly has loaded, or without it.
//!
//! A page with two lists gives the second a prefix (`shares_sort`, `shares_page`);
//! the search `q` filters both.

use crate::core::paging::last_page;
use crate::core::text::grouped;
use crate::model::project_members::ProjectMemberSort;
use crate::model::shares::ShareSort;
use crate::model::team::MemberSort;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// The columns a list sorts by, as the URL names them.
pub trait SortColumn: Copy + PartialEq + Default + Send + Sync + 'static {
    /// Every column.
    const ALL: &'static [Self];

    /// The column's name in the URL.
    fn key(self) -> &'static str;

    /// The column a URL names, if any.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|column| column.key() == key)
    }
}

impl SortColumn for MemberSort {
    const ALL: &'static [Self] = &[Self::Name, Self::Email, Self::Role, Self::Joined];

    fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Role => "role",
            Self::Joined => "joined",
        }
    }
}

impl SortColumn for ProjectMemberSort {
    const ALL: &'static [Self] = &[Self::Name, Self::Email, Self::Access, Self::Added];

    fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Access => "access",
            Self::Added => "added",
        }
    }
}

impl SortColumn for ShareSort {
    const ALL: &'static [Self] = &[Self::Person, Self::Access, Self::Status, Self::Added];

    fn key(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Access => "access",
            Self::Status => "status",
            Self::Added => "added",
        }
    }
}

/// What a list shows, as read from the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState<S> {
    /// The search text (`q`), shared by the page's lists.
    pub search: String,
    /// The sort column (`sort`).
    pub sort: S,
    /// Whether the sort is descending (`dir=desc`).
    pub descending: bool,
    /// The page asked for, from 0 (`page`, counted from 1 in the URL).
    pub page: i64,
}

impl<S: SortColumn> ListState<S> {
    /// The state of the list whose parameters start with `prefix` in `query`; missing
    /// or unknown values fall back to the first page of the default sort.
    pub fn read(query: &ParamsMap, prefix: &str) -> Self {
        let param = |name: &str| query.get_str(&format!("{prefix}{name}")).map(str::to_owned);
        Self {
            search: query.get_str("q").unwrap_or_default().to_owned(),
            sort: param("sort")
                .as_deref()
                .and_then(S::from_key)
                .unwrap_or_default(),
            descending: param("dir").as_deref() == Some("desc"),
            page: param("page")
                .and_then(|page| page.parse::<i64>().ok())
                .map_or(0, |page| page.saturating_sub(1)),
        }
    }
}

/// The state of the list with `prefix`, following the URL.
pub fn use_list_state<S: SortColumn>(prefix: &'static str) -> Memo<ListState<S>> {
    let query = use_query_map();
    Memo::new(move |_| ListState::read(&query.read(), prefix))
}

/// The URL of this page with `changes` made to its query (`None` removes a key).
fn href_with(query: &ParamsMap, changes: &[(String, Option<String>)]) -> String {
    let mut query = query.clone();
    for (key, value) in changes {
        query.remove(key);
        if let Some(value) = value {
            query.insert(key.clone(), value.clone());
        }
    }
    let text = query.to_query_string();
    if text.is_empty() {
        "?".to_owned()
    } else {
        text
    }
}

/// A column header that sorts the list by `column`: a link to the first page sorted
/// by it, ascending, or descending when it is already sorted ascending. Announces its
/// state with `aria-sort`.
#[component]
pub fn SortHeader<S: SortColumn>(
    /// The column's name.
    label: &'static str,
    /// The sort order this column stands for.
    column: S,
    /// The prefix of the list's parameters.
    #[prop(default = "")]
    prefix: &'static str,
    /// The header cell's class (`fold` for a column folded into the row on narrow
    /// screens).
    #[prop(default = "")]
    class: &'static str,
) -> impl IntoView {
    let query = use_query_map();
    let state = move || ListState::<S>::read(&query.read(), prefix);
    let aria_sort = move || match state() {
        ListState { sort, .. } if sort != column => "none",
        ListState {
            descending: false, ..
        } => "ascending",
        ListState { .. } => "descending",
    };
    let href = move || {
        let descending = state().sort == column && !state().descending;
        href_with(
            &query.read(),
            &[
                (format!("{prefix}sort"), Some(column.key().to_owned())),
                (
                    format!("{prefix}dir"),
                    Some(if descending { "desc" } else { "asc" }.to_owned()),
                ),
                (format!("{prefix}page"), None),
            ],
        )
    };
    view! {
        <th scope="col" class=class aria-sort=aria_sort>
            <a class="sort" href=href>
                {label}
                <span aria-hidden="true" class="sort-mark">
                    {move || match aria_sort() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </a>
        </th>
    }
}

/// "First page", "Previous page", "Page n of m", "Next page", "Last page": links,
/// when there is more than one page. `page` is the page the server showed (it clamps
/// a page past the end to the last one).
#[component]
pub fn Pager(
    /// The accessible name of the pager, saying which list it pages.
    label: &'static str,
    /// The page shown, from 0.
    page: i64,
    /// How many rows there are in all.
    total: i64,
    /// The prefix of the list's parameters.
    #[prop(default = "")]
    prefix: &'static str,
) -> impl IntoView {
    let query = use_query_map();
    let last = last_page(total);
    let link = move |text: &'static str, target: i64, rel: &'static str| {
        let reachable = target != page && (0..=last).contains(&target);
        if reachable {
            let value = (target > 0).then(|| (target + 1).to_string());
            let href = href_with(&query.read_untracked(), &[(format!("{prefix}page"), value)]);
            view! { <a href=href rel=rel>{text}</a> }.into_any()
        } else {
            view! { <span class="pager-off" aria-disabled="true">{text}</span> }.into_any()
        }
    };
    (last > 0).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                {link("First page", 0, "first")}
                {link("Previous page", page - 1, "prev")}
                <span aria-current="page">{format!("Page {} of {}", grouped(page + 1), grouped(last + 1))}</span>
                {link("Next page", page + 1, "next")}
                {link("Last page", last, "last")}
            </nav>
        }
    })
}

/// How long typing pauses before the list is searched, in milliseconds: long enough
/// not to ask the server once per keystroke of a word typed at speed.
const SEARCH_PAUSE_MS: u64 = 80;

/// The search box of a page's lists: a GET form that works without scripts, and with
/// them searches as the person types (after a short pause, replacing the URL rather
/// than adding a history entry per keystroke; the list's resource drops answers to
/// searches typed over).
#[component]
pub fn SearchBox(
    /// The visible label.
    label: &'static str,
    /// The input's id.
    id: &'static str,
    /// The id of the element that says how many rows match.
    described_by: &'static str,
    /// The URL parameter it sets: `q`, the search of the page's paged lists (a new
    /// search starts them on their first page), or one of its own.
    #[prop(default = "q")]
    name: &'static str,
) -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let resets_page = move |key: &str| name == "q" && key.ends_with("page");
    let kept = move || {
        query
            .read()
            .clone()
            .into_iter()
            .filter(|(key, _)| key != name && !resets_page(key))
            .collect::<Vec<_>>()
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let navigate = navigate.clone();
        // The URL is read when the pause ends, not now: a sort chosen meanwhile stays.
        let search = move || {
            let Some(current) = query.try_get_untracked() else {
                return;
            };
            let mut changes: Vec<(String, Option<String>)> = current
                .clone()
                .into_iter()
                .filter(|(key, _)| resets_page(key))
                .map(|(key, _)| (key.to_string(), None))
                .collect();
            changes.push((name.to_owned(), (!text.is_empty()).then(|| text.clone())));
            if current.get_str(name).unwrap_or_default() != text {
                navigate(
                    &href_with(&current, &changes),
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                );
            }
        };
        let handle =
            set_timeout_with_handle(search, std::time::Duration::from_millis(SEARCH_PAUSE_MS));
        pending.set_value(handle.ok());
    };
    // A search typed just before leaving the page is dropped: it would bring the
    // person back to the page they left.
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    view! {
        <Form method="GET" action="" attr:class="field search" attr:role="search">
            <label for=id>{label}</label>
            <input
                id=id
                type="search"
                name=name
                autocomplete="off"
                aria-describedby=described_by
                value=move || query.read().get(name).unwrap_or_default()
                on:input=on_input
            />
            {move || {
                kept()
                    .into_iter()
                    .map(|(key, value)| view! { <input type="hidden" name=key.to_string() value=value/> })
                    .collect_view()
            }}
            <button type="submit" class="secondary">"Search"</button>
        </Form>
    }
}
