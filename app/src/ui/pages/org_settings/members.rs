//! The member list: search as you type, sortable columns, pages, inline role changes
//! and removal with confirmation.

use super::TeamData;
use crate::api::team::{ChangeMemberRole, RemoveMember};
use crate::core::paging::member_count;
use crate::core::role::Role;
use crate::model::team::{MemberRow, MemberSort, RoleChange};
use crate::ui::widgets::{
    Announcer, Day, InlineSaves, InlineSelect, Modal, Pager, SearchBox, SortHeader, Table,
};
use leptos::prelude::*;

/// The members section of Org settings: the search, the sorted page of members with
/// their roles, and the pager, all following the URL. `me` is the signed-in user;
/// `offer`, the roles they may give (see [`crate::model::team::WorkspaceRights`]).
#[component]
pub fn MembersSection(me: i64, offer: Vec<Role>) -> impl IntoView {
    let team = expect_context::<TeamData>();
    let members = team.members;
    let removing = RwSignal::new(None::<MemberRow>);
    let saves = InlineSaves::<ChangeMemberRole>::new();
    let announcer = Announcer::new();
    provide_context(announcer);
    view! {
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <SearchBox label="Search members" id="member-search" described_by="member-count"/>
            <Transition fallback=|| view! { <p class="loading">"Loading members…"</p> }>
                {move || {
                    let offer = offer.clone();
                    Suspend::new(async move {
                    match members.await {
                        Ok(result) => {
                            let total = result.total;
                            let count = member_count(total, result.page, result.rows.len());
                            view! {
                                <p id="member-count" role="status">{count}</p>
                                <Table class="members" actions=true head=view! {
                                    <SortHeader label="Name" column=MemberSort::Name/>
                                    <SortHeader label="Email" column=MemberSort::Email class="fold"/>
                                    <SortHeader label="Role" column=MemberSort::Role/>
                                    <SortHeader label="Joined" column=MemberSort::Joined class="fold"/>
                                }.into_any()>
                                    {result
                                        .rows
                                        .into_iter()
                                        .map(|row| view! { <MemberLine row me offer=offer.clone() removing saves/> })
                                        .collect_view()}
                                </Table>
                                <Pager label="Member pages" page=result.page total/>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })
                }}
            </Transition>
            <RemoveDialog removing/>
            {announcer.regions()}
        </section>
    }
}

#[component]
fn MemberLine(
    row: MemberRow,
    me: i64,
    offer: Vec<Role>,
    removing: RwSignal<Option<MemberRow>>,
    saves: InlineSaves<ChangeMemberRole>,
) -> impl IntoView {
    let can_manage = row.can_manage;
    let remove_row = row.clone();
    view! {
        <tr>
            <td>
                <bdi>{row.display_name.clone()}</bdi> {(row.user_id == me).then_some(" (you)")}
                <span class="folded"><bdi>{row.email.clone()}</bdi> " · joined " <Day at=row.joined_at/></span>
            </td>
            <td class="email fold"><bdi>{row.email.clone()}</bdi></td>
            <td>
                {if can_manage {
                    view! { <RoleSelect row=row.clone() offer saves/> }.into_any()
                } else {
                    view! { <span>{row.role.label()}</span> }.into_any()
                }}
            </td>
            <td class="fold"><Day at=row.joined_at/></td>
            <td>
                {can_manage.then(|| {
                    let name = remove_row.display_name.clone();
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            aria-label=format!("Remove {name}")
                            on:click=move |_| removing.set(Some(remove_row.clone()))
                        >
                            "Remove"
                        </button>
                    }
                })}
            </td>
        </tr>
    }
}

/// A role dropdown saved at once: shows saving, then saved, or rolls back with the
/// reason when the server refuses.
#[component]
fn RoleSelect(
    row: MemberRow,
    offer: Vec<Role>,
    saves: InlineSaves<ChangeMemberRole>,
) -> impl IntoView {
    let name = row.display_name.clone();
    let user_id = row.user_id;
    let options = offer
        .into_iter()
        .map(|role| (role.as_str().to_owned(), role.label().to_owned()))
        .collect();
    view! {
        <InlineSelect
            saves
            id=format!("role-{user_id}")
            label=format!("Role of {name}")
            save_label=format!("Save role for {name}")
            value=row.role.as_str().to_owned()
            choose=move |value| {
                Role::parse(&value).ok().map(|role| ChangeMemberRole { user_id, role: role.as_str().to_owned() })
            }
            saved=|change: RoleChange| (change.member.role.as_str().to_owned(), change.summary())
            options
        >
            <input type="hidden" name="user_id" value=user_id/>
        </InlineSelect>
    }
}

/// The confirmation before removing someone: a modal dialog that names them.
#[component]
fn RemoveDialog(removing: RwSignal<Option<MemberRow>>) -> impl IntoView {
    let remove = ServerAction::<RemoveMember>::new();
    let team = expect_context::<TeamData>();
    let announcer = expect_context::<Announcer>();
    Effect::new(move || match remove.value().get() {
        Some(Ok(removal)) => {
            removing.set(None);
            team.bump();
            let tokens = match removal.tokens_deactivated {
                0 => String::new(),
                1 => " One project token they minted was deactivated.".to_owned(),
                n => format!(" {n} project tokens they minted were deactivated."),
            };
            announcer.polite(format!("{} was removed.{tokens}", removal.display_name));
        }
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let name = move || {
        removing
            .get()
            .map(|row| row.display_name)
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || removing.get().is_some()) on_close=move || removing.set(None) labelled_by="remove-title">
            <h2 id="remove-title">{move || format!("Remove {}?", name())}</h2>
            <p>
                {move || name()}
                " loses access to this workspace at once. Project tokens they minted here stop working, "
                "and invites they sent are cancelled."
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    disabled=move || remove.pending().get()
                    on:click=move |_| {
                        if let Some(row) = removing.get_untracked() {
                            remove.dispatch(RemoveMember { user_id: row.user_id });
                        }
                    }
                >
                    {move || format!("Remove {}", name())}
                </button>
                <button type="button" class="secondary" on:click=move |_| removing.set(None)>
                    "Cancel"
                </button>
            </div>
        </Modal>
    }
}
