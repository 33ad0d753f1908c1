//! The page a link confirming a new address opens (see [`AddressLinkPage`]).

use crate::api::account::{ConfirmEmailChange, check_email_change_link};
use crate::ui::widgets::{AddressLinkPage, AddressLinkWords};
use leptos::prelude::*;

/// "Confirm new address", when the link can be used.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! { <AddressLinkPage<ConfirmEmailChange, _, _> words=AddressLinkWords::EMAIL_CHANGE check=check_email_change_link/> }
}
