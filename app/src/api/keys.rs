//! A project's access keys: the tokens Composer authenticates with.

use crate::error::AppError;
use crate::model::keys::{KeyRow, RevealedKey};
use leptos::prelude::*;

/// The project's access keys (developers and above); with `preview`, as a share's
/// recipient with that role would list them (for those who may share the project).
#[server(endpoint = "keys/list_keys")]
pub async fn list_keys(
    project_id: i64,
    #[server(default)] preview: String,
) -> Result<Vec<KeyRow>, AppError> {
    crate::server::keys::list(project_id, preview).await
}

/// The value of one active key (developers and above).
#[server(endpoint = "keys/reveal_key")]
pub async fn reveal_key(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
    crate::server::keys::reveal(project_id, key_id).await
}

/// Mints a new key for the project (developers and above), lasting `lifetime`
/// (`never` or `30`, `90`, `365` days; nothing is `never`).
#[server(endpoint = "keys/mint_key")]
pub async fn mint_key(
    project_id: i64,
    name: String,
    #[server(default)] lifetime: String,
) -> Result<RevealedKey, AppError> {
    crate::server::keys::mint(project_id, name, lifetime).await
}

/// Gives a key a new value; the old value stops working at once.
#[server(endpoint = "keys/rotate_key")]
pub async fn rotate_key(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
    crate::server::keys::rotate(project_id, key_id).await
}

/// Deactivates a key for good.
#[server(endpoint = "keys/deactivate_key")]
pub async fn deactivate_key(project_id: i64, key_id: i64) -> Result<(), AppError> {
    crate::server::keys::deactivate(project_id, key_id).await
}
