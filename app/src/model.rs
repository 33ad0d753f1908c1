//! The types that travel between the server and the browser, one module per area.
//! They import only `core` (and the error type): the store fills them, the server
//! functions send them, the pages read them.

pub mod access_review;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod keys;
pub mod link;
pub mod project_members;
pub mod projects;
pub mod shares;
pub mod team;
