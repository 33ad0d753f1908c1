//! The front page.

use crate::ui::session::use_session;
use crate::ui::widgets::PageTitle;
use leptos::prelude::*;

/// What Packagento is, and the way in (or onwards, when signed in).
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageTitle text="Composer packages for teams"/>
        <section class="hero">
            <h1>"Buy and run Composer packages as a team"</h1>
            <p>
                "Packagento keeps your workspace's licences, projects and access tokens in one "
                "place, and shares a project with a contractor without showing them your bills."
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match session.user.await {
                        Ok(Some(_)) => {
                            view! { <p><a class="button" href="/projects">"Go to Projects"</a></p> }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <p class="actions">
                                    <a class="button" href="/register">"Create account"</a>
                                    <a class="button secondary" href="/sign-in">"Sign in"</a>
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
