//! The page an emailed invite link opens. Opening it changes nothing: it says which
//! workspace and role the invite offers, and offers the way to accept.

use crate::api::team::{AcceptInvite, RegisterWithInvite, check_invite_link};
use crate::core::link::{LinkKind, LinkState};
use crate::core::role::Role;
use crate::error::AppError;
use crate::model::team::InvitePreview;
use crate::ui::session::{link_token, use_session};
use crate::ui::widgets::{Field, FormError, NewPasswordField, action_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the invite link in the URL offers, created by the route before the page
/// renders (see `ui/routes.rs`): the server renders the answer into the page.
pub fn invite_preview() -> Resource<Result<InvitePreview, AppError>> {
    Resource::new(link_token(), |(token, _)| check_invite_link(token))
}

/// Accept an invite: as the signed-in invitee, by signing in, or by registering.
#[component]
pub fn InvitePage(preview: Resource<Result<InvitePreview, AppError>>) -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text="Accept an invite"/>
        <section class="card narrow">
            <h1>"Join a workspace"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the invite…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(preview) if preview.state == LinkState::Valid => {
                            view! { <Offer preview token=token()/> }.into_any()
                        }
                        Ok(preview) => view! {
                            <p role="alert">{preview.state.message(LinkKind::Invite)}</p>
                        }.into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Offer(preview: InvitePreview, token: String) -> impl IntoView {
    let role = preview.role.map(Role::with_article).unwrap_or_default();
    let workspace = preview.workspace.clone();
    let answer = match preview.signed_in_as {
        Some(signed_in) if signed_in == preview.email => view! { <AcceptForm token/> }.into_any(),
        Some(signed_in) => {
            let sign_out = use_session().sign_out;
            view! {
                <p role="alert">
                    "This invite was sent to " <strong><bdi>{preview.email.clone()}</bdi></strong> ", but you are signed in as "
                    <strong><bdi>{signed_in}</bdi></strong> ". Sign out, then open the link again."
                </p>
                <ActionForm action=sign_out>
                    <button type="submit">"Sign out"</button>
                </ActionForm>
            }
            .into_any()
        }
        None => view! { <SignInOrRegister email=preview.email.clone() token/> }.into_any(),
    };
    view! {
        <p>"You are invited to join " <bdi>{workspace}</bdi> {format!(" as {role}.")}</p>
        <p>"The invite is for " <strong><bdi>{preview.email}</bdi></strong> "."</p>
        {answer}
    }
}

#[component]
fn AcceptForm(token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvite>::new();
    let error = action_error(accept);
    view! {
        <ActionForm action=accept>
            <FormError error fields=&[]/>
            <input type="hidden" name="token" value=token/>
            <button type="submit" disabled=move || accept.pending().get()>
                {move || if accept.pending().get() { "Joining…" } else { "Accept invite" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn SignInOrRegister(email: String, token: String) -> impl IntoView {
    let register = ServerAction::<RegisterWithInvite>::new();
    let error = action_error(register);
    let next = format!("/invite?token={token}");
    let sign_in_href = format!(
        "/sign-in?next={}",
        next.replace('?', "%3F").replace('=', "%3D")
    );
    view! {
        <p>"Already have an account with this address? " <a href=sign_in_href>"Sign in to accept"</a></p>
        <h2>"New to Packagento? Create your account"</h2>
        <ActionForm action=register>
            <FormError error fields=&["display_name", "password"]/>
            <input type="hidden" name="token" value=token/>
            <div class="field">
                <label for="invite-email">"Email"</label>
                <input id="invite-email" type="email" value=email readonly aria-describedby="invite-email-hint"/>
                <p class="hint" id="invite-email-hint">"The address the invite was sent to."</p>
            </div>
            <Field label="Display name" name="display_name" autocomplete="name" error/>
            <NewPasswordField error/>
            <button type="submit" disabled=move || register.pending().get()>
                {move || if register.pending().get() { "Creating account…" } else { "Create account and join" }}
            </button>
        </ActionForm>
    }
}
