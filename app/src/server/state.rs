//! What every server function needs, built once at start-up.

use super::clock::Clock;
use super::crypto::{Sealer, TokenDigester};
use super::passwords::PasswordHasher;
use super::payments::PaymentProvider;
use super::store::Store;
use std::sync::Arc;
use tokio::sync::Notify;

/// Settings the server functions read, taken from the server's configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The origin every emailed link starts with, without a trailing slash.
    pub public_url: String,
}

impl Settings {
    /// Cookies get `Secure` when the app is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Shared state handed to server functions through the Leptos context.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Configuration the server functions read.
    pub settings: Arc<Settings>,
    /// Password hashing, rate-limited to the machine's cores.
    pub passwords: PasswordHasher,
    /// Keyed digests of link tokens and session ids.
    pub digester: TokenDigester,
    /// Encryption of project access keys at rest.
    pub sealer: Sealer,
    /// Woken after a transaction queues an email, so the worker sends it at once.
    pub mail_queued: Arc<Notify>,
    /// The time, read from here only.
    pub clock: Clock,
    /// Where the catalogue's checkout charges (the test mode so far).
    pub payments: Arc<dyn PaymentProvider>,
}
