//! Billing, kept apart: the only types and server functions that carry prices,
//! invoices, subscriptions and refunds. Owners and billing members only.

use crate::error::AppError;
use crate::model::billing::BillingOverview;
use leptos::prelude::*;

/// The active workspace's subscriptions and invoices (owners and billing members).
#[server(endpoint = "billing/get_billing")]
pub async fn get_billing() -> Result<BillingOverview, AppError> {
    crate::server::billing::overview().await
}

/// Stops a subscription from renewing; the licence stays valid until it expires.
#[server(endpoint = "billing/cancel_subscription")]
pub async fn cancel_subscription(licence_id: i64) -> Result<(), AppError> {
    crate::server::billing::cancel_subscription(licence_id).await
}

/// Asks Packagento to refund an invoice, with a reason.
#[server(endpoint = "billing/request_refund")]
pub async fn request_refund(invoice_id: i64, reason: String) -> Result<(), AppError> {
    crate::server::billing::request_refund(invoice_id, reason).await
}
