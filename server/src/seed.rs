//! Demo data for a newcomer's first start (`DEMO_DATA=1`).

use app::core::display_name::DisplayName;
use app::core::email::EmailAddress;
use app::error::AppError;
use app::server::now;
use app::server::passwords::PasswordHasher;
use app::server::store::Store;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "packagento-demo";

/// The demo accounts: (email, display name).
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("alice@acme.test", "Alice Anders"),
    ("bob@acme.test", "Bob Brandt"),
    ("carol@acme.test", "Carol Chen"),
    ("dave@acme.test", "Dave Diaz"),
    ("erin@acme.test", "Erin Evans"),
    ("frank@globex.test", "Frank Fischer"),
];

/// Creates the demo accounts that do not exist yet, each with a verified address.
pub async fn demo(store: &Store, passwords: &PasswordHasher) -> Result<(), AppError> {
    let hash = passwords.hash(DEMO_PASSWORD.to_owned()).await?;
    for (email, name) in DEMO_ACCOUNTS {
        let email = EmailAddress::parse(email).map_err(app::server::internal_error)?;
        let name = DisplayName::parse(name).map_err(app::server::internal_error)?;
        store
            .create_verified_account(&email, &name, &hash, now())
            .await?;
    }
    Ok(())
}

/// The lines printed at start-up so a newcomer can sign in.
pub fn credentials_banner(public_url: &str) -> String {
    let accounts: Vec<&str> = DEMO_ACCOUNTS.iter().map(|(email, _)| *email).collect();
    format!(
        "Packagento demo accounts at {public_url}: {} (password: {DEMO_PASSWORD})",
        accounts.join(", ")
    )
}
