//! Server functions, one module per area. Each is a public HTTP endpoint under `/api`:
//! it parses its input, checks who is asking on the server, and makes one store call.
//! The types they take and answer are in [`crate::model`].

pub mod account;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod keys;
pub mod project_members;
pub mod projects;
pub mod shares;
pub mod team;
