//! The pages and the widgets they are built from.

mod pages;
mod routes;
mod session;
mod widgets;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::{Lazy, SsrMode};

use pages::{
    ConfirmEmailPage, ForgotPasswordPage, HomePage, NotFoundPage, RegisterPage, ResetPasswordPage,
    SignInPage, VerifyEmailPage,
};
use routes::{
    AccountRoute, CatalogueRoute, InviteRoute, MyActivityRoute, OrgSettingsRoute,
    ProjectMembersRoute, ProjectRoute, ProjectsRoute, ShareRoute,
};
use session::Session;
use widgets::{Announcements, TopBar};

/// The HTML document around the app, rendered on the server only. Leptos puts the
/// request's nonce on its inline scripts; the server's security layer mints it and
/// sets the Content-Security-Policy that names it.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The app: top bar, skip link and the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Session::new());
    Announcements::provide();

    view! {
        <Stylesheet id="leptos" href="/pkg/packagento.css"/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopBar/>
            <main id="main" tabindex="-1">
                // Every route is `SsrMode::Async`: the page is sent once its data is read,
                // whole without JavaScript and in one write. Out-of-order streaming measured
                // slower (`./scripts/bench`, 2026-12-02): its fragments and swap scripts cost
                // more than they save for pages whose queries take a few milliseconds.
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("invite") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("projects") view={Lazy::<ProjectsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("projects/:id") view={Lazy::<ProjectRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("projects/:id/members") view={Lazy::<ProjectMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("catalogue") view={Lazy::<CatalogueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("org") view={Lazy::<OrgSettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("share") view={Lazy::<ShareRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("activity") view={Lazy::<MyActivityRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
