//! The background worker that drains the outbox over SMTP.
//!
//! It claims one email at a time with a lease, sends it outside any transaction and
//! records the result; a failure is retried with exponential backoff. With several
//! servers on one PostgreSQL database, each runs a worker and the lease makes sure
//! no email is claimed twice.

use crate::dev_mailbox::DevMailbox;
use crate::metrics;
use app::server::AppState;
use app::server::store::QueuedEmail;
use app::server::store::fault::FaultPoint;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use tokio::sync::watch;

/// How long a claimed email stays reserved for one worker, in seconds.
const LEASE_SECONDS: i64 = 120;
/// Attempts before an email is given up (about a day of backoff).
const MAX_ATTEMPTS: i64 = 16;
/// Longest wait between two attempts, in seconds.
const MAX_BACKOFF_SECONDS: i64 = 30 * 60;
/// How often the worker looks for due emails when nobody wakes it.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Where emails go.
#[derive(Clone)]
pub enum Delivery {
    /// A real SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The `/dev/mailbox` page of this process.
    DevMailbox(DevMailbox),
}

impl Delivery {
    /// SMTP when a URL is configured, `mailbox` otherwise.
    pub fn new(
        smtp_url: Option<&str>,
        mailbox: DevMailbox,
    ) -> Result<Self, lettre::transport::smtp::Error> {
        Ok(match smtp_url {
            Some(url) => Self::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
            None => Self::DevMailbox(mailbox),
        })
    }
}

/// Seconds to wait after the `attempts`-th failed attempt: 2, 4, 8, … up to 30 minutes.
fn backoff_seconds(attempts: i64) -> i64 {
    let exponent = u32::try_from(attempts.clamp(1, 20)).unwrap_or(20);
    2_i64.saturating_pow(exponent).min(MAX_BACKOFF_SECONDS)
}

/// Runs the worker until `stop` turns true: the email being sent then is finished
/// and recorded, and no other is claimed.
pub fn spawn(
    state: AppState,
    delivery: Delivery,
    from: Mailbox,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !*stop.borrow() {
            match state
                .store
                .claim_email(state.clock.now(), LEASE_SECONDS)
                .await
            {
                Ok(Some(email)) => deliver(&state, &delivery, &from, email).await,
                Ok(None) => {
                    tokio::select! {
                        _ = tokio::time::timeout(POLL_INTERVAL, state.mail_queued.notified()) => {}
                        _ = stop.changed() => {}
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "could not read the outbox; retrying");
                    tokio::select! {
                        () = tokio::time::sleep(POLL_INTERVAL * 2) => {}
                        _ = stop.changed() => {}
                    }
                }
            }
        }
    })
}

async fn deliver(state: &AppState, delivery: &Delivery, from: &Mailbox, email: QueuedEmail) {
    FaultPoint::SendMail.reach().await;
    let outcome = match delivery {
        Delivery::DevMailbox(mailbox) => {
            mailbox.deliver(&email, state.clock.now());
            Ok(())
        }
        Delivery::Smtp(transport) => match build_message(from, &email) {
            Ok(message) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| (e.to_string(), true)),
            Err(problem) => Err((problem, false)),
        },
    };
    let (store, now) = (&state.store, state.clock.now());
    let recorded = match outcome {
        Ok(()) => {
            metrics::record_send(true);
            tracing::info!(
                outbox_id = email.id,
                attempts = email.attempts,
                "email sent"
            );
            store.mark_email_sent(email.id, now).await
        }
        Err((problem, retryable)) => {
            metrics::record_send(false);
            let retry_at = (retryable && email.attempts < MAX_ATTEMPTS)
                .then(|| now + backoff_seconds(email.attempts));
            tracing::warn!(outbox_id = email.id, attempts = email.attempts, retry_at, %problem, "email not sent");
            store
                .mark_email_failed(email.id, &problem, now, retry_at)
                .await
        }
    };
    if let Err(error) = recorded {
        tracing::error!(outbox_id = email.id, %error, "could not record the email's delivery");
    }
}

fn build_message(from: &Mailbox, email: &QueuedEmail) -> Result<Message, String> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| format!("bad recipient address: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject)
        .message_id(Some(format!("<{}@packagento>", email.message_id)))
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| format!("could not build the message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_cap() {
        assert_eq!(backoff_seconds(1), 2);
        assert_eq!(backoff_seconds(2), 4);
        assert_eq!(backoff_seconds(5), 32);
        assert_eq!(backoff_seconds(MAX_ATTEMPTS), MAX_BACKOFF_SECONDS);
    }
}
