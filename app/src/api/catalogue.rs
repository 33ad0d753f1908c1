//! The catalogue: packages and their major lines for every member, buying a year of
//! a line (test-mode checkout) and activating a vendor's licence code for owners and
//! billing members.

use crate::error::AppError;
use crate::model::catalogue::{Catalogue, NewLicence};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::catalogue::line_label,
    crate::core::licence_code::normalise_code,
    crate::core::policy::{Action, authorize},
    crate::server::crypto::purpose,
    crate::server::payments::Charge,
    crate::server::session::require_member,
    crate::server::throttle::{MAX_CODE_FAILURES, check_throttle, record_failure},
};

/// The catalogue as the active workspace sees it (prices only for billing).
#[server(endpoint = "catalogue/get_catalogue")]
pub async fn get_catalogue() -> Result<Catalogue, AppError> {
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

/// Buys a year of one line of a package for the active workspace.
#[server(endpoint = "catalogue/buy_licence")]
pub async fn buy_licence(package_id: i64, major: u32) -> Result<NewLicence, AppError> {
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

/// Activates a licence code from a vendor for the active workspace. Codes that match
/// nothing are counted for the workspace and for the person: after
/// [`MAX_CODE_FAILURES`] within the window, either is refused until the window has
/// passed, a right code too.
#[server(endpoint = "catalogue/activate_licence")]
pub async fn activate_licence(code: String) -> Result<NewLicence, AppError> {
    let code = normalise_code(&code).map_err(|e| AppError::field("code", e))?;
    let (caller, workspace_id, member) = require_member().await?;
    let state = &caller.state;
    let now = caller.now();
    let subjects = [
        format!("licence-code:workspace:{workspace_id}"),
        format!("licence-code:user:{}", member.user_id),
    ];
    for subject in &subjects {
        check_throttle(subject, MAX_CODE_FAILURES, "licence codes", now).await?;
    }
    let digest = state.digester.digest(purpose::LICENCE_CODE, &code);
    let activated = state
        .store
        .activate_licence((workspace_id, member.user_id), &digest, now)
        .await;
    if let Err(AppError::Invalid(_)) = activated {
        let [workspace, person] = &subjects;
        record_failure(&[workspace, person], now).await?;
    }
    activated
}
