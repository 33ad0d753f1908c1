//! A project's access keys: the tokens Composer authenticates with.

use crate::error::AppError;
use crate::model::keys::{KeyRow, RevealedKey};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::core::policy::projects::{ProjectAction, authorize_project, recipient},
    crate::server::crypto::new_key,
    crate::server::input::{parse_name, parse_preview},
    crate::server::session::require_user,
};

/// The project's access keys (developers and above); with `preview`, as a share's
/// recipient with that role would list them (for those who may share the project).
#[server(endpoint = "keys/list_keys")]
pub async fn list_keys(
    project_id: i64,
    #[server(default)] preview: String,
) -> Result<Vec<KeyRow>, AppError> {
    let preview = parse_preview(&preview)?;
    let caller = require_user().await?;
    let store = &caller.state.store;
    let recipient_id = match preview {
        Some(role) => {
            caller
                .project_permit(project_id, ProjectAction::Share)
                .await?;
            authorize_project(recipient(role), ProjectAction::UseKeys)?;
            // A recipient who minted none of them: no account has this id.
            Some(-1)
        }
        None => {
            let (facts, _) = caller
                .project_permit(project_id, ProjectAction::UseKeys)
                .await?;
            (!facts.actor().member).then_some(caller.user.id)
        }
    };
    Ok(store
        .key_rows(project_id, recipient_id, caller.now())
        .await?)
}

/// The value of one active key (developers and above).
#[server(endpoint = "keys/reveal_key")]
pub async fn reveal_key(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
    let caller = require_user().await?;
    let state = &caller.state;
    caller
        .project_permit(project_id, ProjectAction::UseKeys)
        .await?;
    let (name, material) = state
        .store
        .sealed_key(project_id, key_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let value = state.sealer.open(&material.sealed, &material.digest)?;
    Ok(RevealedKey {
        id: key_id,
        name,
        value,
    })
}

/// Mints a new key for the project (developers and above), lasting `lifetime`
/// (`never` or `30`, `90`, `365` days; nothing is `never`).
#[server(endpoint = "keys/mint_key")]
pub async fn mint_key(
    project_id: i64,
    name: String,
    #[server(default)] lifetime: String,
) -> Result<RevealedKey, AppError> {
    let name = parse_name(
        "name",
        &name,
        "Name the key after where it is used, such as CI.",
    )?;
    let caller = require_user().await?;
    let (value, material) = new_key(&caller.state)?;
    let id = caller
        .state
        .store
        .mint_key(
            caller.changing(project_id),
            name.as_str(),
            &lifetime,
            &material,
        )
        .await?;
    Ok(RevealedKey {
        id,
        name: name.as_str().to_owned(),
        value,
    })
}

/// Gives a key a new value; the old value stops working at once.
#[server(endpoint = "keys/rotate_key")]
pub async fn rotate_key(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
    let caller = require_user().await?;
    let (value, material) = new_key(&caller.state)?;
    let name = caller
        .state
        .store
        .rotate_key(caller.changing(project_id), key_id, &material)
        .await?;
    Ok(RevealedKey {
        id: key_id,
        name,
        value,
    })
}

/// Deactivates a key for good.
#[server(endpoint = "keys/deactivate_key")]
pub async fn deactivate_key(project_id: i64, key_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .deactivate_key(caller.changing(project_id), key_id)
        .await
}
