//! The job that keeps shares to their end dates (`Store::warn_of_ending_shares`,
//! `Store::end_due_shares`): every minute, on one server of the database, it warns
//! both sides of a share that ends within three days and ends the shares whose date
//! has come. Access already stops at the end date on every request; the job does the
//! rest of a revoke (keys, feeds, emails), once per share.

use crate::jobs;
use app::server::AppState;
use app::server::mail::share_end_email;
use app::server::store::ShareEndLetter;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The job's name in `background_jobs`.
const JOB: &str = "end_shares_on_time";

/// Time between runs across all servers, in seconds.
const EVERY_SECONDS: u64 = 60;

/// Starts the job; it ends when `stop` turns true.
pub fn spawn(state: AppState, stop: watch::Receiver<bool>) -> JoinHandle<()> {
    jobs::spawn_every(state.clone(), JOB, EVERY_SECONDS, stop, move || {
        let state = state.clone();
        async move { run(&state).await }
    })
}

/// One run of the job, at the state's clock.
pub async fn run(state: &AppState) {
    let (store, now) = (&state.store, state.clock.now());
    let public_url = &state.settings.public_url;
    let letter = |letter: ShareEndLetter<'_>| share_end_email(public_url, &letter);
    let warned = store.warn_of_ending_shares(now, letter).await;
    let ended = store.end_due_shares(now, letter).await;
    match (warned, ended) {
        (Ok(0), Ok(0)) => {}
        (Ok(warned), Ok(ended)) => {
            tracing::info!(warned, ended, "kept shares to their end dates");
            state.mail_queued.notify_one();
        }
        (Err(error), _) | (_, Err(error)) => {
            tracing::warn!(%error, "keeping shares to their end dates failed; the next run tries again");
        }
    }
}
