//! Billing: subscriptions, invoices and refund requests. The only queries that read
//! prices; nothing else joins these tables.

use super::Store;
use super::workspaces::locked_authorize;
use crate::core::catalogue::line_label;
use crate::core::money::format_money;
use crate::core::policy::Action;
use crate::error::AppError;
use crate::model::billing::{BillingOverview, Invoice, RefundStatus, Subscription};
use sqlx::Row;

impl Store {
    /// The workspace's subscriptions and invoices.
    pub async fn billing_overview(
        &self,
        workspace_id: i64,
    ) -> Result<BillingOverview, sqlx::Error> {
        let subscriptions = sqlx::query(
            "SELECT s.licence_id, pk.name, l.major_version, l.expires_at, s.price_cents, \
             s.currency, s.cancelled_at FROM subscriptions s JOIN licences l ON l.id = s.licence_id \
             JOIN packages pk ON pk.id = l.package_id WHERE s.workspace_id = $1 \
             ORDER BY pk.name, l.major_version",
        )
        .bind(workspace_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let invoices = sqlx::query(
            "SELECT i.id, i.number, i.issued_at, i.amount_cents, i.currency, r.status \
             FROM invoices i LEFT JOIN refund_requests r ON r.invoice_id = i.id \
             WHERE i.workspace_id = $1 ORDER BY i.issued_at DESC, i.id DESC",
        )
        .bind(workspace_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(BillingOverview {
            subscriptions: subscriptions
                .iter()
                .map(|row| {
                    let major: i64 = row.try_get("major_version")?;
                    let currency: String = row.try_get("currency")?;
                    let cancelled_at: Option<i64> = row.try_get("cancelled_at")?;
                    Ok(Subscription {
                        licence_id: row.try_get("licence_id")?,
                        package: row.try_get("name")?,
                        line: line_label(u32::try_from(major).unwrap_or(0)),
                        price: format_money(row.try_get("price_cents")?, &currency),
                        renews_at: row.try_get("expires_at")?,
                        renewing: cancelled_at.is_none(),
                    })
                })
                .collect::<Result<_, sqlx::Error>>()?,
            invoices: invoices
                .iter()
                .map(|row| {
                    let currency: String = row.try_get("currency")?;
                    let status: Option<String> = row.try_get("status")?;
                    Ok(Invoice {
                        id: row.try_get("id")?,
                        number: row.try_get("number")?,
                        issued_at: row.try_get("issued_at")?,
                        amount: format_money(row.try_get("amount_cents")?, &currency),
                        refund: status.as_deref().and_then(RefundStatus::parse),
                    })
                })
                .collect::<Result<_, sqlx::Error>>()?,
        })
    }

    /// Stops a subscription of the workspace from renewing; cancelling it again
    /// changes nothing.
    pub async fn cancel_subscription(
        &self,
        workspace_id: i64,
        actor_id: i64,
        licence_id: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        locked_authorize(&mut tx, workspace_id, actor_id, Action::ManageBilling).await?;
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM subscriptions WHERE licence_id = $1 AND workspace_id = $2",
        )
        .bind(licence_id)
        .bind(workspace_id)
        .fetch_one(&mut *tx)
        .await?;
        if exists == 0 {
            return Err(AppError::NotFound);
        }
        sqlx::query(
            "UPDATE subscriptions SET cancelled_at = $1, cancelled_by = $2 \
             WHERE licence_id = $3 AND cancelled_at IS NULL",
        )
        .bind(now)
        .bind(actor_id)
        .bind(licence_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a refund request for an invoice of the workspace; one per invoice.
    pub async fn request_refund(
        &self,
        workspace_id: i64,
        actor_id: i64,
        invoice_id: i64,
        reason: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.write_tx().await?;
        locked_authorize(&mut tx, workspace_id, actor_id, Action::ManageBilling).await?;
        let row = sqlx::query(
            "SELECT r.id FROM invoices i LEFT JOIN refund_requests r ON r.invoice_id = i.id \
             WHERE i.id = $1 AND i.workspace_id = $2",
        )
        .bind(invoice_id)
        .bind(workspace_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let existing: Option<i64> = row.try_get("id")?;
        if existing.is_some() {
            return Err(AppError::Conflict(
                "A refund was already requested for this invoice.".to_owned(),
            ));
        }
        sqlx::query(
            "INSERT INTO refund_requests (invoice_id, requested_by, reason, status, created_at) \
             VALUES ($1, $2, $3, 'requested', $4)",
        )
        .bind(invoice_id)
        .bind(actor_id)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
