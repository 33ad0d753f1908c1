//! Packagento's server: configuration, the axum router, migrations and the mail
//! worker. `main.rs` only reads the configuration and calls [`startup::run`] (or a
//! [`support`] command); tests
//! call the same functions on a port of their own.

pub mod access_review;
pub mod client_address;
pub mod composer;
pub mod compression;
pub mod config;
pub mod dev_mailbox;
pub mod health;
pub mod jobs;
pub mod key_warnings;
pub mod mail_worker;
pub mod metrics;
pub mod pruning;
pub mod request_log;
pub mod security;
pub mod seed;
pub mod share_ends;
pub mod startup;
pub mod support;
