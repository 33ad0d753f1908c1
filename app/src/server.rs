//! Server-only plumbing for the server functions: state, store, sessions, secrets, mail.
//!
//! Compiled only with the `ssr` feature; the browser build never sees sqlx or argon2.

pub mod access_review;
pub mod accounts;
pub mod billing;
pub mod catalogue;
pub mod clock;
pub mod crypto;
pub mod invites;
pub mod keys;
pub mod mail;
pub mod passwords;
pub mod payments;
pub mod profile;
pub mod project_members;
pub mod projects;
pub mod redirect;
pub mod session;
pub mod shared_with_me;
pub mod shares;
pub mod state;
pub mod store;
pub mod team;

use crate::core::display_name::{DisplayName, DisplayNameError};
use crate::core::link::{LinkKind, LinkRefusal, LinkState, may_use};
use crate::error::{AppError, internal_error};
use crate::model::auth::CurrentUser;
use store::EmailedLink;

pub use state::{AppState, Settings};

/// Records a refused use of an emailed link in its sender's feed (see
/// [`store::Store::record_refused_link`]) and returns `refusal`, the answer to give.
async fn refuse_link(
    state: &AppState,
    link: EmailedLink,
    digest: &str,
    actor_id: Option<i64>,
    reason: &str,
    refusal: AppError,
) -> AppError {
    match state
        .store
        .record_refused_link(link, digest, actor_id, reason, state.clock.now())
        .await
    {
        Ok(()) => refusal,
        Err(error) => error.into(),
    }
}

/// Decides whether someone may use the emailed link `link` (in `link_state`, sent to
/// `sent_to`) with the signed-in `account`, or, with `None`, by registering through
/// it (the link proves the address): `core::link::may_use`, the one decision for
/// invites and shares. A refusal is recorded in the sender's feed and answered with
/// what really happened.
pub async fn check_link_use(
    state: &AppState,
    link: EmailedLink,
    digest: &str,
    (link_state, sent_to): (LinkState, &str),
    account: Option<&CurrentUser>,
) -> Result<(), AppError> {
    let email = account.map_or(sent_to, |user| user.email.as_str());
    let Err(refusal) = may_use(link_state, sent_to, email) else {
        return Ok(());
    };
    let answer = link_refusal(link, refusal, email);
    let actor_id = account.map(|user| user.id);
    Err(refuse_link(state, link, digest, actor_id, refusal.reason(), answer).await)
}

/// What a person is told when their use of the emailed link `link` was refused: the
/// link's state in words, or that it was sent to another address than `account`'s.
fn link_refusal(link: EmailedLink, refusal: LinkRefusal, account: &str) -> AppError {
    let (kind, noun) = match link {
        EmailedLink::Invite => (LinkKind::Invite, "invite"),
        EmailedLink::Share => (LinkKind::Share, "share"),
    };
    match refusal {
        LinkRefusal::Unusable(LinkState::Invalid) => AppError::NotFound,
        LinkRefusal::Unusable(state) => AppError::Conflict(state.message(kind).to_owned()),
        LinkRefusal::AnotherAddress => AppError::Forbidden(format!(
            "This {noun} was sent to another address. You are signed in as {account}: sign \
             out, then open the link again."
        )),
    }
}

/// The answer when a link was usable a moment ago but another request used or
/// withdrew it first (or it expired meanwhile): its state `now`, read again.
pub fn lost_race(link: EmailedLink, now: LinkState) -> AppError {
    let state = match now {
        LinkState::Valid => LinkState::Used,
        other => other,
    };
    link_refusal(link, LinkRefusal::Unusable(state), "")
}

/// The application state provided to every server function and page render.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| internal_error("AppState missing from the Leptos context"))
}

/// The request being answered; present for every server function and page render.
pub fn request_parts() -> Result<http::request::Parts, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .ok_or_else(|| internal_error("request parts missing from the Leptos context"))
}

/// Parses the name of something (a workspace, a project, a key) typed into `field`;
/// `missing` is the message when nothing was typed.
pub fn parse_name(field: &str, input: &str, missing: &str) -> Result<DisplayName, AppError> {
    DisplayName::parse(input).map_err(|error| match error {
        DisplayNameError::Empty => AppError::field(field, missing),
        other => AppError::field(field, other),
    })
}
