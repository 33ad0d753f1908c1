//! Password hashing with argon2id, off the async executor.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Hashes and verifies passwords with OWASP's argon2id parameters (19 MiB, 2
/// iterations, 1 lane). Each hash runs on a blocking thread and at most two run at
/// once, so a burst of sign-ins queues here instead of starving other requests.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    dummy_hash: Arc<str>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .unwrap_or_else(|_| unreachable!("OWASP's argon2 parameters are valid"));
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

impl PasswordHasher {
    /// A hasher; computes once the dummy hash used when an account does not exist.
    pub fn new() -> Result<Self, argon2::password_hash::Error> {
        Ok(Self {
            permits: Arc::new(Semaphore::new(2)),
            dummy_hash: hash_blocking("packagento dummy password")?.into(),
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(crate::error::internal_error)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(crate::error::internal_error)
    }

    /// Hashes a new password (PHC string with salt and parameters).
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || hash_blocking(&password))
            .await?
            .map_err(crate::error::internal_error)
    }

    /// Checks `password` against `stored`; with no stored hash it checks against a
    /// dummy one and answers false, so both cases cost the same time.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        let exists = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.to_string());
        let matched = self
            .run(move || {
                PasswordHash::new(&hash).is_ok_and(|parsed| {
                    argon2()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
            })
            .await?;
        Ok(exists && matched)
    }
}
