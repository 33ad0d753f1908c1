//! Accounts and their email verification links.

use super::activity::REFUSAL_WINDOW_SECONDS;
use super::{OutgoingEmail, Store};
use crate::api::auth::LinkState;
use crate::core::display_name::DisplayName;
use crate::core::email::EmailAddress;
use sqlx::Row;

/// How long a verification link works, in seconds (24 hours).
pub const VERIFICATION_SECONDS: i64 = 24 * 60 * 60;
/// A new verification link is sent at most this often on sign-in, in seconds.
const RESEND_AFTER_SECONDS: i64 = 5 * 60;
/// The "someone tried to register" email goes to an address at most once this often.
const ACCOUNT_EXISTS_EVERY_SECONDS: i64 = 60 * 60;

/// A registration, validated and hashed, ready to store.
pub struct NewAccount<'a> {
    /// The address, normalised.
    pub email: &'a EmailAddress,
    /// The name shown to others.
    pub display_name: &'a DisplayName,
    /// The argon2id PHC string.
    pub password_hash: &'a str,
    /// The digest of the verification link's token.
    pub verification_digest: &'a str,
}

/// What sign-in needs to know about an account.
pub struct Credentials {
    /// The account.
    pub user_id: i64,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// Whether the address has been verified.
    pub verified: bool,
    /// The name shown to others.
    pub display_name: String,
}

/// What a verification link would do if used now.
pub struct LinkStatus {
    /// Its state.
    pub state: LinkState,
    /// The address it verifies, when the link exists.
    pub email: Option<String>,
}

impl Store {
    /// Creates the account with a workspace of its own and queues its verification
    /// email, or, when the address
    /// already has an account, queues a note to that address instead. Both cases look
    /// the same to the caller, so registration reveals nothing about who has an account.
    pub async fn register(
        &self,
        account: NewAccount<'_>,
        now: i64,
        verification: &OutgoingEmail,
        already_registered: &OutgoingEmail,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(account.email.as_str())
        .bind(account.display_name.as_str())
        .bind(account.password_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        match user_id {
            Some(user_id) => {
                let name = super::personal_workspace_name(account.display_name.as_str());
                Self::insert_workspace(&mut tx, user_id, &name, now).await?;
                insert_verification(&mut tx, user_id, account.verification_digest, now).await?;
                Self::enqueue(&mut tx, verification, now).await?;
            }
            None => {
                let recent: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2 AND created_at > $3",
                )
                .bind(&already_registered.to)
                .bind(already_registered.kind)
                .bind(now - ACCOUNT_EXISTS_EVERY_SECONDS)
                .fetch_one(&mut *tx)
                .await?;
                if recent == 0 {
                    Self::enqueue(&mut tx, already_registered, now).await?;
                }
            }
        }
        tx.commit().await
    }

    /// The account registered under `email`, if any.
    pub async fn credentials(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<Credentials>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, password_hash, email_verified_at, display_name FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Credentials {
                user_id: row.try_get("id")?,
                password_hash: row.try_get("password_hash")?,
                verified: row
                    .try_get::<Option<i64>, _>("email_verified_at")?
                    .is_some(),
                display_name: row.try_get("display_name")?,
            })
        })
        .transpose()
    }

    /// Sends an unverified account a new verification link, unless one went out in the
    /// last few minutes. Returns whether a link was queued.
    pub async fn resend_verification(
        &self,
        user_id: i64,
        digest: &str,
        now: i64,
        email: &OutgoingEmail,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let latest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(created_at) FROM email_verifications WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
        if latest.is_some_and(|at| at > now - RESEND_AFTER_SECONDS) {
            return Ok(false);
        }
        insert_verification(&mut tx, user_id, digest, now).await?;
        Self::enqueue(&mut tx, email, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// What the verification link with this digest would do now; changes nothing.
    pub async fn verification_status(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<LinkStatus, sqlx::Error> {
        let row = sqlx::query(
            "SELECT u.email, v.used_at, v.expires_at FROM email_verifications v \
             JOIN users u ON u.id = v.user_id WHERE v.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(LinkStatus {
                state: LinkState::Invalid,
                email: None,
            });
        };
        let state = if row.try_get::<Option<i64>, _>("used_at")?.is_some() {
            LinkState::Used
        } else if row.try_get::<i64, _>("expires_at")? <= now {
            LinkState::Expired
        } else {
            LinkState::Valid
        };
        Ok(LinkStatus {
            state,
            email: Some(row.try_get("email")?),
        })
    }

    /// Uses the verification link with this digest: marks it used and the address
    /// verified, in one transaction. A used, expired or unknown link changes nothing,
    /// and of two simultaneous uses exactly one succeeds.
    pub async fn verify_email(&self, digest: &str, now: i64) -> Result<LinkState, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE email_verifications SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user_id) = user_id else {
            drop(tx);
            return Ok(self.verification_status(digest, now).await?.state);
        };
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(LinkState::Valid)
    }

    /// Records a refused use of the verification link behind `digest`, for `reason`,
    /// in its account's own feed ("My activity"), once per reason every ten minutes.
    pub async fn record_refused_verification(
        &self,
        digest: &str,
        reason: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        const ACTION: &str = "was refused the verification link of";
        let mut tx = self.write_tx().await?;
        let email: Option<String> = sqlx::query_scalar(
            "SELECT u.email FROM email_verifications v JOIN users u ON u.id = v.user_id \
             WHERE v.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(email) = email else {
            return Ok(());
        };
        let recorded: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM personal_activity WHERE email = $1 AND action = $2 \
             AND detail = $3 AND created_at > $4",
        )
        .bind(&email)
        .bind(ACTION)
        .bind(reason)
        .bind(now - REFUSAL_WINDOW_SECONDS)
        .fetch_one(&mut *tx)
        .await?;
        if recorded == 0 {
            sqlx::query(
                "INSERT INTO personal_activity (email, actor, action, subject, detail, created_at) \
                 VALUES ($1, 'Someone', $2, $1, $3, $4)",
            )
            .bind(&email)
            .bind(ACTION)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }
}

async fn insert_verification(
    tx: &mut super::Tx,
    user_id: i64,
    digest: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO email_verifications (user_id, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(digest)
    .bind(now)
    .bind(now + VERIFICATION_SECONDS)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
