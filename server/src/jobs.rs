//! Background jobs that one server of the database runs at a time, every so often:
//! the loop and the claim (a row of `background_jobs`) they share.

use app::server::AppState;
use std::future::Future;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Runs `work` every `every` seconds on whichever server of the database claims the
/// job `name` first; the first run is one interval after the start, and the loop
/// ends when `stop` turns true.
pub fn spawn_every<W, F>(
    state: AppState,
    name: &'static str,
    every: u64,
    mut stop: watch::Receiver<bool>,
    work: W,
) -> JoinHandle<()>
where
    W: Fn() -> F + Send + 'static,
    F: Future<Output = ()> + Send,
{
    let seconds = i64::try_from(every).unwrap_or(i64::MAX);
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(every)) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return;
            }
            match state
                .store
                .claim_job(name, state.clock.now(), seconds)
                .await
            {
                Ok(true) => {
                    work().await;
                    if let Err(error) = state.store.release_job(name).await {
                        tracing::warn!(%error, job = name, "could not release the job; its lease expires");
                    }
                }
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, job = name, "could not claim the job"),
            }
        }
    })
}
