//! The product's one rule for an action that takes something away: its button asks
//! first, in place, naming the consequence.

use super::disclosure::close_disclosure;
use leptos::html::Details;
use leptos::prelude::*;
use leptos::web_sys::KeyboardEvent;

/// A button that opens, where it is, a sentence saying what acting does, the form
/// that acts (`children`, whose submit button names the act) and "Keep". It is the
/// summary of the browser's own `<details>`, so it opens and closes without scripts
/// and by keyboard (Enter or Space); with scripts, "Keep" and Escape close it and give
/// focus back to the button.
#[component]
pub fn Confirm(
    /// The button's text: "Revoke", "Cancel", "Leave".
    text: &'static str,
    /// Its name for screen readers (and tests): "Revoke the share with
    /// rita@example.test".
    label: String,
    /// What acting does, in a sentence.
    consequence: String,
    /// Whether acting takes something away (its button is red); buying is not.
    #[prop(default = true)]
    destructive: bool,
    /// The form that acts.
    children: Children,
) -> impl IntoView {
    let details = NodeRef::<Details>::new();
    let close = move || {
        if let Some(details) = details.get_untracked() {
            close_disclosure(&details);
        }
    };
    let on_key = move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            // Only the question closes, not a dialog around it.
            event.prevent_default();
            event.stop_propagation();
            close();
        }
    };
    view! {
        <details class="confirm" node_ref=details on:keydown=on_key>
            <summary class=if destructive { "button secondary danger-text" } else { "button secondary" }>
                <span aria-hidden="true">{text}</span>
                <span class="visually-hidden">{label}</span>
            </summary>
            <div class="confirm-panel">
                <p>{consequence}</p>
                <div class="actions">
                    {children()}
                    <button type="button" class="secondary js-only" on:click=move |_| close()>"Keep"</button>
                </div>
            </div>
        </details>
    }
}
