//! Support commands run from the server's command line, against the configured database.

use crate::config::Config;
use crate::startup::connect;
use app::core::email::EmailAddress;
use app::error::AppError;
use app::server::store::{Engine, Store};
use std::path::Path;

/// How to call the support commands.
pub const USAGE: &str = "usage: server transfer-ownership <workspace-id> <member-email>\n       \
                         server backup <new-file>\n       server routes";

/// Runs the support command in `args` (the arguments after the program name) and
/// returns what to print, or why it failed.
pub async fn run(args: &[String], config: &Config) -> Result<String, String> {
    match args {
        [command] if command == "routes" => Ok(page_routes().join("\n")),
        [command, workspace, email] if command == "transfer-ownership" => {
            transfer_ownership(workspace, email, config).await
        }
        [command, file] if command == "backup" => backup(Path::new(file), config).await,
        _ => Err(USAGE.to_owned()),
    }
}

/// The paths of the app router's pages (`/projects/{id}`), one per route, sorted: the
/// browser suite checks each of them for accessibility.
pub fn page_routes() -> Vec<String> {
    let mut paths: Vec<String> = crate::startup::route_list()
        .iter()
        .map(|listing| listing.path().to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Writes a copy of the SQLite database to the new file `file` while servers use it:
/// `VACUUM INTO` reads the database in one transaction, so the copy is the database
/// as one moment left it, whatever is written meanwhile. PostgreSQL has `pg_dump`.
async fn backup(file: &Path, config: &Config) -> Result<String, String> {
    if config.engine != Engine::Sqlite {
        return Err(
            "server backup copies a SQLite database; back up PostgreSQL with pg_dump \
             (see the README)."
                .to_owned(),
        );
    }
    if file.exists() {
        return Err(format!(
            "{} exists already; name a new file.",
            file.display()
        ));
    }
    let target = file
        .to_str()
        .ok_or_else(|| format!("{} is not a path SQLite can open.", file.display()))?;
    let store = Store::connect(&config.database_url, config.engine)
        .await
        .map_err(|e| format!("cannot open the database ({e})"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(store.pool())
        .await
        .map_err(|e| format!("the backup failed ({e})"))?;
    let size = std::fs::metadata(file).map_or(0, |meta| meta.len());
    Ok(format!(
        "Backed up the database to {} ({size} bytes).",
        file.display()
    ))
}

/// Makes the member `email` the only owner of the workspace; its other owners become
/// admins.
async fn transfer_ownership(
    workspace: &str,
    email: &str,
    config: &Config,
) -> Result<String, String> {
    let workspace_id: i64 = workspace
        .parse()
        .map_err(|_| format!("{workspace:?} is not a workspace id\n{USAGE}"))?;
    let email = EmailAddress::parse(email).map_err(|e| format!("{e}\n{USAGE}"))?;
    let store = connect(config).await.map_err(|e| e.to_string())?;
    match store
        .transfer_ownership(workspace_id, email.as_str(), config.clock.now())
        .await
    {
        Ok(name) => Ok(format!(
            "{name} <{email}> now owns workspace {workspace_id}; its other owners are admins."
        )),
        Err(AppError::NotFound) => Err(format!(
            "{email} is not a member of workspace {workspace_id}."
        )),
        Err(error) => Err(error.to_string()),
    }
}
