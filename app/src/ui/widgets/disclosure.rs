//! Closing a `<details>` disclosure the way a person expects.

use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlDetailsElement, HtmlElement};

/// The summary of `details`, the control that opens and closes it.
fn summary_of(details: &Element) -> Option<HtmlElement> {
    details.query_selector("summary").ok()??.dyn_into().ok()
}

/// The summary of the closed `<details>` that hides `control`, if one does: the
/// control that shows it again, to give focus to instead.
pub fn summary_hiding(control: &Element) -> Option<HtmlElement> {
    summary_of(&control.closest("details:not([open])").ok()??)
}

/// Closes `details` and gives focus to its summary, the control that opened it, so
/// that focus is never left on a control the closing hid.
pub fn close_disclosure(details: &HtmlDetailsElement) {
    details.set_open(false);
    if let Some(summary) = summary_of(details) {
        let _ = summary.focus();
    }
}
