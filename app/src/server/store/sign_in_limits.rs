//! Failed sign-ins, counted per address and per client to slow down guessing.
//!
//! The counts live in the database, so the limit holds across several servers.

use super::Store;

impl Store {
    /// How many sign-ins failed for `subject` since `since`, and when the oldest of
    /// them was.
    pub async fn failed_sign_ins(
        &self,
        subject: &str,
        since: i64,
    ) -> Result<(i64, Option<i64>), sqlx::Error> {
        sqlx::query_as("SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE subject = $1 AND failed_at > $2")
            .bind(subject)
            .bind(since)
            .fetch_one(&self.pool)
            .await
    }

    /// Records a failed sign-in against each subject and forgets failures older than
    /// `forget_before`.
    pub async fn record_failed_sign_in(
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
    pub async fn clear_failed_sign_ins(&self, subject: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1")
            .bind(subject)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
