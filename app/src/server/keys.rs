//! The access-key use cases behind the `keys` server functions.
//!
//! A key is `pkgt_` + 32 random bytes + a checksum. The database keeps its keyed
//! digest, to authenticate Composer, and a copy sealed under the server secret, so
//! developers can read it again. Values never reach a log: they travel only in
//! responses to developers, which are never cached.

use super::crypto::new_token;
use super::parse_name;
use super::projects::parse_preview;
use super::session::require_user;
use super::state::AppState;
use super::store::KeyMaterial;
use crate::core::access_key;
use crate::core::policy::projects::{ProjectAction, authorize_project, recipient};
use crate::error::AppError;
use crate::model::keys::{KeyRow, RevealedKey};

/// The purpose under which key digests are computed.
pub const KEY_PURPOSE: &str = "project-key";

/// A fresh key: its value, and what the database keeps of it.
pub fn new_key(state: &AppState) -> Result<(String, KeyMaterial), AppError> {
    let value = access_key::assemble(&new_token());
    let digest = state.digester.digest(KEY_PURPOSE, &value);
    let sealed = state.sealer.seal(&value, &digest)?;
    Ok((value, KeyMaterial { digest, sealed }))
}

/// The project's keys, for developers and above; with `preview` (`viewer`,
/// `developer`), as a share's recipient with that role would list them (minted by
/// someone else, from addresses not shown), for those who may share the project.
pub async fn list(project_id: i64, preview: String) -> Result<Vec<KeyRow>, AppError> {
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

/// The value of an active key.
pub async fn reveal(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
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

/// Mints a key lasting `lifetime` (`never`, or one of the days offered).
pub async fn mint(
    project_id: i64,
    name: String,
    lifetime: String,
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

/// Gives a key a new value.
pub async fn rotate(project_id: i64, key_id: i64) -> Result<RevealedKey, AppError> {
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

/// Deactivates a key.
pub async fn deactivate(project_id: i64, key_id: i64) -> Result<(), AppError> {
    let caller = require_user().await?;
    caller
        .state
        .store
        .deactivate_key(caller.changing(project_id), key_id)
        .await
}
