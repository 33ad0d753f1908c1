//! A modal dialog on the browser's own `<dialog>`.

use leptos::html::Dialog;
use leptos::prelude::*;

/// A modal dialog shown while `open` is true. The browser's `<dialog>` keeps focus
/// inside while it is open, closes on Escape and gives focus back to the control
/// that opened it.
#[component]
pub fn Modal(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// Runs when the dialog closes, whether by Escape or because `open` turned false.
    on_close: impl Fn() + Send + Sync + 'static,
    /// The id of the dialog's heading, its accessible name.
    labelled_by: &'static str,
    /// Its look: a centred `confirm` box, or a `slide-out` panel.
    #[prop(default = "confirm")]
    class: &'static str,
    /// The dialog's content.
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move || {
        if let Some(element) = dialog.get() {
            if open.get() {
                if !element.open() {
                    let _ = element.show_modal();
                }
            } else {
                element.close();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class=class aria-labelledby=labelled_by on:close=move |_| on_close()>
            {children()}
        </dialog>
    }
}
