//! The signed-in user's own account: name, address, password and sessions.
//!
//! Each change is a form of its own that also works as a plain post; the server then
//! loads this page again with `?saved=…`, and the section that changed says so.

use crate::api::account::{ChangeDisplayName, ChangePassword, RequestEmailChange};
use crate::model::auth::CurrentUser;
use crate::ui::session::use_session;
use crate::ui::widgets::{Field, FormError, NewPasswordField, PageTitle, SignedIn, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Display name, address, password, and "Sign out of all sessions".
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <PageTitle text="Your account"/>
        <SignedIn
            title="Your account"
            page=move |user: CurrentUser| {
                view! {
                    <h1>"Your account"</h1>
                    <NameSection user=user.clone()/>
                    <EmailSection user/>
                    <PasswordSection/>
                    <SessionsSection/>
                }
            }
        />
    }
}

/// The notice of the section whose change was saved, read from `?saved=`.
fn saved_notice(section: &'static str, text: String) -> impl IntoView {
    let query = use_query_map();
    move || {
        (query.read().get("saved").as_deref() == Some(section))
            .then(|| view! { <p class="notice" role="status">{text.clone()}</p> })
    }
}

#[component]
fn NameSection(user: CurrentUser) -> impl IntoView {
    let rename = ServerAction::<ChangeDisplayName>::new();
    let error = action_error(rename);
    view! {
        <section aria-labelledby="name-title">
            <h2 id="name-title">"Display name"</h2>
            {saved_notice("name", "Your display name was changed.".to_owned())}
            <ActionForm action=rename>
                <FormError error fields=&["display_name"]/>
                <Field
                    label="Display name"
                    name="display_name"
                    autocomplete="name"
                    value=user.display_name
                    hint="Shown to the people you work with."
                    error
                />
                <button type="submit" disabled=move || rename.pending().get()>
                    {move || if rename.pending().get() { "Saving…" } else { "Save name" }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailSection(user: CurrentUser) -> impl IntoView {
    let change = ServerAction::<RequestEmailChange>::new();
    let error = action_error(change);
    view! {
        <section aria-labelledby="email-title">
            <h2 id="email-title">"Email address"</h2>
            {saved_notice(
                "email",
                "We sent a link to your new address. Your address changes when you open it; \
                 until then you sign in with the current one."
                    .to_owned(),
            )}
            {saved_notice("email-changed", "Your email address was changed.".to_owned())}
            <p>"You sign in with " <strong><bdi>{user.email}</bdi></strong> "."</p>
            <ActionForm action=change>
                <FormError error fields=&["email", "current_password"]/>
                <Field label="New email address" name="email" kind="email" autocomplete="email" error/>
                <Field
                    label="Current password"
                    name="current_password"
                    kind="password"
                    autocomplete="current-password"
                    form="email"
                    error
                />
                <button type="submit" disabled=move || change.pending().get()>
                    {move || if change.pending().get() { "Sending…" } else { "Change address" }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = action_error(change);
    view! {
        <section aria-labelledby="password-title">
            <h2 id="password-title">"Password"</h2>
            {saved_notice(
                "password",
                "Your password was changed, and every other session was signed out.".to_owned(),
            )}
            <ActionForm action=change>
                <FormError error fields=&["current_password", "new_password"]/>
                <Field
                    label="Current password"
                    name="current_password"
                    kind="password"
                    autocomplete="current-password"
                    form="password"
                    error
                />
                <NewPasswordField label="New password" name="new_password" error/>
                <button type="submit" disabled=move || change.pending().get()>
                    {move || if change.pending().get() { "Saving…" } else { "Change password" }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionsSection() -> impl IntoView {
    let everywhere = use_session().sign_out_everywhere;
    let error = action_error(everywhere);
    view! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">"Sessions"</h2>
            <p>"Signed in on a computer you no longer use? End every session, this one included."</p>
            <ActionForm action=everywhere>
                <FormError error fields=&[]/>
                <button type="submit" disabled=move || everywhere.pending().get()>
                    "Sign out of all sessions"
                </button>
            </ActionForm>
        </section>
    }
}
