//! The pruning job: every `PRUNE_INTERVAL_SECONDS`, one server of the database removes
//! what is no longer needed (`Store::prune`), keeping links and mails for
//! `RETENTION_DAYS` after they were used, ended or sent.

use app::server::now;
use app::server::store::Store;
use std::time::Duration;
use tokio::sync::watch;

/// The job's name in `background_jobs`.
const JOB: &str = "prune";

/// How often and how far back the job prunes.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    /// Time between runs across all servers, in seconds.
    pub every: u64,
    /// How long finished links and sent mails are kept, in seconds.
    pub retention: u64,
}

/// Starts the job; it first runs one interval after the start, and ends when `stop`
/// turns true.
pub fn spawn(
    store: Store,
    schedule: Schedule,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(schedule.every)) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return;
            }
            run_once(&store, schedule).await;
        }
    })
}

/// Prunes if this server's claim on the job wins.
async fn run_once(store: &Store, schedule: Schedule) {
    let every = i64::try_from(schedule.every).unwrap_or(i64::MAX);
    match store.claim_job(JOB, now(), every).await {
        Ok(true) => {
            let retention = i64::try_from(schedule.retention).unwrap_or(i64::MAX);
            match store.prune(now(), retention).await {
                Ok(pruned) => tracing::info!(
                    sessions = pruned.sessions,
                    links = pruned.links,
                    mails = pruned.mails,
                    queue = pruned.queue,
                    "pruned what is no longer needed"
                ),
                Err(error) => tracing::warn!(%error, "pruning failed; the next run tries again"),
            }
            if let Err(error) = store.release_job(JOB).await {
                tracing::warn!(%error, "could not release the pruning job; its lease expires");
            }
        }
        Ok(false) => {}
        Err(error) => tracing::warn!(%error, "could not claim the pruning job"),
    }
}
