//! A modal dialog on the browser's own `<dialog>`.

use super::disclosure::summary_hiding;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlDialogElement, HtmlElement, KeyboardEvent};

/// The attribute that marks the control a dialog (named by its heading's id) was
/// opened from.
const OPENER: &str = "data-opened";

/// What can take focus inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), a[href], input:not([disabled]):not([type='hidden']), \
                         select:not([disabled]), textarea:not([disabled]), summary, \
                         [tabindex]:not([tabindex='-1'])";

/// A modal dialog shown while `open` is true. The browser's `<dialog>` makes the page
/// behind it inert, closes on Escape and gives focus back to the control that opened
/// it; Tab and Shift+Tab cycle through the dialog's own controls, never leaving it. A
/// dialog open when the page is rendered (its state in the URL) arrives open from the
/// server and becomes modal once scripts run.
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
    // Set while a dialog the server rendered open is reopened as a modal one, so that
    // its `close` event does not count as the person closing it.
    let reopening = StoredValue::new(false);
    Effect::new(move || {
        if let Some(element) = dialog.get() {
            if open.get() {
                let modal = element.matches(":modal").unwrap_or(false);
                if element.open() && !modal {
                    reopening.set_value(true);
                    element.close();
                }
                if !element.open() {
                    // The control focused now gets focus back: it is marked in the page.
                    if let Some(opener) = document().active_element()
                        && document().body().is_none_or(|body| *body != opener)
                    {
                        let _ = opener.set_attribute(OPENER, labelled_by);
                    }
                    let _ = element.show_modal();
                }
            } else {
                element.close();
            }
        }
    });
    // The browser gives focus back to the opener itself; when a menu that held it has
    // closed meanwhile, the menu's button gets it instead.
    let refocus = move || {
        let selector = format!("[{OPENER}=\"{labelled_by}\"]");
        if let Ok(Some(opener)) = document().query_selector(&selector) {
            let _ = opener.remove_attribute(OPENER);
            if let Some(summary) = summary_hiding(&opener) {
                let _ = summary.focus();
            }
        }
    };
    let keep_focus_inside = move |event: KeyboardEvent| {
        if let Some(element) = dialog.get_untracked() {
            cycle_focus(&element, &event);
        }
    };
    view! {
        <dialog
            node_ref=dialog
            class=class
            aria-labelledby=labelled_by
            open=open.get_untracked()
            on:close=move |_| {
                if reopening.get_value() {
                    reopening.set_value(false);
                } else {
                    refocus();
                    on_close();
                }
            }
            on:keydown=keep_focus_inside
        >
            {children()}
        </dialog>
    }
}

/// On Tab from the dialog's last control, focuses its first; on Shift+Tab from the
/// first, its last.
fn cycle_focus(dialog: &HtmlDialogElement, event: &KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    // Those shown: not hidden, nor inside a closed `<details>`.
    let controls: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|control| control.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = document().active_element();
    let is_active = |control: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|element| element == control.unchecked_ref())
    };
    let wrap_to = if event.shift_key() {
        is_active(first).then_some(last)
    } else {
        is_active(last).then_some(first)
    };
    if let Some(target) = wrap_to {
        event.prevent_default();
        let _ = target.focus();
    }
}
