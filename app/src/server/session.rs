//! Session cookies: who is signed in on this request.
//!
//! The cookie holds a random session id; the database holds its digest. The session
//! is looked up on every request, so signing out anywhere ends it everywhere at once.

use super::crypto::{new_token, purpose};
use super::store::{ProjectChange, ProjectFacts, personal_workspace_name};
use super::{AppState, app_state, request_parts};
use crate::core::policy::projects::{ProjectAction, ProjectPermit};
use crate::core::policy::{Action, Member, authorize};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::team::WorkspaceSummary;
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue, Method};
use leptos::prelude::use_context;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::OnceCell;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "packagento_session";
/// How long a session lasts after sign-in, in seconds (30 days).
pub const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The session id the browser sent, if any.
pub fn session_token() -> Result<Option<String>, AppError> {
    Ok(session_token_in(&request_parts()?.headers))
}

/// The session id in the cookies of `headers`, if any.
fn session_token_in(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The signed-in caller of this request, read fresh from the database.
#[derive(Clone)]
pub struct Caller {
    /// The application state.
    pub state: AppState,
    /// Who is signed in.
    pub user: CurrentUser,
    /// The digest of this session's id.
    pub session_digest: String,
    /// The workspace the session works in, read with the session.
    active: Option<WorkspaceSummary>,
    /// On a GET, the facts of the projects decided on so far (see [`FactsOfGet`]).
    facts_of_get: Option<FactsOfGet>,
}

/// The facts of the projects a page's resources decide on, read once per request: a
/// project page's resources decide on the same project five times. Kept only for a
/// GET, which reads (a page and its resources); on any other method a server function
/// may change them, and each decision reads them anew.
#[derive(Clone, Default)]
struct FactsOfGet(Arc<Mutex<HashMap<i64, FactsRead>>>);

/// The facts of one project, read by the first decision of the request that needs them.
type FactsRead = Arc<OnceCell<Option<ProjectFacts>>>;

impl FactsOfGet {
    /// The facts of `project_id`, read by `read` the first time they are asked for.
    async fn get_or_read<F>(
        &self,
        project_id: i64,
        read: impl FnOnce() -> F,
    ) -> Result<Option<ProjectFacts>, AppError>
    where
        F: Future<Output = Result<Option<ProjectFacts>, AppError>>,
    {
        let cell = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(project_id)
            .or_default()
            .clone();
        cell.get_or_try_init(read).await.cloned()
    }
}

impl Caller {
    /// The time of this request, from the server's one clock.
    pub fn now(&self) -> i64 {
        self.state.clock.now()
    }

    /// The caller changing the project `project_id` now.
    pub fn changing(&self, project_id: i64) -> ProjectChange {
        ProjectChange {
            project_id,
            actor_id: self.user.id,
            now: self.now(),
        }
    }

    /// Decides whether the caller may do `action` on the project, on facts read in
    /// this request (see `Store::project_permit`): for reads; writes decide in their
    /// transaction.
    pub async fn project_permit(
        &self,
        project_id: i64,
        action: ProjectAction,
    ) -> Result<(ProjectFacts, ProjectPermit), AppError> {
        let (store, user_id, now) = (&self.state.store, self.user.id, self.now());
        let read = || store.project_facts(project_id, user_id, now);
        let facts = match &self.facts_of_get {
            Some(facts) => facts.get_or_read(project_id, read).await?,
            None => read().await?,
        };
        store
            .project_permit(project_id, user_id, facts, action, now)
            .await
    }

    /// The caller whose session cookie is in `headers`, read from the database: for
    /// the routes that answer outside Leptos (the access review's downloads).
    pub async fn from_headers(
        state: &AppState,
        headers: &HeaderMap,
    ) -> Result<Option<Self>, AppError> {
        let Some(token) = session_token_in(headers) else {
            return Ok(None);
        };
        let session_digest = state.digester.digest(purpose::SESSION, &token);
        let found = state
            .store
            .session_user(&session_digest, state.clock.now())
            .await?;
        Ok(found.map(|found| Caller {
            state: state.clone(),
            user: found.user,
            session_digest,
            active: found.active,
            facts_of_get: None,
        }))
    }

    /// The workspace this request works in: the session's choice if the user is still
    /// a member of it, else the one they joined first. Someone who belongs to none
    /// gets a workspace of their own the first time they need one.
    pub async fn workspace(&self) -> Result<WorkspaceSummary, AppError> {
        if let Some(active) = &self.active {
            return Ok(active.clone());
        }
        // Read again: another server function of this request may have made it.
        if let Some(active) = self.read_active().await? {
            return Ok(active);
        }
        let name = personal_workspace_name(&self.user.display_name);
        self.state
            .store
            .create_workspace(self.user.id, &name, self.state.clock.now())
            .await?;
        self.read_active().await?.ok_or(AppError::NotFound)
    }

    /// The session's workspace as the database has it now; `Unauthenticated` if the
    /// session has ended since this request began.
    async fn read_active(&self) -> Result<Option<WorkspaceSummary>, AppError> {
        let found = self
            .state
            .store
            .session_user(&self.session_digest, self.state.clock.now())
            .await?;
        Ok(found.ok_or(AppError::Unauthenticated)?.active)
    }
}

/// This request's caller, looked up once: the resources of a page each need it, and
/// one statement serves them all. The server provides a fresh one to every request,
/// so it never outlives the request it was read for.
#[derive(Clone, Default)]
pub struct RequestCaller(Arc<OnceCell<Option<Caller>>>);

/// The signed-in caller, if any.
pub async fn caller() -> Result<Option<Caller>, AppError> {
    match use_context::<RequestCaller>() {
        Some(RequestCaller(cell)) => cell.get_or_try_init(look_up_caller).await.cloned(),
        None => look_up_caller().await,
    }
}

/// Reads the caller of this request from its session cookie and the database; on a
/// GET, with the facts of its projects kept for the request.
async fn look_up_caller() -> Result<Option<Caller>, AppError> {
    let parts = request_parts()?;
    let found = Caller::from_headers(&app_state()?, &parts.headers).await?;
    Ok(found.map(|caller| Caller {
        facts_of_get: (parts.method == Method::GET).then(FactsOfGet::default),
        ..caller
    }))
}

/// The signed-in caller, or `Unauthenticated`: the choke point of every server
/// function that needs an account.
pub async fn require_user() -> Result<Caller, AppError> {
    caller().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in caller, the id of their active workspace and their membership of
/// it, as the policy sees it.
pub async fn require_member() -> Result<(Caller, i64, Member), AppError> {
    let caller = require_user().await?;
    let workspace = caller.workspace().await?;
    let member = Member {
        user_id: caller.user.id,
        role: workspace.role,
    };
    Ok((caller, workspace.id, member))
}

/// The signed-in caller, the id of their active workspace and their membership of
/// it, once the policy allowed them to see its team (members, invites, activity).
pub async fn team_viewer() -> Result<(Caller, i64, Member), AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ViewTeam)?;
    Ok((caller, workspace_id, member))
}

