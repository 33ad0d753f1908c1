//! What every emailed link's page is told, whatever the link offers.

use crate::core::link::LinkState;
use crate::model::shares::SharePreview;
use crate::model::team::InvitePreview;
use serde::{Deserialize, Serialize};

/// A link that confirms an address (a registration's, or an account's new one) as its
/// page shows it, before anything is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressLink {
    /// Whether it can be used.
    pub state: LinkState,
    /// The address, only when the link can be used.
    pub email: Option<String>,
}

impl AddressLink {
    /// A link in `state` for `email`, which is kept only when the link can be used.
    pub fn new(state: LinkState, email: Option<String>) -> Self {
        let email = email.filter(|_| state == LinkState::Valid);
        Self { state, email }
    }

    /// A link that matches nothing.
    pub fn invalid() -> Self {
        Self::new(LinkState::Invalid, None)
    }
}

/// The facts of an invite or share link that its page needs beyond what it offers.
pub trait LinkPreview {
    /// Whether the link can be used.
    fn state(&self) -> LinkState;
    /// The address it was sent to.
    fn email(&self) -> &str;
    /// The address of the signed-in user, if someone is signed in.
    fn signed_in_as(&self) -> Option<&str>;
}

/// Implements [`LinkPreview`] for a preview type with the three fields.
macro_rules! link_preview {
    ($($preview:ty),*) => {$(
        impl LinkPreview for $preview {
            fn state(&self) -> LinkState {
                self.state
            }
            fn email(&self) -> &str {
                &self.email
            }
            fn signed_in_as(&self) -> Option<&str> {
                self.signed_in_as.as_deref()
            }
        }
    )*};
}

link_preview!(InvitePreview, SharePreview);
