//! Failed attempts (sign-ins, per address and per client; licence codes, per
//! workspace and per person), counted to slow down guessing.
//!
//! The counts live in the database, so the limit holds across several servers.

use super::Store;

impl Store {
    /// How many attempts failed for `subject` since `since`, and when the oldest of
    /// them was.
    pub async fn failed_attempts(
        &self,
        subject: &str,
        since: i64,
    ) -> Result<(i64, Option<i64>), sqlx::Error> {
        sqlx::query_as("SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE subject = $1 AND failed_at > $2")
            .bind(subject)
            .bind(since)
            .fetch_one(&mut *self.conn().await?)
            .await
    }

    /// Records a failed attempt against each subject and forgets failures older than
    /// `forget_before`.
    pub async fn record_failed_attempt(
        &self,
        subjects: &[&str],
        now: i64,
        forget_before: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        for subject in subjects {
            sqlx::query("INSERT INTO sign_in_failures (subject, failed_at) VALUES ($1, $2)")
                .bind(*subject)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Forgets the failures of `subject` after a successful sign-in.
    pub async fn clear_failed_attempts(&self, subject: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1")
            .bind(subject)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Takes the next turn of `subject` (a client over its limit of failed sign-ins):
    /// turns are `step_ms` apart, so however many attempts the client sends at once,
    /// they are checked one after another. Returns how long to wait for the turn (in
    /// milliseconds), or `None`, taking no turn, when it is more than `max_wait_ms`
    /// away.
    pub async fn take_sign_in_turn(
        &self,
        subject: &str,
        now_ms: i64,
        step_ms: i64,
        max_wait_ms: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        // One statement, so two servers taking turns at once get different ones.
        let next: Option<i64> = sqlx::query_scalar(
            "INSERT INTO sign_in_queue (subject, next_at_ms) VALUES ($1, $2 + $3) \
             ON CONFLICT (subject) DO UPDATE SET next_at_ms = CASE \
             WHEN sign_in_queue.next_at_ms > $2 THEN sign_in_queue.next_at_ms + $3 ELSE $2 + $3 END \
             WHERE sign_in_queue.next_at_ms - $2 <= $4 RETURNING next_at_ms",
        )
        .bind(subject)
        .bind(now_ms)
        .bind(step_ms)
        .bind(max_wait_ms)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(next.map(|next| (next - step_ms - now_ms).max(0)))
    }
}
