//! Billing, kept apart: the only types and server functions that carry prices,
//! invoices, subscriptions and refunds. Owners and billing members only.

use crate::error::AppError;
use crate::model::billing::BillingOverview;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::policy::{Action, authorize},
    crate::server::session::require_member,
};

/// Most characters a refund reason may have.
#[cfg(feature = "ssr")]
const MAX_REASON_CHARS: usize = 2_000;

/// The active workspace's subscriptions and invoices (owners and billing members).
#[server(endpoint = "billing/get_billing")]
pub async fn get_billing() -> Result<BillingOverview, AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ViewBilling)?;
    Ok(caller.state.store.billing_overview(workspace_id).await?)
}

/// Stops a subscription from renewing; the licence stays valid until it expires.
#[server(endpoint = "billing/cancel_subscription")]
pub async fn cancel_subscription(licence_id: i64) -> Result<(), AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    caller
        .state
        .store
        .cancel_subscription(workspace_id, member.user_id, licence_id, caller.now())
        .await
}

/// Asks Packagento to refund an invoice, with a reason.
#[server(endpoint = "billing/request_refund")]
pub async fn request_refund(invoice_id: i64, reason: String) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "Tell us why you are asking for a refund.",
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            format!("Use at most {MAX_REASON_CHARS} characters."),
        ));
    }
    if reason
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(AppError::field(
            "reason",
            "Use letters, digits, spaces and punctuation only.",
        ));
    }
    let (caller, workspace_id, member) = require_member().await?;
    caller
        .state
        .store
        .request_refund(
            workspace_id,
            member.user_id,
            invoice_id,
            reason,
            caller.now(),
        )
        .await
}
