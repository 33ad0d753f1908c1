//! Verification links: what one would do, using it (the registration becomes an
//! account, every other registration of the address is superseded), and a refused
//! use recorded once per window.

use super::Store;
use super::accounts::create_account;
use super::activity::REFUSAL_WINDOW_SECONDS;
use crate::core::link::LinkState;
use sqlx::Row;

/// What a verification link would do if used now.
pub struct LinkStatus {
    /// Its state.
    pub state: LinkState,
    /// The address it verifies, when the link exists.
    pub email: Option<String>,
}

impl Store {
    /// What the verification link with this digest would do now; changes nothing.
    /// A link whose address got an account meanwhile (another registration verified
    /// first) is `Revoked`.
    pub async fn verification_status(
        &self,
        digest: &str,
        now: i64,
    ) -> Result<LinkStatus, sqlx::Error> {
        let row = sqlx::query(
            "SELECT r.email, r.used_at, r.expires_at, \
             (SELECT COUNT(*) FROM users u WHERE u.email = r.email) AS taken \
             FROM registrations r WHERE r.token_hash = $1",
        )
        .bind(digest)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let Some(row) = row else {
            return Ok(LinkStatus {
                state: LinkState::Invalid,
                email: None,
            });
        };
        let state = LinkState::of(
            row.try_get::<Option<i64>, _>("used_at")?.is_some(),
            (row.try_get::<i64, _>("taken")? > 0).then_some(LinkState::Revoked),
            row.try_get("expires_at")?,
            now,
        );
        Ok(LinkStatus {
            state,
            email: Some(row.try_get("email")?),
        })
    }

    /// Uses the verification link with this digest: the registration becomes an
    /// account with the credentials chosen in it (and a workspace of its own), and
    /// every other registration of the address is superseded, in one transaction. A
    /// used, expired, superseded or unknown link changes nothing, and of two
    /// simultaneous uses exactly one succeeds.
    pub async fn verify_email(&self, digest: &str, now: i64) -> Result<LinkState, sqlx::Error> {
        let mut tx = self.write_tx().await?;
        let registration = sqlx::query(
            "UPDATE registrations SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 AND password_hash <> '' \
             RETURNING email, display_name, password_hash",
        )
        .bind(now)
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(registration) = registration else {
            drop(tx);
            return Ok(self.verification_status(digest, now).await?.state);
        };
        let email: String = registration.try_get("email")?;
        let display_name: String = registration.try_get("display_name")?;
        let password_hash: String = registration.try_get("password_hash")?;
        let created = create_account(&mut tx, &email, &display_name, &password_hash, now).await?;
        if created.is_none() {
            drop(tx);
            return Ok(LinkState::Revoked);
        }
        sqlx::query("UPDATE registrations SET password_hash = '' WHERE token_hash = $1")
            .bind(digest)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(LinkState::Valid)
    }

    /// Records a refused use of the verification link behind `digest`, for `reason`,
    /// in the feed of its address ("My activity"), once per reason every ten minutes.
    pub async fn record_refused_verification(
        &self,
        digest: &str,
        reason: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        const ACTION: &str = "was refused the verification link of";
        let mut tx = self.write_tx().await?;
        let email: Option<String> =
            sqlx::query_scalar("SELECT email FROM registrations WHERE token_hash = $1")
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
