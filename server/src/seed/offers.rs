//! The demo catalogue's offer: what a year of each package's line costs, and licence
//! codes a vendor would hand out, which `./scripts/dev` prints so that a newcomer can
//! activate one.

use app::core::licence_code::normalise_code;
use app::server::AppState;
use app::server::crypto::purpose;
use app::server::store::Tx;

/// A year of one line of each package, in euro cents: billing data, which only owners
/// and billing members see.
pub const CATALOGUE_PRICES: &[(&str, i64)] = &[
    ("northwind/payment-gateway", 118_800),
    ("northwind/invoice-pdf", 34_900),
    ("brightcart/checkout", 89_000),
    ("brightcart/wishlist", 19_900),
    ("stellar/search", 149_000),
    ("stellar/recommendations", 99_000),
    ("quillsoft/cms-blocks", 45_900),
    ("quillsoft/seo-toolkit", 27_900),
    ("ironledger/tax-rates", 59_000),
    ("ironledger/fraud-guard", 129_000),
    ("harbor/shipping-labels", 54_900),
    ("harbor/tracking", 24_900),
    ("pixelmint/image-optimizer", 16_900),
];

/// Licence codes of the demo: (code, package, major line, days).
pub const DEMO_LICENCE_CODES: &[(&str, &str, i64, i64)] = &[
    ("PKGT-DEMO-HARB-TRK1", "harbor/tracking", 1, 365),
    ("PKGT-DEMO-QSFT-CMS3", "quillsoft/cms-blocks", 3, 365),
    ("PKGT-DEMO-NWND-PDF1", "northwind/invoice-pdf", 1, 90),
];

/// Inserts the prices and the licence codes (as keyed digests) in `tx`.
pub async fn seed(state: &AppState, tx: &mut Tx, now: i64) -> Result<(), sqlx::Error> {
    for (package, cents) in CATALOGUE_PRICES {
        sqlx::query(
            "INSERT INTO catalogue_prices (package_id, price_cents, currency) \
             SELECT id, $1, 'EUR' FROM packages WHERE name = $2",
        )
        .bind(*cents)
        .bind(*package)
        .execute(&mut **tx)
        .await?;
    }
    for (code, package, major, days) in DEMO_LICENCE_CODES {
        let code = normalise_code(code).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO licence_codes (code_hash, package_id, major_version, days, created_at) \
             SELECT $1, id, $2, $3, $4 FROM packages WHERE name = $5",
        )
        .bind(state.digester.digest(purpose::LICENCE_CODE, &code))
        .bind(*major)
        .bind(*days)
        .bind(now)
        .bind(*package)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The demo's licence codes, for the banner `./scripts/dev` shows.
pub fn codes_banner() -> String {
    let codes: Vec<String> = DEMO_LICENCE_CODES
        .iter()
        .map(|(code, package, major, _)| format!("{code} ({package} {major}.x)"))
        .collect();
    format!(
        "Demo licence codes (Catalogue → Activate a licence code): {}",
        codes.join(", ")
    )
}
