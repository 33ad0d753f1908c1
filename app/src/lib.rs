//! Packagento's application: pages, server functions and the types shared by the
//! server and the browser.

pub mod api;
pub mod core;
pub mod error;
pub mod model;
#[cfg(feature = "ssr")]
pub mod random;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::{App, shell};
