//! The page a link confirming a new address opens. Opening it changes nothing: it
//! names the new address and offers a button that makes the change.

use crate::api::account::{ConfirmEmailChange, check_email_change_link};
use crate::core::link::{LinkKind, LinkState};
use crate::ui::widgets::{FormError, action_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "Confirm new address", when the link can be used.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, check_email_change_link);
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    let error = action_error(confirm);
    view! {
        <Title text="Confirm your new address"/>
        <section class="card narrow">
            <h1>"Confirm your new address"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(link) if link.state == LinkState::Valid => {
                            view! {
                                <p>
                                    "Your account will use " <strong><bdi>{link.email}</bdi></strong>
                                    " from now on, to sign in and for every email."
                                </p>
                                <ActionForm action=confirm>
                                    <FormError error fields=&[]/>
                                    <input type="hidden" name="token" value=token/>
                                    <button type="submit" disabled=move || confirm.pending().get()>
                                        {move || if confirm.pending().get() { "Confirming…" } else { "Confirm new address" }}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(link) => {
                            view! {
                                <p role="alert">{link.state.message(LinkKind::EmailChange)}</p>
                                <p><a href="/account">"Your account"</a></p>
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
