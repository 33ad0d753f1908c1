//! The pages emailed links open: one component for invites and shares, one for the
//! links that confirm an address (a registration's, an account's new one), in one frame.
//! Opening a link changes nothing (mail scanners open every link): the page says what
//! the link will do and to which address, and offers the button that does it; an
//! invite or share also offers signing in or registering with its address.

use super::PageTitle;
use crate::core::link::{LinkKind, LinkState};
use crate::error::AppError;
use crate::model::link::{AddressLink, LinkPreview};
use crate::ui::session::use_session;
use crate::ui::widgets::{Field, FormError, FormFunction, NewPasswordField, action_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The words of a kind of link page, one constant per kind.
pub struct LinkPageWords {
    kind: LinkKind,
    title: &'static str,
    heading: &'static str,
    /// What the link is called in a sentence ("invite", "share").
    noun: &'static str,
    /// The page's path, where signing in comes back to.
    path: &'static str,
    accept: &'static str,
    accepting: &'static str,
    register: &'static str,
    email_hint: &'static str,
}

impl LinkPageWords {
    /// The page of an invite to join a workspace.
    pub const INVITE: &'static Self = &Self {
        kind: LinkKind::Invite,
        title: "Accept an invite",
        heading: "Join a workspace",
        noun: "invite",
        path: "/invite",
        accept: "Accept invite",
        accepting: "Joining…",
        register: "Create account and join",
        email_hint: "The address the invite was sent to.",
    };

    /// The page of a project shared with someone outside the workspace.
    pub const SHARE: &'static Self = &Self {
        kind: LinkKind::Share,
        title: "Accept a shared project",
        heading: "A project shared with you",
        noun: "share",
        path: "/share",
        accept: "Accept share",
        accepting: "Accepting…",
        register: "Create account and accept",
        email_hint: "The address the project was shared with.",
    };
}

/// The page of an emailed link with `words`: `Accept` is the server function that accepts
/// it for the signed-in addressee, `Register` the one that creates the addressee's
/// account and accepts (both take the link's `token`; `Register` also `display_name`
/// and `password`).
#[component]
pub fn EmailedLinkPage<T, Accept, Register>(
    /// Its words: [`LinkPageWords::INVITE`] or [`LinkPageWords::SHARE`].
    words: &'static LinkPageWords,
    /// What the link in the URL offers, created by the route.
    preview: Resource<Result<T, AppError>>,
    /// The sentence of what a usable link offers.
    offer: fn(&T) -> AnyView,
    /// Only names the server functions.
    #[prop(optional)]
    functions: PhantomData<(Accept, Register)>,
) -> impl IntoView
where
    T: LinkPreview + Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Accept: FormFunction,
    Register: FormFunction,
{
    let _ = functions;
    link_frame(words.title, words.heading, preview, move |preview| {
        if preview.state() != LinkState::Valid {
            return view! { <p role="alert">{preview.state().message(words.kind)}</p> }.into_any();
        }
        let answer = answer::<Accept, Register>(words, &preview, token_in_url());
        view! {
            <p>{offer(&preview)}</p>
            <p>"The " {words.noun} " is for " <strong><bdi>{preview.email().to_owned()}</bdi></strong> "."</p>
            {answer}
        }
        .into_any()
    })
}

/// The words of a page whose link confirms an address, one constant per kind.
pub struct AddressLinkWords {
    kind: LinkKind,
    title: &'static str,
    /// The sentence about the address: the words before it and after it.
    sentence: (&'static str, &'static str),
    confirm: &'static str,
    confirming: &'static str,
    /// Where to go when the link cannot be used: its address and words.
    elsewhere: (&'static str, &'static str),
}

impl AddressLinkWords {
    /// The page of a new registration's verification link.
    pub const VERIFICATION: &'static Self = &Self {
        kind: LinkKind::Verification,
        title: "Verify your email address",
        sentence: ("Confirm that ", " is your email address."),
        confirm: "Verify email",
        confirming: "Verifying…",
        elsewhere: ("/sign-in", "Sign in"),
    };

    /// The page of the link that confirms an account's new address.
    pub const EMAIL_CHANGE: &'static Self = &Self {
        kind: LinkKind::EmailChange,
        title: "Confirm your new address",
        sentence: (
            "Your account will use ",
            " from now on, to sign in and for every email.",
        ),
        confirm: "Confirm new address",
        confirming: "Confirming…",
        elsewhere: ("/account", "Your account"),
    };
}

