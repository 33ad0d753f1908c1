//! Closing a `<details>` disclosure the way a person expects.

use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlDetailsElement, HtmlElement};

/// The summary of the closed `<details>` that hides `control`, if one does: the
/// control that shows it again, to give focus to instead.
pub fn summary_hiding(control: &Element) -> Option<HtmlElement> {
    let details = control.closest("details:not([open])").ok()??;
    details.query_selector("summary").ok()??.dyn_into().ok()
}

/// Closes `details` and gives focus to its summary, the control that opened it, so
/// that focus is never left on a control the closing hid.
pub fn close_disclosure(details: &HtmlDetailsElement) {
    details.set_open(false);
    if let Ok(Some(summary)) = details.query_selector("summary")
        && let Ok(summary) = summary.dyn_into::<HtmlElement>()
    {
        let _ = summary.focus();
    }
}
