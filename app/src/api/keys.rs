//! A project's access keys: the tokens Composer authenticates with.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An access key as the list shows it, without its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    /// The key.
    pub id: i64,
    /// What it is for, such as "CI".
    pub name: String,
    /// Who minted it.
    pub minted_by: String,
    /// When it was minted (Unix seconds).
    pub created_at: i64,
    /// When Composer last used it, if ever.
    pub last_used_at: Option<i64>,
    /// The address Composer last used it from (hidden from a share's recipient for
    /// keys they did not mint).
    pub last_used_from: Option<String>,
    /// Whether it still works.
    pub active: bool,
}

/// A key together with its value, shown to those who may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedKey {
    /// The key.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The value Composer sends: `pkgt_…`.
    pub value: String,
}

/// The project's access keys (developers and above).
#[server(endpoint = "keys/list_keys")]
pub async fn list_keys(project_id: i64) -> Result<Vec<KeyRow>, AppError> {
    crate::server::keys::list(project_id).await
}

/// The value of one active key (developers and above).
#[server(endpoint = "keys/reveal_key")]
pub async fn reveal_key(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
    crate::server::keys::reveal(project_id, key_id).await
}

/// Mints a new key for the project (developers and above).
#[server(endpoint = "keys/mint_key")]
pub async fn mint_key(project_id: i64, name: String) -> Result<RevealedKey, AppError> {
    crate::server::keys::mint(project_id, name).await
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
