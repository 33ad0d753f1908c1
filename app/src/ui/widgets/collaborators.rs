//! A project's collaborators outside its workspace, as one list that the share dialog
//! and the Members screen both show: pending shares with Resend and Cancel, active
//! ones with a project access per row and ✕ to end the collaboration, and when each
//! ends, changed in place. It is searched,
//! sorted and paged on the server, its state in the URL (`q`, `shares_sort`,
//! `shares_dir`, `shares_page`), with the search and sort controls on top once the
//! list is long.

use super::collaborator_row::CollaboratorRow;
use super::{Announcer, InlineSaves, Pager, SearchBox, SortHeader, use_list_state};
use crate::api::shares::{
    ChangeShareEnd, ChangeShareRole, EndShare, ResendShare, ShareProject, list_shares,
};
use crate::core::text::grouped;
use crate::error::{AppError, if_allowed};
use crate::model::shares::{SharePage, ShareSort};
use crate::ui::widgets::Table;
use leptos::prelude::*;

/// The prefix of the list's sort and page parameters.
const PREFIX: &str = "shares_";

/// Lists longer than this get a search box and sortable headers.
const LONG_LIST: i64 = 10;

/// A project's collaborators and the actions that change them, created by a page
/// before it renders, so that the server renders the list and the browser hydrates it.
#[derive(Clone, Copy)]
pub struct Collaborators {
    /// The page of shares the URL asks for; `None` without a project, or for those
    /// who may not see them.
    pub list: Resource<Result<Option<SharePage>, AppError>>,
    /// Shares the project with another address.
    pub share: ServerAction<ShareProject>,
    /// Sends a pending share again.
    pub(super) resend: ServerAction<ResendShare>,
    /// Cancels or revokes a share.
    pub(super) end: ServerAction<EndShare>,
    /// The project whose collaborators these are.
    pub(super) project: Memo<Option<i64>>,
}

impl Collaborators {
    /// The collaborators of the project `project` names, if any.
    pub fn load(project: Memo<Option<i64>>) -> Self {
        let (share, resend, end) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        let state = use_list_state::<ShareSort>(PREFIX);
        let list = Resource::new(
            move || {
                (
                    project.get(),
                    state.get(),
                    (
                        share.version().get(),
                        resend.version().get(),
                        end.version().get(),
                    ),
                )
            },
            |(project, state, _)| async move {
                match project {
                    Some(id) => if_allowed(
                        list_shares(id, state.search, state.sort, state.descending, state.page)
                            .await,
                    ),
                    None => Ok(None),
                }
            },
        );
        Self {
            list,
            share,
            resend,
            end,
            project,
        }
    }

    /// How many shares were made, resent and ended, for resources that follow them.
    pub fn changes(self) -> (usize, usize, usize) {
        (
            self.share.version().get(),
            self.resend.version().get(),
            self.end.version().get(),
        )
    }
}

/// Says the results of Resend, Cancel and Revoke through `announcer`; only those of
/// actions taken after the list appeared.
fn announce_results(data: Collaborators, announcer: Announcer) {
    let (resend, end) = (data.resend, data.end);
    let resent_before = resend.version().get_untracked();
    Effect::new(move || {
        if resend.version().get() == resent_before {
            return;
        }
        match resend.value().get() {
            Some(Ok(row)) => announcer.polite(format!(
                "A new link was sent to {}; the old one no longer works.",
                row.email
            )),
            Some(Err(error)) => announcer.assertive(error.to_string()),
            None => {}
        }
    });
    let ended_before = end.version().get_untracked();
    Effect::new(move || {
        if end.version().get() == ended_before {
            return;
        }
        match end.value().get() {
            Some(Ok(ended)) if ended.was_active => {
                let keys = if ended.readable_keys.is_empty() {
                    String::new()
                } else {
                    format!(
                        " They could read these keys: {}. Rotate them under Access keys.",
                        ended.readable_keys.join(", ")
                    )
                };
                announcer.polite(format!("{} no longer has access.{keys}", ended.email));
            }
            Some(Ok(ended)) => {
                announcer.polite(format!("The share with {} was cancelled.", ended.email))
            }
            Some(Err(error)) => announcer.assertive(error.to_string()),
            None => {}
        }
    });
}

