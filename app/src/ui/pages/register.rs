//! Create an account.

use crate::api::auth::Register;
use crate::ui::widgets::{Field, FormError, NewPasswordField, PageTitle, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELDS: &[&str] = &["email", "display_name", "password"];

/// The registration form; after submitting (`?sent=1`), where to look for the link.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let error = action_error(register);
    let query = use_query_map();
    let done = move || query.read().get("sent").is_some();
    view! {
        <PageTitle text="Create account"/>
        <section class="card narrow">
            <h1>"Create your account"</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <ActionForm action=register>
                            <FormError error fields=FIELDS/>
                            <Field label="Email" name="email" kind="email" autocomplete="email" error/>
                            <Field label="Display name" name="display_name" autocomplete="name" error/>
                            <NewPasswordField error/>
                            <button type="submit" disabled=move || register.pending().get()>
                                {move || if register.pending().get() { "Creating account…" } else { "Create account" }}
                            </button>
                        </ActionForm>
                        <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
                    }
                }
            >
                <div role="status">
                    <h2>"Check your inbox"</h2>
                    <p>
                        "We sent a link to the address you entered. Open it within 24 hours to "
                        "verify your address, then sign in."
                    </p>
                </div>
            </Show>
        </section>
    }
}
