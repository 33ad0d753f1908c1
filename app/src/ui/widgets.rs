//! Building blocks shared by the pages.

mod announcer;
mod field;
mod signed_in;
mod top_bar;

pub use announcer::Announcer;
pub use field::{Field, FormError, NewPasswordField, action_error};
pub use signed_in::SignedIn;
pub use top_bar::TopBar;
