//! Accounts and the registrations that become them.
//!
//! Only a proven address owns a password. A registration holds its own display name
//! and password until someone opens the link emailed for it; only then does it become
//! an account, with exactly those credentials. Several registrations may wait for one
//! address (whoever typed it first holds nothing), they expire after 24 hours, and
//! the first one verified, or an account made through an invite, share or change of
//! address, supersedes the others. Using a verification link is in `verification.rs`.

use super::{OutgoingEmail, Store, Tx};
use crate::core::display_name::DisplayName;
use crate::core::email::EmailAddress;
use sqlx::Row;

/// How long a verification link works, in seconds (24 hours).
pub const VERIFICATION_SECONDS: i64 = 24 * 60 * 60;
/// A new verification link is sent at most this often on sign-in, in seconds.
const RESEND_AFTER_SECONDS: i64 = 5 * 60;
/// The "someone tried to register" email goes to an address at most once this often.
const ACCOUNT_EXISTS_EVERY_SECONDS: i64 = 60 * 60;
/// At most this many verification emails go to one address in an hour, however many
/// people register it; more registrations are answered alike and send nothing.
const VERIFICATIONS_PER_HOUR: i64 = 10;

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

/// Whose password a sign-in is checked against.
pub enum Credentials {
    /// An account: the address was proven.
    Account {
        /// The account.
        user_id: i64,
        /// The argon2id PHC string.
        password_hash: String,
    },
    /// The newest registration waiting for this address to be verified.
    Pending {
        /// The registration.
        registration_id: i64,
        /// The argon2id PHC string chosen in it.
        password_hash: String,
        /// The name chosen in it.
        display_name: String,
    },
}

impl Credentials {
    /// The hash the password is checked against.
    pub fn password_hash(&self) -> &str {
        match self {
            Self::Account { password_hash, .. } | Self::Pending { password_hash, .. } => {
                password_hash
            }
        }
    }
}

/// Empties the credentials of every registration still waiting for `email`, inside
/// `tx`: the address now has an account, so none of them may become one (their links
/// then say so, see [`Store::verification_status`]).
pub(super) async fn supersede_registrations(tx: &mut Tx, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE registrations SET password_hash = '' WHERE email = $1 AND used_at IS NULL")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Creates the account of an address someone just proved they control (a
/// verification, invite or share link), with a workspace of its own, inside `tx`;
/// every registration still waiting for the address is superseded. `None` when the
/// address already has an account.
pub(super) async fn create_account(
    tx: &mut Tx,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let user_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at, email_verified_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(user_id) = user_id {
        let name = super::personal_workspace_name(display_name);
        Store::insert_workspace(tx, user_id, &name, now).await?;
        supersede_registrations(tx, email).await?;
    }
    Ok(user_id)
}

/// How many emails of `kind` went to `to` since `since`, read inside `tx`.
async fn sent_to(tx: &mut Tx, to: &str, kind: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2 AND created_at > $3",
    )
    .bind(to)
    .bind(kind)
    .bind(since)
    .fetch_one(&mut **tx)
    .await
}

impl Store {
    /// Stores a registration and queues its verification email, or, when the address
    /// already has an account, queues a note to that address instead. Both look the
    /// same to the caller, so registration reveals nothing about who has an account.
    pub async fn register(
        &self,
        account: NewAccount<'_>,
        now: i64,
        verification: &OutgoingEmail,
        already_registered: &OutgoingEmail,
    ) -> Result<(), sqlx::Error> {
        let email = account.email.as_str();
        let mut tx = self.write_tx().await?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            let since = now - ACCOUNT_EXISTS_EVERY_SECONDS;
            if sent_to(&mut tx, email, already_registered.kind, since).await? == 0 {
                Self::enqueue(&mut tx, already_registered, now).await?;
            }
        } else if sent_to(&mut tx, email, verification.kind, now - 3600).await?
            < VERIFICATIONS_PER_HOUR
        {
            sqlx::query(
                "INSERT INTO registrations (email, display_name, password_hash, token_hash, \
                 created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(email)
            .bind(account.display_name.as_str())
            .bind(account.password_hash)
            .bind(account.verification_digest)
            .bind(now)
            .bind(now + VERIFICATION_SECONDS)
            .execute(&mut *tx)
            .await?;
            Self::enqueue(&mut tx, verification, now).await?;
        }
        tx.commit().await
    }

    /// Whose password a sign-in with `email` is checked against: the account, or
    /// else the newest registration of the address still waiting to be verified.
    pub async fn credentials(
        &self,
        email: &EmailAddress,
        now: i64,
    ) -> Result<Option<Credentials>, sqlx::Error> {
        let account = sqlx::query("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        if let Some(row) = account {
            return Ok(Some(Credentials::Account {
                user_id: row.try_get("id")?,
                password_hash: row.try_get("password_hash")?,
            }));
        }
        let pending = sqlx::query(
            "SELECT id, password_hash, display_name FROM registrations WHERE email = $1 \
             AND used_at IS NULL AND expires_at > $2 AND password_hash <> '' \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(email.as_str())
        .bind(now)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        pending
            .map(|row| {
                Ok(Credentials::Pending {
                    registration_id: row.try_get("id")?,
                    password_hash: row.try_get("password_hash")?,
                    display_name: row.try_get("display_name")?,
                })
            })
            .transpose()
    }

    /// Gives a waiting registration a new verification link (the old one stops
    /// working), unless one went out in the last few minutes. Returns whether a link
    /// was queued.
    pub async fn resend_verification(
        &self,
        registration_id: i64,
        digest: &str,
        now: i64,
        email: &OutgoingEmail,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let resent = sqlx::query(
            "UPDATE registrations SET token_hash = $1, created_at = $2, expires_at = $3 \
             WHERE id = $4 AND used_at IS NULL AND created_at <= $5",
        )
        .bind(digest)
        .bind(now)
        .bind(now + VERIFICATION_SECONDS)
        .bind(registration_id)
        .bind(now - RESEND_AFTER_SECONDS)
        .execute(&mut *tx)
        .await?;
        if resent.rows_affected() == 0 {
            return Ok(false);
        }
        Self::enqueue(&mut tx, email, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
