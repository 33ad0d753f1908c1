//! How a workspace gets a licence: buying a year of a line (with its subscription and
//! invoice) or activating a vendor's licence code.

use super::activity::Event;
use super::workspaces::locked_authorize;
use super::{Store, Tx};
use crate::core::activity::ActivityKind;
use crate::core::catalogue::{Version, line_label};
use crate::core::dates::format_date;
use crate::core::policy::{Action, Permit};
use crate::error::AppError;
use crate::model::catalogue::NewLicence;
use sqlx::AnyConnection;

/// How long a bought licence lasts, in seconds (a year).
const LICENCE_SECONDS: i64 = 365 * 86_400;

/// What a year of one line of a package costs.
pub struct Price {
    /// The package's name.
    pub package: String,
    /// In cents.
    pub cents: i64,
    /// Its currency.
    pub currency: String,
}

/// Gives the workspace a licence of `package_id`'s line `major` for `seconds` more:
/// a new licence, or the one it holds extended from its end (or from `now`, once
/// ended). Returns the licence's id and its new end.
async fn extend_licence(
    tx: &mut Tx,
    workspace_id: i64,
    (package_id, major): (i64, u32),
    seconds: i64,
    now: i64,
) -> Result<(i64, i64), sqlx::Error> {
    let held: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, expires_at FROM licences \
         WHERE workspace_id = $1 AND package_id = $2 AND major_version = $3",
    )
    .bind(workspace_id)
    .bind(package_id)
    .bind(i64::from(major))
    .fetch_optional(&mut **tx)
    .await?;
    match held {
        Some((id, expires_at)) => {
            let until = expires_at.max(now) + seconds;
            sqlx::query("UPDATE licences SET expires_at = $1 WHERE id = $2")
                .bind(until)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            Ok((id, until))
        }
        None => {
            let id = sqlx::query_scalar(
                "INSERT INTO licences (workspace_id, package_id, major_version, expires_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(workspace_id)
            .bind(package_id)
            .bind(i64::from(major))
            .bind(now + seconds)
            .bind(now)
            .fetch_one(&mut **tx)
            .await?;
            Ok((id, now + seconds))
        }
    }
}

/// What a year of `package_id`'s line `major` costs the workspace at `now`, if the
/// catalogue sells it to them: the package has a price and released versions of the
/// line, and the workspace does not hold the line unended (that one renews with its
/// subscription, so nobody pays twice for one year).
async fn offer(
    conn: &mut AnyConnection,
    workspace_id: i64,
    (package_id, major): (i64, u32),
    now: i64,
) -> Result<Price, AppError> {
    let price: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT pk.name, p.price_cents, p.currency FROM catalogue_prices p \
         JOIN packages pk ON pk.id = p.package_id WHERE p.package_id = $1",
    )
    .bind(package_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (package, cents, currency) = price.ok_or(AppError::NotFound)?;
    let versions: Vec<String> =
        sqlx::query_scalar("SELECT version FROM package_versions WHERE package_id = $1")
            .bind(package_id)
            .fetch_all(&mut *conn)
            .await?;
    if !versions
        .iter()
        .any(|version| Version::parse(version).is_ok_and(|v| v.major == major))
    {
        return Err(AppError::NotFound);
    }
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT expires_at FROM licences WHERE workspace_id = $1 AND package_id = $2 \
         AND major_version = $3 AND expires_at > $4",
    )
    .bind(workspace_id)
    .bind(package_id)
    .bind(i64::from(major))
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(until) = held {
        return Err(AppError::Conflict(format!(
            "The workspace holds {package} {} until {}: its subscription renews it.",
            line_label(major),
            format_date(until)
        )));
    }
    Ok(Price {
        package,
        cents,
        currency,
    })
}

/// Records a new licence in the workspace's feed, by the member `permit` allowed.
async fn record_licence(
    tx: &mut Tx,
    permit: &Permit,
    workspace_id: i64,
    kind: ActivityKind,
    licence: &NewLicence,
    now: i64,
) -> Result<(), sqlx::Error> {
    let subject = format!("{} {}", licence.package, licence.line);
    let detail = format!("until {}", format_date(licence.expires_at));
    let event = Event::permitted(permit, workspace_id, kind, &subject, &detail);
    Store::record(tx, event, now).await
}

