//! A button that copies text to the clipboard.

use super::Announcer;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Copies `text` to the clipboard and says through `announcer` whether it worked.
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
        // The clipboard exists only in secure contexts (https, or this machine).
        let Some(window) = web_sys::window().filter(|w| w.is_secure_context()) else {
            announcer
                .assertive("Copying needs https here: select the text and copy it.".to_owned());
            return;
        };
        let written = window
            .navigator()
            .clipboard()
            .write_text(&text.get_untracked());
        spawn_local(async move {
            match JsFuture::from(written).await {
                Ok(_) => announcer.polite("Copied to the clipboard.".to_owned()),
                Err(_) => announcer.assertive(
                    "The browser refused to copy: select the text and copy it.".to_owned(),
                ),
            }
        });
    };
    view! {
        <button type="button" class="secondary copy" aria-label=label on:click=copy>
            "Copy"
        </button>
    }
}
