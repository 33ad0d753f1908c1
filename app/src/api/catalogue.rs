//! The catalogue: packages and their major lines for every member, buying a year of
//! a line (test-mode checkout) and activating a vendor's licence code for owners and
//! billing members.

use crate::error::AppError;
use crate::model::catalogue::{Catalogue, NewLicence};
use leptos::prelude::*;

/// The catalogue as the active workspace sees it (prices only for billing).
#[server(endpoint = "catalogue/get_catalogue")]
pub async fn get_catalogue() -> Result<Catalogue, AppError> {
    crate::server::catalogue::catalogue().await
}

/// Buys a year of one line of a package for the active workspace.
#[server(endpoint = "catalogue/buy_licence")]
pub async fn buy_licence(package_id: i64, major: u32) -> Result<NewLicence, AppError> {
    crate::server::catalogue::buy(package_id, major).await
}

/// Activates a licence code from a vendor for the active workspace.
#[server(endpoint = "catalogue/activate_licence")]
pub async fn activate_licence(code: String) -> Result<NewLicence, AppError> {
    crate::server::catalogue::activate(code).await
}