/// Starts a new session for `user_id` (working in `workspace_id`, if given) and sends
/// its cookie; the session this browser had before, if any, ends.
pub async fn begin_session(
    state: &AppState,
    user_id: i64,
    workspace_id: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let token = new_token();
    let replaced = session_token()?.map(|old| state.digester.digest(purpose::SESSION, &old));
    let digest = state.digester.digest(purpose::SESSION, &token);
    state
        .store
        .start_session(
            user_id,
            &digest,
            replaced.as_deref(),
            workspace_id,
            now,
            now + SESSION_SECONDS,
        )
        .await?;
    set_session_cookie(state, Some(&token))
}

/// Sends the browser a cookie holding `token`, or one that deletes it when `None`.
pub fn set_session_cookie(state: &AppState, token: Option<&str>) -> Result<(), AppError> {
    let secure = if state.settings.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    let value = HeaderValue::from_str(&cookie).map_err(crate::error::internal_error)?;
    let options =
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>().ok_or_else(|| {
            crate::error::internal_error("ResponseOptions missing from the Leptos context")
        })?;
    options.append_header(SET_COOKIE, value);
    Ok(())
}

/// The client of a request, as the server's `find_client` layer decided it: the TCP
/// peer, or behind a trusted proxy the address it forwarded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client's IP address, for rate limiting sign-ins and password resets.
pub fn client_address() -> Result<String, AppError> {
    let parts = request_parts()?;
    Ok(parts
        .extensions
        .get::<ClientAddress>()
        .map_or_else(|| "unknown".to_owned(), |client| client.0.to_string()))
}
