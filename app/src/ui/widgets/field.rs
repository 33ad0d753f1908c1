//! Labelled form fields whose errors are tied to them for screen readers.

use crate::core::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::error::AppError;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::server_fn::Http;
use leptos::server_fn::ServerFn;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::{Json, PostUrl};
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::request::ClientReq;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::Node;
use serde::de::DeserializeOwned;
use web_sys::FormData;

/// The error of the last submission of an action, if it failed. Before the action
/// is used on this page, that is the error a form posted without scripts came back
/// with in the URL (`__path`, `__err`): an action made before the page, such as the
/// session's sign-in, does not read it itself.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let from_url = use_context::<ServerActionError>()
        .filter(|error| error.path() == S::PATH)
        .map(|error| ServerFnUrlError::<AppError>::decode_err(error.err()));
    Signal::derive(move || match action.value().get() {
        Some(answer) => answer.err(),
        None if action.version().get() == 0 => from_url.clone(),
        None => None,
    })
}

/// A labelled input. Its error, when there is one, is shown below it and announced
/// with it (`aria-describedby`); the first field of a form with an error takes focus.
#[component]
pub fn Field(
    /// The visible label, also the input's accessible name.
    label: &'static str,
    /// The form field name, matching the server function's argument.
    name: &'static str,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The autocomplete hint for password managers.
    autocomplete: &'static str,
    /// The error of the last submission.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// A hint shown under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The value the field starts with (the current name, say).
    #[prop(optional, into)]
    value: Option<String>,
    /// Tells apart the ids of two forms of one page with a field of the same name.
    #[prop(optional)]
    form: Option<&'static str>,
    /// Whether the form needs it filled in.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let id = match form {
        Some(form) => format!("field-{form}-{name}"),
        None => format!("field-{name}"),
    };
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = Signal::derive(move || error.get().and_then(|e| e.message_for(name)));
    let has_hint = hint.is_some();
    let input = NodeRef::<Input>::new();
    Effect::new(move || {
        if message.get().is_some() {
            request_animation_frame(move || focus_if_first_error(input));
        }
    });
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<&str> = [
                has_hint.then_some(hint_id.as_str()),
                message.get().map(|_| error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <input
                node_ref=input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                required=required
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id hidden=move || message.get().is_none()>
                {move || message.get()}
            </p>
        </div>
    }
}

/// Focuses `input` when it is the first field of its form marked invalid. It runs a
/// frame after the error arrived, when the field may be gone (its form answered and
/// was replaced): then there is nothing to focus.
fn focus_if_first_error(input: NodeRef<Input>) {
    let Some(input) = input.try_get_untracked().flatten() else {
        return;
    };
    let first = input
        .closest("form")
        .ok()
        .flatten()
        .and_then(|form| form.query_selector("[aria-invalid='true']").ok().flatten());
    if first.is_some_and(|first| first.is_same_node(Some(input.unchecked_ref::<Node>()))) {
        let _ = input.focus();
    }
}

/// The field of a new password, with the password policy as its hint.
#[component]
pub fn NewPasswordField(
    /// The error of the last submission.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// The visible label.
    #[prop(default = "Password")]
    label: &'static str,
    /// The form field name.
    #[prop(default = "password")]
    name: &'static str,
) -> impl IntoView {
    view! {
        <Field
            label
            name
            kind="password"
            autocomplete="new-password"
            hint=format!("At least {MIN_PASSWORD_CHARS} and at most {MAX_PASSWORD_CHARS} characters.")
            error
        />
    }
}

/// The error of a form that belongs to no single field, announced when it appears.
#[component]
pub fn FormError(
    /// The error of the last submission.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// The fields shown with their own messages.
    fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        error.get().and_then(|e| {
            let shown_by_field = fields.iter().any(|f| e.message_for(f).is_some());
            (!shown_by_field).then(|| e.message_for("").unwrap_or_else(|| e.to_string()))
        })
    };
    view! {
        <p class="form-error" role="alert">
            {message}
        </p>
    }
}

/// A server function an `ActionForm` can post (the bounds of `ActionForm`), answering
/// `AppError`.
pub trait FormFunction:
    DeserializeOwned
    + ServerFn<
        Protocol = Http<PostUrl, Json>,
        Error = AppError,
        Output: Clone + Send + Sync + 'static,
        Client: Client<AppError, Request: ClientReq<AppError, FormData: From<FormData>>>,
    > + Clone
    + Send
    + Sync
    + 'static
{
}

impl<S> FormFunction for S where
    S: DeserializeOwned
        + ServerFn<
            Protocol = Http<PostUrl, Json>,
            Error = AppError,
            Output: Clone + Send + Sync + 'static,
            Client: Client<AppError, Request: ClientReq<AppError, FormData: From<FormData>>>,
        > + Clone
        + Send
        + Sync
        + 'static
{
}
