//! The pruning job: every `PRUNE_INTERVAL_SECONDS`, one server of the database removes
//! what is no longer needed (`Store::prune`), keeping links and mails for
//! `RETENTION_DAYS` after they were used, ended or sent.

use crate::jobs;
use app::server::AppState;
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
    state: AppState,
    schedule: Schedule,
    stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    jobs::spawn_every(state.clone(), JOB, schedule.every, stop, move || {
        let state = state.clone();
        async move {
            let retention = i64::try_from(schedule.retention).unwrap_or(i64::MAX);
            match state.store.prune(state.clock.now(), retention).await {
                Ok(pruned) => tracing::info!(
                    sessions = pruned.sessions,
                    links = pruned.links,
                    mails = pruned.mails,
                    queue = pruned.queue,
                    "pruned what is no longer needed"
                ),
                Err(error) => tracing::warn!(%error, "pruning failed; the next run tries again"),
            }
        }
    })
}
