//! Support commands run from the server's command line, against the configured database.

use crate::config::Config;
use crate::startup::connect;
use app::core::email::EmailAddress;
use app::error::AppError;
use app::server::now;

/// How to call the support commands.
pub const USAGE: &str = "usage: server transfer-ownership <workspace-id> <member-email>";

/// Runs the support command in `args` (the arguments after the program name) and
/// returns what to print, or why it failed.
pub async fn run(args: &[String], config: &Config) -> Result<String, String> {
    let [command, workspace, email] = args else {
        return Err(USAGE.to_owned());
    };
    if command != "transfer-ownership" {
        return Err(USAGE.to_owned());
    }
    let workspace_id: i64 = workspace
        .parse()
        .map_err(|_| format!("{workspace:?} is not a workspace id\n{USAGE}"))?;
    let email = EmailAddress::parse(email).map_err(|e| format!("{e}\n{USAGE}"))?;
    let store = connect(config).await.map_err(|e| e.to_string())?;
    match store
        .transfer_ownership(workspace_id, email.as_str(), now())
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