/// The page of a link that confirms an address: it asks `check` what the link in the
/// URL would do, names the address and offers the button that posts `Confirm` (which
/// takes the link's `token`).
#[component]
pub fn AddressLinkPage<Confirm, Check, Answer>(
    /// Its words: [`AddressLinkWords::VERIFICATION`] or [`AddressLinkWords::EMAIL_CHANGE`].
    words: &'static AddressLinkWords,
    /// The server function that describes a link without using it.
    check: Check,
    /// Only names the server function that uses the link.
    #[prop(optional)]
    function: PhantomData<Confirm>,
) -> impl IntoView
where
    Confirm: FormFunction,
    Check: Fn(String) -> Answer + Send + Sync + 'static,
    Answer: Future<Output = Result<AddressLink, AppError>> + Send + 'static,
{
    let _ = function;
    let query = use_query_map();
    let link = Resource::new(move || query.read().get("token").unwrap_or_default(), check);
    link_frame(words.title, words.title, link, move |link| {
        let Some(email) = link.email.filter(|_| link.state == LinkState::Valid) else {
            let (href, text) = words.elsewhere;
            return view! {
                <p role="alert">{link.state.message(words.kind)}</p>
                <p><a href=href>{text}</a></p>
            }
            .into_any();
        };
        let confirm = ServerAction::<Confirm>::new();
        let error = action_error(confirm);
        view! {
            <p>{words.sentence.0} <strong><bdi>{email}</bdi></strong> {words.sentence.1}</p>
            <ActionForm action=confirm>
                <FormError error fields=&[]/>
                <input type="hidden" name="token" value=token_in_url()/>
                <button type="submit" disabled=move || confirm.pending().get()>
                    {move || if confirm.pending().get() { words.confirming } else { words.confirm }}
                </button>
            </ActionForm>
        }
        .into_any()
    })
}

/// The token of the link in the URL.
fn token_in_url() -> String {
    use_query_map().read().get("token").unwrap_or_default()
}

/// The frame of every link page: its title and heading, and what `show` makes of the
/// server's answer about the link (an error the server gave is said as it is).
fn link_frame<T>(
    title: &'static str,
    heading: &'static str,
    link: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    view! {
        <PageTitle text=title/>
        <section class="card narrow">
            <h1>{heading}</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(link) => show(link),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What the page offers a usable link's visitor: accepting when signed in with its
/// address, signing out when signed in with another, else signing in or registering.
fn answer<Accept, Register>(
    words: &'static LinkPageWords,
    preview: &impl LinkPreview,
    token: String,
) -> AnyView
where
    Accept: FormFunction,
    Register: FormFunction,
{
    let email = preview.email().to_owned();
    match preview.signed_in_as() {
        Some(signed_in) if signed_in == email => {
            let accept = ServerAction::<Accept>::new();
            let error = action_error(accept);
            view! {
                <ActionForm action=accept>
                    <FormError error fields=&[]/>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" disabled=move || accept.pending().get()>
                        {move || if accept.pending().get() { words.accepting } else { words.accept }}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
        Some(signed_in) => {
            let sign_out = use_session().sign_out;
            let signed_in = signed_in.to_owned();
            view! {
                <p role="alert">
                    "This " {words.noun} " was sent to " <strong><bdi>{email}</bdi></strong> ", but you are signed in as "
                    <strong><bdi>{signed_in}</bdi></strong> ". Sign out, then open the link again."
                </p>
                <ActionForm action=sign_out>
                    <button type="submit">"Sign out"</button>
                </ActionForm>
            }
            .into_any()
        }
        None => {
            let register = ServerAction::<Register>::new();
            let error = action_error(register);
            let next = format!("{}?token={token}", words.path);
            let sign_in_href = format!(
                "/sign-in?next={}",
                next.replace('?', "%3F").replace('=', "%3D")
            );
            let (email_id, hint_id) = (
                format!("{}-email", words.noun),
                format!("{}-email-hint", words.noun),
            );
            view! {
                <p>"Already have an account with this address? " <a href=sign_in_href>"Sign in to accept"</a></p>
                <h2>"New to Packagento? Create your account"</h2>
                <ActionForm action=register>
                    <FormError error fields=&["display_name", "password"]/>
                    <input type="hidden" name="token" value=token/>
                    <div class="field">
                        <label for=email_id.clone()>"Email"</label>
                        <input id=email_id type="email" value=email readonly aria-describedby=hint_id.clone()/>
                        <p class="hint" id=hint_id>{words.email_hint}</p>
                    </div>
                    <Field label="Display name" name="display_name" autocomplete="name" error/>
                    <NewPasswordField error/>
                    <button type="submit" disabled=move || register.pending().get()>
                        {move || if register.pending().get() { "Creating account…" } else { words.register }}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
    }
}
