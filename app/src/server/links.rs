//! The lifecycle of an emailed, single-use, address-bound link, once for invites and
//! shares: a new link, what it offers before it is used, whether someone may use it
//! (the policy's `core::link::may_use`, a refusal recorded in the sender's feed), and
//! the answer when another request used or withdrew it first.

use super::AppState;
use super::crypto::{new_token, purpose};
use super::store::{EmailedLink, InviteLink, ShareLink, Store};
use crate::core::link::{LinkKind, LinkRefusal, LinkState, LinkUse, may_use};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use std::future::Future;

/// A kind of emailed link as the store reads it by its digest.
pub trait SentLink: Sized {
    /// Which of the two kinds it is, for the store.
    const KIND: EmailedLink;
    /// Which of the kinds it is, for the messages.
    const LINK_KIND: LinkKind;
    /// What it is called in a sentence.
    const NOUN: &'static str;
    /// The purpose its tokens are digested under.
    const PURPOSE: &'static str;

    /// Whether it can be used now.
    fn state(&self) -> LinkState;
    /// The address it was sent to.
    fn sent_to(&self) -> &str;
    /// The link behind `digest`, as of `now`.
    fn read(
        store: &Store,
        digest: &str,
        now: i64,
    ) -> impl Future<Output = Result<Option<Self>, sqlx::Error>> + Send;
}

/// Implements [`SentLink`] for a link type of the store with its kind, noun, purpose
/// and the store method that reads it.
macro_rules! sent_link {
    ($link:ty, $kind:ident, $noun:literal, $purpose:expr, $read:ident) => {
        impl SentLink for $link {
            const KIND: EmailedLink = EmailedLink::$kind;
            const LINK_KIND: LinkKind = LinkKind::$kind;
            const NOUN: &'static str = $noun;
            const PURPOSE: &'static str = $purpose;

            fn state(&self) -> LinkState {
                self.state
            }
            fn sent_to(&self) -> &str {
                &self.email
            }
            fn read(
                store: &Store,
                digest: &str,
                now: i64,
            ) -> impl Future<Output = Result<Option<Self>, sqlx::Error>> + Send {
                store.$read(digest, now)
            }
        }
    };
}

sent_link!(InviteLink, Invite, "invite", purpose::INVITE, invite_link);
sent_link!(ShareLink, Share, "share", purpose::SHARE, share_link);

/// A fresh token for a link of kind `L`, and the digest the store keeps of it.
pub fn new_link<L: SentLink>(state: &AppState) -> (String, String) {
    let token = new_token();
    let digest = state.digester.digest(L::PURPOSE, &token);
    (token, digest)
}

/// The link behind `token` with its digest, or `None` for a token that is not ours.
async fn find<L: SentLink>(state: &AppState, token: &str) -> Result<Option<(String, L)>, AppError> {
    let Some(digest) = state.digester.link_digest(L::PURPOSE, token) else {
        return Ok(None);
    };
    let found = L::read(&state.store, &digest, state.clock.now()).await?;
    Ok(found.map(|link| (digest, link)))
}

/// What the link behind `token` is, without using it: its state, and the link itself
/// only when it can be used (an unusable link tells nothing of what it offered).
pub async fn preview<L: SentLink>(
    state: &AppState,
    token: &str,
) -> Result<(LinkState, Option<L>), AppError> {
    Ok(match find::<L>(state, token).await? {
        Some((_, link)) if link.state() == LinkState::Valid => (LinkState::Valid, Some(link)),
        Some((_, link)) => (link.state(), None),
        None => (LinkState::Invalid, None),
    })
}

/// A link someone may use, as [`usable`] found it.
pub struct Usable<L> {
    /// The digest of its token.
    pub digest: String,
    /// The link.
    pub link: L,
    /// The policy's leave to use it, which the store's write takes.
    pub decided: LinkUse,
}

/// The link behind `token`, once the policy allowed the signed-in `account` to use
/// it, or, with `None`, someone registering through it (the link proves the
/// address). A refusal is recorded in the sender's feed and answered with what really
/// happened.
pub async fn usable<L: SentLink>(
    state: &AppState,
    token: &str,
    account: Option<&CurrentUser>,
) -> Result<Usable<L>, AppError> {
    let (digest, link) = find::<L>(state, token).await?.ok_or(AppError::NotFound)?;
    let email = account.map_or(link.sent_to(), |user| user.email.as_str());
    let refusal = match may_use(link.state(), link.sent_to(), email) {
        Ok(decided) => {
            return Ok(Usable {
                digest,
                link,
                decided,
            });
        }
        Err(refusal) => refusal,
    };
    let answer = refusal_answer::<L>(refusal, email);
    let recorded = state
        .store
        .record_refused_link(
            L::KIND,
            &digest,
            account.map(|user| user.id),
            refusal.reason(),
            state.clock.now(),
        )
        .await;
    Err(match recorded {
        Ok(()) => answer,
        Err(error) => error.into(),
    })
}

/// The answer when the link behind `token` was usable a moment ago but another
/// request used or withdrew it first (or it expired meanwhile): its state now, read
/// again.
pub async fn lost<L: SentLink>(state: &AppState, token: &str) -> AppError {
    let now = match find::<L>(state, token).await {
        Ok(found) => found.map_or(LinkState::Invalid, |(_, link)| link.state()),
        Err(error) => return error,
    };
    let now = match now {
        LinkState::Valid => LinkState::Used,
        other => other,
    };
    refusal_answer::<L>(LinkRefusal::Unusable(now), "")
}

/// What a person is told when their use of a link of kind `L` was refused: the link's
/// state in words, or that it was sent to another address than `account`'s.
fn refusal_answer<L: SentLink>(refusal: LinkRefusal, account: &str) -> AppError {
    match refusal {
        LinkRefusal::Unusable(LinkState::Invalid) => AppError::NotFound,
        LinkRefusal::Unusable(state) => AppError::Conflict(state.message(L::LINK_KIND).to_owned()),
        LinkRefusal::AnotherAddress => AppError::Forbidden(format!(
            "This {} was sent to another address. You are signed in as {account}: sign \
             out, then open the link again.",
            L::NOUN
        )),
    }
}
