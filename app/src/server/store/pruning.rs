//! Forgetting what is no longer needed: expired sessions, emailed links used, ended
//! or expired longer ago than the retention, sent and abandoned mail, and stale sign-in
//! queue entries; and the lease that lets one server at a time do it for all.

use super::Store;

/// How long a claimed job may run before another server may take it over.
const LEASE_SECONDS: i64 = 10 * 60;

/// Sign-in queue entries idle this long are forgotten (their delay ended long ago).
const QUEUE_IDLE_SECONDS: i64 = 24 * 60 * 60;

/// What one pruning removed, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Expired sessions.
    pub sessions: u64,
    /// Emailed links (registrations, resets, address changes, invites, shares) used,
    /// ended or expired before the retention.
    pub links: u64,
    /// Mails sent, or given up on, before the retention.
    pub mails: u64,
    /// Sign-in queue entries idle for a day.
    pub queue: u64,
}

/// The link tables and what makes a row of each finished before `$1`.
const FINISHED_LINKS: [(&str, &str); 5] = [
    ("registrations", "used_at <= $1 OR expires_at <= $1"),
    (
        "password_resets",
        "used_at <= $1 OR revoked_at <= $1 OR expires_at <= $1",
    ),
    (
        "email_changes",
        "used_at <= $1 OR revoked_at <= $1 OR expires_at <= $1",
    ),
    (
        "invites",
        "accepted_at <= $1 OR revoked_at <= $1 OR expires_at <= $1",
    ),
    (
        "project_shares",
        "ended_at <= $1 OR (accepted_at IS NULL AND ended_at IS NULL AND expires_at <= $1)",
    ),
];

impl Store {
    /// Claims the background job `name` for this server when its last run is at least
    /// `every` seconds old and no other server holds it. True when claimed: one
    /// UPDATE decides, so of several servers asking at once one gets it.
    pub async fn claim_job(&self, name: &str, now: i64, every: i64) -> Result<bool, sqlx::Error> {
        let claimed = sqlx::query(
            "UPDATE background_jobs SET leased_until = $1, last_run_at = $2, runs = runs + 1 \
             WHERE name = $3 AND last_run_at <= $4 AND leased_until <= $2",
        )
        .bind(now + LEASE_SECONDS)
        .bind(now)
        .bind(name)
        .bind(now - every)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(claimed.rows_affected() == 1)
    }

    /// Gives back the lease of the job `name` after its run.
    pub async fn release_job(&self, name: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE background_jobs SET leased_until = 0 WHERE name = $1")
            .bind(name)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Removes, in one transaction, what is no longer needed at `now`: sessions past
    /// their expiry, links and mails finished more than `retention` seconds ago, and
    /// idle sign-in queue entries. The activity feeds keep their own words, so they
    /// lose nothing.
    pub async fn prune(&self, now: i64, retention: i64) -> Result<Pruned, sqlx::Error> {
        let before = now - retention;
        let mut tx = self.begin().await?;
        let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let mut links = 0;
        for (table, finished) in FINISHED_LINKS {
            links += sqlx::query(&format!("DELETE FROM {table} WHERE {finished}"))
                .bind(before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        let mails = sqlx::query("DELETE FROM outbox WHERE sent_at <= $1 OR failed_at <= $1")
            .bind(before)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let queue = sqlx::query("DELETE FROM sign_in_queue WHERE next_at_ms <= $1")
            .bind((now - QUEUE_IDLE_SECONDS) * 1000)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(Pruned {
            sessions,
            links,
            mails,
            queue,
        })
    }
}
