//! Server functions, one module per area. Each is a public HTTP endpoint under `/api`
//! and holds its use case, as the Leptos examples do: it parses its input, asks the
//! policy (through the caller's permit) on the server, and makes its store call, so a
//! use case reads here and in the store method it calls. What several share (the
//! session, an emailed link's lifecycle, throttles, mail) is in [`crate::server`];
//! the types they take and answer are in [`crate::model`].

pub mod account;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod invites;
pub mod keys;
pub mod project_members;
pub mod projects;
pub mod shared_with_me;
pub mod shares;
pub mod team;
