//! The page an emailed reset link opens. Opening it changes nothing: it offers a form
//! that sets the new password.

use crate::api::account::{ResetPassword, check_password_reset_link};
use crate::core::link::{LinkKind, LinkState};
use crate::ui::widgets::{FormError, NewPasswordField, PageTitle, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// "Choose a new password", when the link can be used.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, check_password_reset_link);
    let reset = ServerAction::<ResetPassword>::new();
    let error = action_error(reset);
    view! {
        <PageTitle text="Choose a new password"/>
        <section class="card narrow">
            <h1>"Choose a new password"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(LinkState::Valid) => {
                            view! {
                                <p>"Setting a new password signs you out on every other device."</p>
                                <ActionForm action=reset>
                                    <FormError error fields=&["password"]/>
                                    <input type="hidden" name="token" value=token/>
                                    <NewPasswordField label="New password" error/>
                                    <button type="submit" disabled=move || reset.pending().get()>
                                        {move || if reset.pending().get() { "Saving…" } else { "Set new password" }}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(state) => {
                            view! {
                                <p role="alert">{state.message(LinkKind::PasswordReset)}</p>
                                <p><a href="/forgot-password">"Ask for another link"</a></p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