impl Store {
    /// What a year of `package_id`'s line `major` costs the workspace now, if the
    /// catalogue sells it to them (see [`offer`]): what the checkout charges.
    pub async fn offer(
        &self,
        workspace_id: i64,
        line: (i64, u32),
        now: i64,
    ) -> Result<Price, AppError> {
        offer(&mut *self.conn().await?, workspace_id, line, now).await
    }

    /// Records a paid year of `package_id`'s line `major` for the workspace, if the
    /// actor may manage its billing and the catalogue still sells it to them (see
    /// [`offer`]): the licence (new, or one that ended renewed from now), a renewing
    /// subscription at the `price` charged, the invoice for `payment` and the activity
    /// entry, in one transaction.
    pub async fn buy_licence(
        &self,
        (workspace_id, actor_id): (i64, i64),
        (package_id, major): (i64, u32),
        price: &Price,
        payment: &str,
        now: i64,
    ) -> Result<NewLicence, AppError> {
        let mut tx = self.write_tx().await?;
        let permit =
            locked_authorize(&mut tx, workspace_id, actor_id, Action::ManageBilling).await?;
        // Checked again under the lock: another purchase may have come first.
        let package = offer(&mut tx, workspace_id, (package_id, major), now)
            .await?
            .package;
        let (licence_id, expires_at) = extend_licence(
            &mut tx,
            workspace_id,
            (package_id, major),
            LICENCE_SECONDS,
            now,
        )
        .await?;
        sqlx::query(
            "INSERT INTO subscriptions (licence_id, workspace_id, price_cents, currency) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (licence_id) DO UPDATE \
             SET price_cents = excluded.price_cents, currency = excluded.currency, \
             cancelled_at = NULL, cancelled_by = NULL",
        )
        .bind(licence_id)
        .bind(workspace_id)
        .bind(price.cents)
        .bind(&price.currency)
        .execute(&mut *tx)
        .await?;
        // Forty random bits, written as ten capitals and digits.
        let number = format!("INV-{:010X}", rand::random::<u64>() >> 24);
        sqlx::query(
            "INSERT INTO invoices (workspace_id, number, issued_at, amount_cents, currency, \
             payment_reference) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(workspace_id)
        .bind(&number)
        .bind(now)
        .bind(price.cents)
        .bind(&price.currency)
        .bind(payment)
        .execute(&mut *tx)
        .await?;
        let licence = NewLicence {
            package,
            line: line_label(major),
            expires_at,
            invoice: Some(number),
        };
        let kind = ActivityKind::BoughtLicence;
        record_licence(&mut tx, &permit, workspace_id, kind, &licence, now).await?;
        tx.commit().await?;
        Ok(licence)
    }

    /// Activates the licence code whose digest is `digest` for the workspace, if the
    /// actor may manage its billing: once, in one transaction with the licence (new,
    /// or the one held extended by the code's days) and the activity entry. A code
    /// that is not ours, or already used, is refused alike.
    pub async fn activate_licence(
        &self,
        (workspace_id, actor_id): (i64, i64),
        digest: &str,
        now: i64,
    ) -> Result<NewLicence, AppError> {
        let mut tx = self.write_tx().await?;
        let permit =
            locked_authorize(&mut tx, workspace_id, actor_id, Action::ManageBilling).await?;
        let code: Option<(i64, i64, i64)> = sqlx::query_as(
            "UPDATE licence_codes SET redeemed_at = $1, workspace_id = $2 \
             WHERE code_hash = $3 AND redeemed_at IS NULL RETURNING package_id, major_version, days",
        )
        .bind(now)
        .bind(workspace_id)
        .bind(digest)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((package_id, major, days)) = code else {
            return Err(AppError::field(
                "code",
                "This licence code is not valid, or was used already. Check it against the \
                 vendor's email.",
            ));
        };
        let major = u32::try_from(major).unwrap_or(0);
        let package: String = sqlx::query_scalar("SELECT name FROM packages WHERE id = $1")
            .bind(package_id)
            .fetch_one(&mut *tx)
            .await?;
        let seconds = days.saturating_mul(86_400);
        let (_, expires_at) =
            extend_licence(&mut tx, workspace_id, (package_id, major), seconds, now).await?;
        let licence = NewLicence {
            package,
            line: line_label(major),
            expires_at,
            invoice: None,
        };
        let kind = ActivityKind::ActivatedLicence;
        record_licence(&mut tx, &permit, workspace_id, kind, &licence, now).await?;
        tx.commit().await?;
        Ok(licence)
    }
}
