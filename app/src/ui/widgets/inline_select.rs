//! A dropdown saved as soon as it changes (a role, a project access, when a share
//! ends): its answer is said, and a refusal puts the dropdown back to the value last
//! saved. The dropdowns of one list share one action ([`InlineSaves`]).

use super::{Announcer, FormFunction};
use crate::error::AppError;
use leptos::html::Select;
use leptos::prelude::*;

/// The saves of one list's dropdowns: one action for the whole list rather than one
/// per row (a row's action, with its signals, was an eighth of the server's time
/// rendering Org settings, `./scripts/bench`). One save runs at a time: while it does,
/// the list's dropdowns are disabled, so each answer belongs to the dropdown last
/// changed, whose "Saving…" and "Saved" it is.
pub struct InlineSaves<S: FormFunction> {
    action: ServerAction<S>,
    pending: Memo<bool>,
    answer: MappedSignal<Option<Result<S::Output, AppError>>>,
    /// The id of the dropdown whose value was sent last.
    sent_by: RwSignal<Option<String>>,
}

impl<S: FormFunction> Clone for InlineSaves<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: FormFunction> Copy for InlineSaves<S> {}

impl<S: FormFunction> Default for InlineSaves<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: FormFunction> InlineSaves<S> {
    /// The saves of a list, created once for it (not per row).
    pub fn new() -> Self {
        let action = ServerAction::<S>::new();
        Self {
            action,
            pending: action.pending(),
            answer: action.value(),
            sent_by: RwSignal::new(None),
        }
    }

    /// Whether the dropdown `id` sent the save now running or last answered.
    fn sent_by(self, id: &str) -> bool {
        self.sent_by.with(|sent| sent.as_deref() == Some(id))
    }

    /// What the dropdown `id` shows beside it: "Saving…", "Saved", or nothing.
    fn status(self, id: &str) -> &'static str {
        if !self.sent_by(id) {
            ""
        } else if self.pending.get() {
            "Saving…"
        } else if self.answer.with(|answer| matches!(answer, Some(Ok(_)))) {
            "Saved"
        } else {
            ""
        }
    }
}

/// A dropdown saved as soon as it changes, posted as `name` by a form that also works
/// without scripts (its Save button shows only then), with "Saving…" and "Saved"
/// beside it; its answers are followed as [`follow_saves`] says.
#[component]
pub fn InlineSelect<S, Choose, Saved>(
    /// The saves of the list the dropdown is in.
    saves: InlineSaves<S>,
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
    follow_saves(saves, id.clone(), select, value, announcer, saved);
    let (for_change, for_status) = (id.clone(), id.clone());
    view! {
        <ActionForm action=saves.action attr:class="row-form">
            {children()}
            <label class="visually-hidden" for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                node_ref=select
                disabled=move || saves.pending.get()
                on:change=move |ev| {
                    if let Some(call) = choose(event_target_value(&ev)) {
                        saves.sent_by.set(Some(for_change.clone()));
                        saves.action.dispatch(call);
                    }
                }
            >
                {options}
            </select>
            <button type="submit" class="secondary no-js" aria-label=save_label>"Save"</button>
            <span class="row-status" aria-hidden="true">{move || saves.status(&for_status)}</span>
        </ActionForm>
    }
}

/// Follows the answers of the list's `saves` that belong to the dropdown `id`
/// (`select`). `first` is the value it was rendered with (an option's value); `saved`
/// turns a saved answer into the value now saved and the sentence saying so (and may
/// update what depends on it); a refusal puts the dropdown back to the value last
/// saved and says why.
fn follow_saves<S: FormFunction>(
    saves: InlineSaves<S>,
    id: String,
    select: NodeRef<Select>,
    first: String,
    announcer: Announcer,
    saved: impl Fn(S::Output) -> (String, String) + 'static,
) {
    Effect::new(move |last: Option<String>| {
        let answer = saves.answer.get();
        // The first run only subscribes: an answer already there was given before this
        // dropdown was rendered (to this row, when the list was rendered again).
        let Some(last) = last else {
            return first.clone();
        };
        if !untrack(|| saves.sent_by(&id)) {
            return last;
        }
        match answer {
            Some(Ok(answer)) => {
                let (value, sentence) = saved(answer);
                announcer.polite(sentence);
                value
            }
            Some(Err(error)) => {
                if let Some(select) = select.get() {
                    select.set_value(&last);
                }
                announcer.assertive(error.to_string());
                last
            }
            None => last,
        }
    });
}
