//! Demo data for a newcomer's first start (`DEMO_DATA=1`): workspace "Acme" with one
//! member of each role and a pending invite, "Globex" where carol is a viewer, and
//! 2,000 generated members in Acme to show search and sort at size; and the
//! marketplace side (see [`marketplace`]).

mod marketplace;
mod offers;

pub use marketplace::BILLING_MARKERS;
pub use offers::{CATALOGUE_PRICES, DEMO_LICENCE_CODES};

use app::error::AppError;
use app::server::AppState;
use app::server::store::{INVITE_SECONDS, Store, Tx};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "packagento-demo";

/// The named demo accounts: (email, display name).
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("alice@acme.test", "Alice Anders"),
    ("bob@acme.test", "Bob Brandt"),
    ("carol@acme.test", "Carol Chen"),
    ("dave@acme.test", "Dave Diaz"),
    ("erin@acme.test", "Erin Evans"),
    ("frank@globex.test", "Frank Fischer"),
];

const FIRST_NAMES: &[&str] = &[
    "Ada", "Ben", "Cleo", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Ines", "Jonas",
];
const LAST_NAMES: &[&str] = &[
    "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Weber",
];

async fn user(
    tx: &mut Tx,
    email: &str,
    name: &str,
    hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at, email_verified_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(hash)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

async fn join(
    tx: &mut Tx,
    workspace_id: i64,
    user_id: i64,
    role: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(role)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates the demo data unless alice already exists, Acme with `generated_members`
/// members besides the named accounts. All of it or none: one transaction.
pub async fn demo(state: &AppState, generated_members: usize) -> Result<(), AppError> {
    let store = &state.store;
    let seeded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'alice@acme.test'")
            .fetch_one(store.pool())
            .await?;
    if seeded > 0 {
        return Ok(());
    }
    let hash = state.passwords.hash(DEMO_PASSWORD.to_owned()).await?;
    let now = state.clock.now();
    let mut tx = store.write_tx().await?;
    let mut ids = Vec::new();
    for (email, name) in DEMO_ACCOUNTS {
        ids.push(user(&mut tx, email, name, &hash, now).await?);
    }
    let [alice, bob, carol, dave, erin, frank] = ids[..] else {
        return Err(app::error::internal_error("demo accounts"));
    };
    let acme = Store::insert_workspace(&mut tx, alice, "Acme", now - 90 * 86_400).await?;
    for (member, role, days_ago) in [
        (bob, "admin", 80),
        (carol, "developer", 60),
        (dave, "billing", 40),
        (erin, "viewer", 20),
    ] {
        join(&mut tx, acme, member, role, now - days_ago * 86_400).await?;
    }
    let globex = Store::insert_workspace(&mut tx, frank, "Globex", now - 30 * 86_400).await?;
    join(&mut tx, globex, carol, "viewer", now - 10 * 86_400).await?;
    sqlx::query(
        "INSERT INTO invites (workspace_id, email, role, token_hash, invited_by, created_at, expires_at) \
         VALUES ($1, 'gina@partner.test', 'developer', 'demo-invite-without-a-link', $2, $3, $4)",
    )
    .bind(acme)
    .bind(alice)
    .bind(now)
    .bind(now + INVITE_SECONDS)
    .execute(&mut *tx)
    .await?;
    let roles = ["developer", "viewer", "billing", "developer", "admin"];
    for i in 0..generated_members {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let name = format!("{first} {last} {i:04}");
        let email = format!(
            "{}.{}{i:04}@members.acme.test",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let id = user(&mut tx, &email, &name, &hash, now).await?;
        let joined = now - i64::try_from(i).unwrap_or(0) * 3_600;
        join(&mut tx, acme, id, roles[i % roles.len()], joined).await?;
    }
    let cast = marketplace::Cast {
        acme,
        globex,
        bob,
        carol,
        dave,
    };
    marketplace::seed(state, &mut tx, &cast, now).await?;
    offers::seed(state, &mut tx, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The line printed at start-up so a newcomer can sign in.
pub fn credentials_banner(public_url: &str) -> String {
    let accounts: Vec<&str> = DEMO_ACCOUNTS.iter().map(|(email, _)| *email).collect();
    format!(
        "Packagento demo accounts at {public_url}: {} (password: {DEMO_PASSWORD}); alice owns Acme. {}",
        accounts.join(", "),
        offers::codes_banner()
    )
}
