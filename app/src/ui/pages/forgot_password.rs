//! "Forgot password?": ask for a link that sets a new password.

use crate::api::account::RequestPasswordReset;
use crate::ui::widgets::{Field, FormError, PageTitle, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELDS: &[&str] = &["email"];

/// The address form; after submitting (`?sent=1`), where to look for the link. The
/// answer is the same whether or not the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(request);
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <PageTitle text="Forgot password"/>
        <section class="card narrow">
            <h1>"Forgot your password?"</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p>"Enter the address you sign in with. We will email you a link to choose a new password."</p>
                        <ActionForm action=request>
                            <FormError error fields=FIELDS/>
                            <Field label="Email" name="email" kind="email" autocomplete="username" error/>
                            <button type="submit" disabled=move || request.pending().get()>
                                {move || if request.pending().get() { "Sending…" } else { "Send reset link" }}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <div role="status">
                    <h2>"Check your inbox"</h2>
                    <p>
                        "If an account uses that address, we sent it a link to choose a new password. "
                        "The link works once, for one hour."
                    </p>
                </div>
            </Show>
            <p><a href="/sign-in">"Back to sign in"</a></p>
        </section>
    }
}
