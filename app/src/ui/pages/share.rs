//! The page an emailed share link opens. Opening it changes nothing: it says which
//! project, workspace and role the share offers, and offers the way to accept.

use crate::api::shares::{AcceptShare, RegisterWithShare, check_share_link};
use crate::core::link::{LinkKind, LinkState};
use crate::error::AppError;
use crate::model::shares::SharePreview;
use crate::ui::session::{link_token, use_session};
use crate::ui::widgets::{Field, FormError, NewPasswordField, action_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the share link in the URL offers, created by the route before the page
/// renders (see `ui/routes.rs`): the server renders the answer into the page.
pub fn share_preview() -> Resource<Result<SharePreview, AppError>> {
    Resource::new(link_token(), |(token, _)| check_share_link(token))
}

/// Accept a share: as the signed-in recipient, or after signing in or registering.
#[component]
pub fn SharePage(preview: Resource<Result<SharePreview, AppError>>) -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text="Accept a shared project"/>
        <section class="card narrow">
            <h1>"A project shared with you"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(preview) if preview.state == LinkState::Valid => {
                        view! { <Offer preview token=token()/> }.into_any()
                    }
                    Ok(preview) => view! { <p role="alert">{preview.state.message(LinkKind::Share)}</p> }.into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
        </section>
    }
}

#[component]
fn Offer(preview: SharePreview, token: String) -> impl IntoView {
    let role = preview
        .role
        .map(|role| role.access().label().to_lowercase())
        .unwrap_or_default();
    let (workspace, project) = (preview.workspace.clone(), preview.project.clone());
    let answer = match preview.signed_in_as {
        Some(signed_in) if signed_in == preview.email => view! { <AcceptForm token/> }.into_any(),
        Some(signed_in) => {
            let sign_out = use_session().sign_out;
            view! {
                <p role="alert">
                    "This share was sent to " <strong><bdi>{preview.email.clone()}</bdi></strong> ", but you are signed in as "
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
        <p><bdi>{workspace}</bdi> " shared the project " <bdi>{project}</bdi> {format!(" with you as {role}.")}</p>
        <p>"The share is for " <strong><bdi>{preview.email}</bdi></strong> "."</p>
        {answer}
    }
}

#[component]
fn AcceptForm(token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptShare>::new();
    let error = action_error(accept);
    view! {
        <ActionForm action=accept>
            <FormError error fields=&[]/>
            <input type="hidden" name="token" value=token/>
            <button type="submit" disabled=move || accept.pending().get()>
                {move || if accept.pending().get() { "Accepting…" } else { "Accept share" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn SignInOrRegister(email: String, token: String) -> impl IntoView {
    let register = ServerAction::<RegisterWithShare>::new();
    let error = action_error(register);
    let next = format!("/share?token={token}");
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
                <label for="share-email">"Email"</label>
                <input id="share-email" type="email" value=email readonly aria-describedby="share-email-hint"/>
                <p class="hint" id="share-email-hint">"The address the project was shared with."</p>
            </div>
            <Field label="Display name" name="display_name" autocomplete="name" error/>
            <NewPasswordField error/>
            <button type="submit" disabled=move || register.pending().get()>
                {move || if register.pending().get() { "Creating account…" } else { "Create account and accept" }}
            </button>
        </ActionForm>
    }
}
