//! A dropdown saved as soon as it changes (a role, a project access): its answer is
//! said, and a refusal puts the dropdown back to the value last saved.

use super::Announcer;
use crate::error::AppError;
use leptos::html::Select;
use leptos::prelude::*;

/// Follows the `answers` of the dropdown `select`'s action. `first` is the value it was
/// rendered with (an option's value); `saved` turns a saved answer into the value now
/// saved and the sentence saying so (and may update what depends on it); a refusal
/// puts the dropdown back to the value last saved and says why.
pub fn follow_saves<T: Clone + Send + Sync + 'static>(
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
