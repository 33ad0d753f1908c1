//! Sign in.

use crate::ui::session::use_session;
use crate::ui::widgets::{Field, FormError, PageTitle, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELDS: &[&str] = &["email", "password"];

/// The sign-in form. After a verification link was used it says so.
#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = use_session().sign_in;
    let error = action_error(sign_in);
    let query = use_query_map();
    let just_verified = move || query.read().get("verified").is_some();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <PageTitle text="Sign in"/>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <Show when=just_verified>
                <p class="notice" role="status">"Your email address is verified. Sign in to continue."</p>
            </Show>
            <ActionForm action=sign_in>
                <FormError error fields=FIELDS/>
                <input type="hidden" name="next" value=next/>
                <Field label="Email" name="email" kind="email" autocomplete="username" error/>
                <Field
                    label="Password"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <button type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p><a href="/forgot-password">"Forgot password?"</a></p>
            <p>"New to Packagento? " <a href="/register">"Create account"</a></p>
        </section>
    }
}
