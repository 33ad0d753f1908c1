//! A button that copies text to the clipboard.

use super::Announcer;
use leptos::prelude::*;

/// Copies `text` to the clipboard and says so through `announcer`.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's accessible name, such as "Copy the install commands for acme/x".
    label: String,
    /// Where the result is announced.
    announcer: Announcer,
) -> impl IntoView {
    let copy = move |_| {
        let clipboard = web_sys::window().map(|window| window.navigator().clipboard());
        match clipboard {
            Some(clipboard) => {
                let _ = clipboard.write_text(&text.get_untracked());
                announcer.polite("Copied to the clipboard.".to_owned());
            }
            None => announcer.assertive("Copying failed: select the text and copy it.".to_owned()),
        }
    };
    view! {
        <button type="button" class="secondary copy" aria-label=label on:click=copy>
            "Copy"
        </button>
    }
}
