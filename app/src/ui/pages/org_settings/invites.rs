//! "Invite a member" and the pending invites, with Revoke and Re-issue.

use super::TeamData;
use crate::core::role::Role;
use crate::ui::widgets::{Announcer, Confirm, Day, Field, FormError, Table, action_error};
use leptos::prelude::*;

/// The invite form (for those who may invite: `can_invite`, offering the roles in
/// `offer`) and the pending invites.
#[component]
pub fn InvitesSection(can_invite: bool, offer: Vec<Role>) -> impl IntoView {
    let TeamData {
        invite,
        revoke,
        reissue,
        invites,
        ..
    } = expect_context::<TeamData>();
    let announcer = Announcer::new();
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move || {
        if let Some(Ok(sent)) = invite.value().get() {
            announcer.polite(format!("Invite sent to {}.", sent.email));
            // Sent: the form is ready for the next address.
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    Effect::new(move || match revoke.value().get() {
        Some(Ok(())) => announcer.polite("Invite revoked: its link no longer works.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || match reissue.value().get() {
        Some(Ok(sent)) => announcer.polite(format!(
            "A new link was sent to {}; the old one no longer works.",
            sent.email
        )),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    let error = action_error(invite);
    view! {
        <div id="invites" class="section-target">
        {can_invite.then(|| view! {
            <section class="card" aria-labelledby="invite-heading">
                <h2 id="invite-heading">"Invite a member"</h2>
                <ActionForm action=invite node_ref=form attr:class="inline-form">
                    <FormError error fields=&["email", "role"]/>
                    <Field label="Email" name="email" kind="email" autocomplete="off" error/>
                    <div class="field">
                        <label for="invite-role">"Role"</label>
                        <select id="invite-role" name="role">
                            {offer
                                .into_iter()
                                .map(|role| {
                                    view! {
                                        <option value=role.as_str() selected=role == Role::Developer>
                                            {role.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" disabled=move || invite.pending().get()>
                        {move || if invite.pending().get() { "Sending…" } else { "Send invite" }}
                    </button>
                </ActionForm>
            </section>
        })}
        <section class="card" aria-labelledby="pending-heading">
            <h2 id="pending-heading">"Pending invites"</h2>
            {announcer.regions()}
            <Transition fallback=|| view! { <p class="loading">"Loading invites…"</p> }>
                {move || Suspend::new(async move {
                    match invites.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No pending invites."</p> }.into_any(),
                        Ok(list) => view! {
                            <Table columns=&["Email", "Role", "Invited by", "Expires"] actions=true>
                                {list.into_iter().map(|pending| {
                                    let manageable = pending.can_manage;
                                    let (reissue_id, revoke_id) = (pending.id.to_string(), pending.id.to_string());
                                    let reissue_label = format!("Re-issue the invite of {}", pending.email);
                                    let revoke_label = format!("Revoke the invite of {}", pending.email);
                                    let revoke_consequence = format!(
                                        "The link sent to {} stops working. You can invite them again later.",
                                        pending.email
                                    );
                                    view! {
                                        <tr>
                                            <td class="email"><bdi>{pending.email.clone()}</bdi> " " {if pending.expired {
                                                view! { <span class="badge warning">"Expired"</span> }.into_any()
                                            } else {
                                                view! { <span class="badge">"Pending"</span> }.into_any()
                                            }}</td>
                                            <td>{pending.role.label()}</td>
                                            <td><bdi>{pending.invited_by.clone()}</bdi></td>
                                            <td><Day at=pending.expires_at/></td>
                                            <td class="row-actions">
                                                {manageable.then(|| view! {
                                                    <ActionForm action=reissue>
                                                        <input type="hidden" name="invite_id" value=reissue_id/>
                                                        <button type="submit" class="secondary" aria-label=reissue_label>"Re-issue"</button>
                                                    </ActionForm>
                                                    <Confirm text="Revoke" label=revoke_label consequence=revoke_consequence>
                                                        <ActionForm action=revoke>
                                                            <input type="hidden" name="invite_id" value=revoke_id/>
                                                            <button type="submit" class="danger">"Revoke the invite"</button>
                                                        </ActionForm>
                                                    </Confirm>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        }.into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        </div>
    }
}
