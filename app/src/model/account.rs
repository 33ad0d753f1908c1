//! What the account pages receive: the email-change link.

use crate::core::link::LinkState;
use serde::{Deserialize, Serialize};

/// An address-change link as its page shows it, before anything is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChangeLink {
    /// Whether it can be used.
    pub state: LinkState,
    /// The new address, when it can be used.
    pub email: Option<String>,
}
