//! The transactional outbox: emails queued with the change that caused them.
//!
//! A worker claims one row at a time with a lease (a conditional `UPDATE`, so two
//! servers never claim the same row), sends it outside any transaction, then records
//! the result. Each row has a stable Message-ID, so a crash between sending and
//! recording can at worst repeat a message that receivers recognise as the same.

use super::{Store, Tx};
use crate::random::random_text;
use sqlx::Row;

/// An email ready to queue.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// What kind of email this is (`verify_email`, `account_exists`, ...).
    pub kind: &'static str,
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part; every user value in it is escaped.
    pub html: String,
}

/// An email claimed for sending.
#[derive(Debug, Clone)]
pub struct QueuedEmail {
    /// The outbox row.
    pub id: i64,
    /// Stable across retries, so a repeat is recognisable.
    pub message_id: String,
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// How many times sending was tried, this one included.
    pub attempts: i64,
}

const CLAIMED_COLUMNS: &str = "id, message_id, recipient, subject, text_body, html_body, attempts";

impl Store {
    /// How many emails wait to be sent, and when the oldest of them was queued.
    pub async fn outbox_state(&self) -> Result<(i64, Option<i64>), sqlx::Error> {
        sqlx::query_as(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(&mut *self.conn().await?)
        .await
    }

    /// Queues `email` inside the caller's transaction.
    pub async fn enqueue(tx: &mut Tx, email: &OutgoingEmail, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO outbox (message_id, kind, recipient, subject, text_body, html_body, \
             created_at, next_attempt_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 0)",
        )
        // A fresh random Message-ID (128 bits).
        .bind(random_text::<16>())
        .bind(email.kind)
        .bind(&email.to)
        .bind(&email.subject)
        .bind(&email.text)
        .bind(&email.html)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Claims the oldest email due for sending for `lease_seconds`, if any.
    pub async fn claim_email(
        &self,
        now: i64,
        lease_seconds: i64,
    ) -> Result<Option<QueuedEmail>, sqlx::Error> {
        let sql = format!(
            "UPDATE outbox SET claimed_until = $1 + $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
                 AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) \
                 ORDER BY id LIMIT 1) \
             AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING {CLAIMED_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(now)
            .bind(lease_seconds)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(|row| {
            Ok(QueuedEmail {
                id: row.try_get("id")?,
                message_id: row.try_get("message_id")?,
                to: row.try_get("recipient")?,
                subject: row.try_get("subject")?,
                text: row.try_get("text_body")?,
                html: row.try_get("html_body")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .transpose()
    }

    /// Records that the email was handed to the mail server, and drops its bodies:
    /// the links they hold must not stay readable in the database. The row keeps what
    /// the sending limits and the log need (recipient, subject, kind, Message-ID,
    /// times).
    pub async fn mark_email_sent(&self, id: i64, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE outbox SET sent_at = $2, claimed_until = NULL, last_error = NULL, \
             text_body = '', html_body = '' WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at`, or given up when `None` (its
    /// bodies are then dropped, as after sending).
    pub async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        now: i64,
        retry_at: Option<i64>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE outbox SET claimed_until = NULL, last_error = $2, \
             next_attempt_at = COALESCE($3, next_attempt_at), \
             failed_at = CASE WHEN $3 IS NULL THEN $4 ELSE NULL END, \
             text_body = CASE WHEN $3 IS NULL THEN '' ELSE text_body END, \
             html_body = CASE WHEN $3 IS NULL THEN '' ELSE html_body END WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .bind(retry_at)
        .bind(now)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
