//! The job that tells a key's minter and its workspace's owners and admins that the
//! key ends within a week (`Store::warn_of_ending_keys`): every ten minutes, on one
//! server of the database; each key is warned of once.

use crate::jobs;
use app::server::AppState;
use app::server::mail::key_ending_email;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The job's name in `background_jobs`.
const JOB: &str = "warn_of_ending_keys";

/// Time between runs across all servers, in seconds.
const EVERY_SECONDS: u64 = 600;

/// Starts the job; it ends when `stop` turns true.
pub fn spawn(state: AppState, stop: watch::Receiver<bool>) -> JoinHandle<()> {
    jobs::spawn_every(state.clone(), JOB, EVERY_SECONDS, stop, move || {
        let state = state.clone();
        async move {
            let public_url = &state.settings.public_url;
            let warned = state
                .store
                .warn_of_ending_keys(state.clock.now(), |letter| {
                    key_ending_email(public_url, &letter)
                })
                .await;
            match warned {
                Ok(0) => {}
                Ok(keys) => {
                    tracing::info!(keys, "warned of keys that end within a week");
                    state.mail_queued.notify_one();
                }
                Err(error) => {
                    tracing::warn!(%error, "warning of ending keys failed; the next run tries again")
                }
            }
        }
    })
}
