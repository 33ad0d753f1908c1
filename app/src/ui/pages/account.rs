//! The signed-in user's own account.

use crate::api::auth::CurrentUser;
use crate::ui::session::use_session;
use crate::ui::widgets::{FormError, SignedIn, action_error};
use leptos::prelude::*;
use leptos_meta::Title;

/// Name, address, and "Sign out of all sessions".
#[component]
pub fn AccountPage() -> impl IntoView {
    let everywhere = use_session().sign_out_everywhere;
    let error = action_error(everywhere);
    view! {
        <Title text="Your account"/>
        <SignedIn
            title="Your account"
            page=move |user: CurrentUser| {
                view! {
                    <h1>"Your account"</h1>
                    <dl class="facts">
                        <dt>"Display name"</dt>
                        <dd>{user.display_name}</dd>
                        <dt>"Email"</dt>
                        <dd>{user.email}</dd>
                    </dl>
                    <h2>"Sessions"</h2>
                    <p>"Signed in on a computer you no longer use? End every session, this one included."</p>
                    <ActionForm action=everywhere>
                        <FormError error fields=&[]/>
                        <button type="submit" disabled=move || everywhere.pending().get()>
                            "Sign out of all sessions"
                        </button>
                    </ActionForm>
                }
            }
        />
    }
}
