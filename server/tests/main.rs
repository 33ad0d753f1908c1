//! The integration tests, one binary: each module drives the real server through HTTP
//! against a fresh database (SQLite, or PostgreSQL with `PACKAGENTO_TEST_DB=postgres`)
//! and a real SMTP server. One binary links once, which keeps the build small.

mod support;

mod access_review;
mod account_recovery;
mod accounts;
mod assets;
mod backups;
mod catalogue;
mod client_limits;
mod composer;
mod config;
mod enumeration;
mod faults;
mod health;
mod hostile_input;
mod key_expiry;
mod logs;
mod lookalikes;
mod metrics;
mod outbox;
mod permission_matrix;
mod project_members;
mod projects;
mod pruning;
mod read_connections;
mod role_changes;
mod security;
mod sending_limits;
mod several_servers;
mod share_crawler;
mod share_ends;
mod shares;
mod team;