/// The collaborators of `data`'s project. Those who manage it change a project access
/// inline, resend, cancel and revoke; results are said through `announcer`. In the
/// share dialog a long list has its own search box; on a page, the page's search
/// filters it.
#[component]
pub fn CollaboratorList(
    /// The list and its actions.
    data: Collaborators,
    /// Whether the viewer manages the project's shares.
    can_manage: bool,
    /// Where results are said.
    announcer: Announcer,
    /// Whether the list is the share dialog's (its element ids differ from a page's).
    in_dialog: bool,
) -> impl IntoView {
    announce_results(data, announcer);
    let state = use_list_state::<ShareSort>(PREFIX);
    let (role_saves, end_saves) = (InlineSaves::new(), InlineSaves::new());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the people outside the workspace…"</p> }>
            {move || Suspend::new(async move {
                match data.list.await {
                    Ok(Some(page)) => {
                        let searching = !state.read_untracked().search.is_empty();
                        let long = page.total > LONG_LIST || searching;
                        let context = RowContext { data, can_manage, announcer, in_dialog, role_saves, end_saves };
                        view! { <CollaboratorTable page context long searchable=in_dialog && long/> }.into_any()
                    }
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What each row of a list needs besides its share.
#[derive(Clone, Copy)]
pub(super) struct RowContext {
    pub(super) data: Collaborators,
    pub(super) can_manage: bool,
    pub(super) announcer: Announcer,
    /// In the share dialog: other element ids than a page's, and no "Added" column.
    pub(super) in_dialog: bool,
    /// The saves of the rows' project access dropdowns.
    pub(super) role_saves: InlineSaves<ChangeShareRole>,
    /// The saves of the rows' end dropdowns.
    pub(super) end_saves: InlineSaves<ChangeShareEnd>,
}

impl RowContext {
    /// The prefix of the list's element ids.
    pub(super) fn ids(self) -> &'static str {
        if self.in_dialog { "dialog-" } else { "" }
    }
}

#[component]
fn CollaboratorTable(
    page: SharePage,
    context: RowContext,
    long: bool,
    searchable: bool,
) -> impl IntoView {
    let count_id = format!("{}collaborator-count", context.ids());
    let count = match page.total {
        0 if long => "Nobody outside the workspace matches.".to_owned(),
        0 => "Nobody outside the workspace has access.".to_owned(),
        1 => "1 person outside the workspace".to_owned(),
        n => format!("{} people outside the workspace", grouped(n)),
    };
    let header = move |label: &'static str, column: ShareSort, class: &'static str| {
        if long {
            view! { <SortHeader label column prefix=PREFIX class/> }.into_any()
        } else {
            view! { <th scope="col" class=class>{label}</th> }.into_any()
        }
    };
    // Only the dialog's list searches on its own, so its ids are the dialog's.
    let search = searchable.then(|| {
        view! {
            <SearchBox
                label="Search people outside the workspace"
                id="dialog-collaborator-search"
                described_by="dialog-collaborator-count"
            />
        }
    });
    let table = (!page.rows.is_empty()).then(|| {
        view! {
            <Table class="collaborators" actions=true head=view! {
                {header("Person", ShareSort::Person, "")}
                {header("Project access", ShareSort::Access, "")}
                {header("Status", ShareSort::Status, "")}
                <th scope="col">"Ends"</th>
                {(!context.in_dialog).then(|| header("Added", ShareSort::Added, "fold"))}
            }.into_any()>
                {page.rows.into_iter().map(|row| view! { <CollaboratorRow row context/> }).collect_view()}
            </Table>
        }
    });
    view! {
        {search}
        <p id=count_id class=if page.total == 0 { "empty" } else { "" }>{count}</p>
        {table}
        <Pager label="Pages of people outside the workspace" page=page.page total=page.total prefix=PREFIX/>
    }
}
