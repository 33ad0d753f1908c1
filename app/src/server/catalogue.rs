//! The catalogue use cases behind the `catalogue` server functions: what a member
//! sees, buying a year of a line through the checkout, and activating a licence code.

use super::payments::Charge;
use super::session::require_member;
use crate::core::catalogue::line_label;
use crate::core::licence_code::normalise_code;
use crate::core::policy::{Action, authorize};
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, NewLicence};

/// Digest purpose of licence codes.
pub const CODE_PURPOSE: &str = "licence-code";

/// The catalogue, for every member of the active workspace; prices only for those
/// who see billing.
pub async fn catalogue() -> Result<Catalogue, AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ViewProjects)?;
    let sees_prices = authorize(member, Action::ViewBilling).is_ok();
    let state = &caller.state;
    Ok(Catalogue {
        packages: state
            .store
            .catalogue(workspace_id, sees_prices, caller.now())
            .await?,
        workspace: caller.workspace().await?.name,
        can_buy: authorize(member, Action::ManageBilling).is_ok(),
        test_mode: state.payments.test_mode(),
    })
}

/// Buys a year of `package_id`'s line `major` for the active workspace: charged
/// through the payment provider, then recorded with its subscription and invoice.
pub async fn buy(package_id: i64, major: u32) -> Result<NewLicence, AppError> {
    let (caller, workspace_id, member) = require_member().await?;
    authorize(member, Action::ManageBilling)?;
    let state = &caller.state;
    let now = caller.now();
    // Nothing is charged for what the catalogue would not sell.
    let price = state
        .store
        .offer(workspace_id, (package_id, major), now)
        .await?;
    let description = format!("{} {}, one year", price.package, line_label(major));
    // One purchase of a line a day: a retried request is charged once.
    let key = format!("{workspace_id}-{package_id}-{major}-{}", now / 86_400);
    let charge = Charge {
        workspace_id,
        description: &description,
        amount_cents: price.cents,
        currency: &price.currency,
        idempotency_key: &key,
    };
    let payment = state
        .payments
        .charge(charge)
        .await
        .map_err(|declined| AppError::Conflict(declined.0))?;
    state
        .store
        .buy_licence(
            (workspace_id, member.user_id),
            (package_id, major),
            &price,
            &payment,
            now,
        )
        .await
}

/// Activates a vendor's licence code for the active workspace.
pub async fn activate(code: String) -> Result<NewLicence, AppError> {
    let code = normalise_code(&code).map_err(|e| AppError::field("code", e))?;
    let (caller, workspace_id, member) = require_member().await?;
    let state = &caller.state;
    let digest = state.digester.digest(CODE_PURPOSE, &code);
    state
        .store
        .activate_licence((workspace_id, member.user_id), &digest, caller.now())
        .await
}
