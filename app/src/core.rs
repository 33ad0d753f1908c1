//! Pure domain rules: parsing and validation shared by the server and the browser.
//!
//! Nothing here performs I/O or depends on leptos, sqlx, tokio or axum, so every rule
//! is tested with plain `cargo test` and reused by the UI for instant feedback.

pub mod access;
pub mod access_key;
pub mod activity;
pub mod catalogue;
pub mod crc32;
pub mod csv;
pub mod dates;
pub mod display_name;
pub mod email;
pub mod key_lifetime;
pub mod licence_code;
pub mod link;
pub mod money;
pub mod paging;
pub mod password;
pub mod policy;
pub mod role;
pub mod sending_limit;
pub mod share_end;
pub mod share_state;
pub mod text;
