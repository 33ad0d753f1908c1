//! The page an emailed verification link opens (see [`AddressLinkPage`]).

use crate::api::auth::{VerifyEmail, check_verification_link};
use crate::ui::widgets::{AddressLinkPage, AddressLinkWords};
use leptos::prelude::*;

/// Shows what the link verifies and a "Verify email" button.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! { <AddressLinkPage<VerifyEmail, _, _> words=AddressLinkWords::VERIFICATION check=check_verification_link/> }
}
