//! The billing use cases behind the `billing` server functions.

use super::session::require_member;
use crate::core::policy::{Action, authorize};
use crate::error::AppError;
use crate::model::billing::BillingOverview;

/// Most characters a refund reason may have.
const MAX_REASON_CHARS: usize = 2_000;

/// Subscriptions and invoices, for owners and billing members.
pub async fn overview() -> Result<BillingOverview, AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ViewBilling)?;
    Ok(caller.state.store.billing_overview(workspace_id).await?)
}

/// Stops a subscription from renewing.
pub async fn cancel_subscription(licence_id: i64) -> Result<(), AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    caller
        .state
        .store
        .cancel_subscription(workspace_id, member.user_id, licence_id, caller.now())
        .await
}

/// Requests a refund of an invoice.
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
