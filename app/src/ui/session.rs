//! Who is signed in, as one root resource shared by every page.

use crate::api::auth::{SignIn, SignOut, SignOutEverywhere, get_current_user};
use crate::api::team::get_workspaces;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::team::Workspaces;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The signed-in user, their workspaces, and the actions that change who that is.
/// Both are fetched again whenever one of the actions completes. Created once at the
/// root, so hydration finds them where the server rendered them.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in user, `None` when signed out.
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    /// The signed-in user's workspaces and the active one (an error when signed out).
    pub workspaces: Resource<Result<Workspaces, AppError>>,
    /// Signs in.
    pub sign_in: ServerAction<SignIn>,
    /// Signs out of this browser.
    pub sign_out: ServerAction<SignOut>,
    /// Signs out of every session.
    pub sign_out_everywhere: ServerAction<SignOutEverywhere>,
}

impl Session {
    /// Creates the session resource and actions.
    pub fn new() -> Self {
        let sign_in = ServerAction::<SignIn>::new();
        let sign_out = ServerAction::<SignOut>::new();
        let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
        let who = move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                sign_out_everywhere.version().get(),
            )
        };
        let user = Resource::new(who, |_| get_current_user());
        let workspaces = Resource::new(who, |_| get_workspaces());
        Self {
            user,
            workspaces,
            sign_in,
            sign_out,
            sign_out_everywhere,
        }
    }
}

/// The session provided by [`crate::ui::App`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The source of an emailed link page's resource: the URL's `token`, read again after a
/// sign-out (what a link offers depends on who is signed in).
pub fn link_token() -> impl Fn() -> (String, usize) + Clone + Send + Sync + 'static {
    let query = use_query_map();
    let sign_out = use_session().sign_out;
    move || {
        (
            query.read().get("token").unwrap_or_default(),
            sign_out.version().get(),
        )
    }
}
