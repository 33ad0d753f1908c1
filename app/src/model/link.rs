//! What every emailed link's page is told, whatever the link offers.

use crate::core::link::LinkState;
use crate::model::shares::SharePreview;
use crate::model::team::InvitePreview;

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
