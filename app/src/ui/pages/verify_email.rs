//! The page an emailed verification link opens.
//!
//! Opening it changes nothing (mail scanners open every link): it says what the link
//! will do and offers a button that does it.

use crate::api::auth::{VerifyEmail, check_verification_link};
use crate::core::link::{LinkKind, LinkState};
use crate::ui::widgets::{FormError, action_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shows what the link verifies and a "Verify email" button.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, check_verification_link);
    let verify = ServerAction::<VerifyEmail>::new();
    let error = action_error(verify);
    view! {
        <Title text="Verify your email address"/>
        <section class="card narrow">
            <h1>"Verify your email address"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(link) if link.state == LinkState::Valid => {
                            view! {
                                <p>
                                    "Confirm that " <strong><bdi>{link.email}</bdi></strong>
                                    " is your email address."
                                </p>
                                <ActionForm action=verify>
                                    <FormError error fields=&[]/>
                                    <input type="hidden" name="token" value=token/>
                                    <button type="submit" disabled=move || verify.pending().get()>
                                        {move || {
                                            if verify.pending().get() { "Verifying…" } else { "Verify email" }
                                        }}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(link) => {
                            view! {
                                <p role="alert">{link.state.message(LinkKind::Verification)}</p>
                                <p><a href="/sign-in">"Sign in"</a></p>
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
