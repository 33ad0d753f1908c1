//! A dropdown saved as soon as it changes (a role, a project access, when a share
//! ends): its answer is said, and a refusal puts the dropdown back to the value last
//! saved.

use super::{Announcer, FormFunction};
use crate::error::AppError;
use leptos::html::Select;
use leptos::prelude::*;

/// A dropdown saved as soon as it changes, posted as `name` by a form that also works
/// without scripts (its Save button shows only then), with "Saving…" and "Saved"
/// beside it; its answers are followed as [`follow_saves`] says.
#[component]
pub fn InlineSelect<S, Choose, Saved>(
    /// The action that saves.
    action: ServerAction<S>,
    /// The dropdown's id.
    id: String,
    /// Its accessible name ("Role of Erin Evans").
    label: String,
    /// The accessible name of the Save button of the form without scripts.
    save_label: String,
    /// The option value it is rendered with (that option is selected).
    value: String,
    /// The call that saves a chosen value, if the value makes one.
    choose: Choose,
    /// The value now saved, and the sentence that says so, from a saved answer.
    saved: Saved,
    /// Its options: each value and the words shown for it.
    options: Vec<(String, String)>,
    /// The form field it is posted as.
    #[prop(default = "role")]
    name: &'static str,
    /// Where its answers are said; the page's announcer when not given.
    #[prop(optional)]
    announcer: Option<Announcer>,
    /// Hidden inputs that name the row, for the form without scripts.
    children: Children,
) -> impl IntoView
where
    S: FormFunction,
    Choose: Fn(String) -> Option<S> + Send + Sync + 'static,
    Saved: Fn(S::Output) -> (String, String) + 'static,
{
    let select = NodeRef::<Select>::new();
    let options = options
        .into_iter()
        .map(|(option, words)| {
            let selected = option == value;
            view! { <option value=option selected=selected>{words}</option> }
        })
        .collect_view();
    let announcer = announcer.unwrap_or_else(expect_context::<Announcer>);
    follow_saves(action.value(), select, value, announcer, saved);
    view! {
        <ActionForm action attr:class="row-form">
            {children()}
            <label class="visually-hidden" for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                node_ref=select
                disabled=move || action.pending().get()
                on:change=move |ev| {
                    if let Some(call) = choose(event_target_value(&ev)) {
                        action.dispatch(call);
                    }
                }
            >
                {options}
            </select>
            <button type="submit" class="secondary no-js" aria-label=save_label>"Save"</button>
            <span class="row-status" aria-hidden="true">
                {move || if action.pending().get() { "Saving…" } else if matches!(action.value().get(), Some(Ok(_))) { "Saved" } else { "" }}
            </span>
        </ActionForm>
    }
}

/// Follows the `answers` of the dropdown `select`'s action. `first` is the value it was
/// rendered with (an option's value); `saved` turns a saved answer into the value now
/// saved and the sentence saying so (and may update what depends on it); a refusal
/// puts the dropdown back to the value last saved and says why.
fn follow_saves<T: Clone + Send + Sync + 'static>(
    answers: impl Get<Value = Option<Result<T, AppError>>> + 'static,
    select: NodeRef<Select>,
    first: String,
    announcer: Announcer,
    saved: impl Fn(T) -> (String, String) + 'static,
) {
    let last_saved = StoredValue::new(first);
    Effect::new(move || match answers.get() {
        Some(Ok(answer)) => {
            let (value, sentence) = saved(answer);
            last_saved.set_value(value);
            announcer.polite(sentence);
        }
        Some(Err(error)) => {
            if let Some(select) = select.get() {
                select.set_value(&last_saved.get_value());
            }
            announcer.assertive(error.to_string());
        }
        None => {}
    });
}
