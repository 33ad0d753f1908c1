//! The demo's marketplace side: a catalogue of packages, Acme's licences spread over
//! three projects with keys minted by carol and bob, and Acme's invoices with a
//! refund request. Globex gets a project of its own, which nobody at Acme sees. Most
//! of its length is the catalogue's data.

use app::server::AppState;
use app::server::crypto::new_key;
use app::server::store::Tx;

const DAY: i64 = 86_400;

/// Invoice numbers and amounts of the demo's billing data, distinctive enough that a
/// test can search every response a non-billing member gets for them.
pub const BILLING_MARKERS: &[&str] = &[
    "INV-7Q4-2291",
    "INV-7Q4-3378",
    "INV-7Q4-4406",
    "4,817.23",
    "1,293.57",
    "2,644.19",
    "739.41",
];

/// (package, description, [(version, days before now it was released, QA status)]).
type Entry = (
    &'static str,
    &'static str,
    &'static [(&'static str, i64, &'static str)],
);

const CATALOGUE: &[Entry] = &[
    (
        "northwind/payment-gateway",
        "Card, SEPA and wallet payments for PHP shops.",
        &[
            ("1.8.2", 700, "passed"),
            ("2.0.0", 400, "passed"),
            ("2.3.1", 120, "passed"),
            ("2.4.0", 10, "pending"),
        ],
    ),
    (
        "northwind/invoice-pdf",
        "Renders invoices as archival PDF/A.",
        &[
            ("1.0.0", 500, "passed"),
            ("1.1.0", 200, "passed"),
            ("1.2.0", 30, "failed"),
        ],
    ),
    (
        "brightcart/checkout",
        "A one-page checkout with address validation.",
        &[("1.4.0", 300, "passed"), ("1.5.2", 90, "passed")],
    ),
    (
        "brightcart/wishlist",
        "Shareable wishlists with price alerts.",
        &[
            ("0.9.0", 400, "passed"),
            ("1.0.0", 250, "passed"),
            ("1.0.3", 40, "passed"),
        ],
    ),
    (
        "stellar/search",
        "Faceted product search with typo tolerance.",
        &[
            ("2.0.0", 600, "passed"),
            ("2.6.0", 200, "passed"),
            ("2.7.0", 5, "passed"),
        ],
    ),
    (
        "stellar/recommendations",
        "\"Customers also bought\" from order history.",
        &[("1.0.0", 320, "passed"), ("1.1.0", 60, "pending")],
    ),
    (
        "quillsoft/cms-blocks",
        "Editable content blocks for storefront pages.",
        &[
            ("3.0.0", 420, "passed"),
            ("3.1.0", 180, "passed"),
            ("3.2.0", 15, "passed"),
        ],
    ),
    (
        "quillsoft/seo-toolkit",
        "Sitemaps, canonical URLs and structured data.",
        &[
            ("1.0.0", 365, "passed"),
            ("1.3.0", 100, "failed"),
            ("1.3.1", 95, "passed"),
        ],
    ),
    (
        "ironledger/tax-rates",
        "EU and US sales-tax rates, updated daily.",
        &[("1.0.0", 800, "passed"), ("1.9.0", 50, "passed")],
    ),
    (
        "ironledger/fraud-guard",
        "Scores orders for fraud before capture.",
        &[
            ("2.0.0", 230, "passed"),
            ("2.1.0", 70, "passed"),
            ("2.2.0", 3, "pending"),
        ],
    ),
    (
        "harbor/shipping-labels",
        "Carrier labels for DHL, UPS and PostNL.",
        &[
            ("2.0.0", 380, "passed"),
            ("2.2.0", 140, "passed"),
            ("2.3.0", 20, "failed"),
        ],
    ),
    (
        "harbor/tracking",
        "Parcel tracking pages and emails.",
        &[("1.0.0", 260, "passed"), ("1.2.0", 45, "passed")],
    ),
    (
        "pixelmint/image-optimizer",
        "Responsive images and WebP on upload.",
        &[("4.0.0", 510, "passed"), ("4.2.0", 25, "passed")],
    ),
];

/// Acme's licences: (package, major line, days until expiry, price in cents, currency).
const ACME_LICENCES: &[(&str, i64, i64, i64, &str)] = &[
    ("northwind/payment-gateway", 2, 210, 481_723, "EUR"),
    ("brightcart/checkout", 1, 19, 129_357, "EUR"),
    ("stellar/search", 2, -12, 264_419, "EUR"),
    ("ironledger/tax-rates", 1, 300, 73_941, "EUR"),
    ("harbor/shipping-labels", 2, 130, 73_941, "EUR"),
    ("quillsoft/seo-toolkit", 1, 75, 73_941, "EUR"),
];

/// Acme's projects and the packages licensed on each.
const ACME_PROJECTS: &[(&str, &[&str])] = &[
    (
        "Storefront",
        &[
            "northwind/payment-gateway",
            "brightcart/checkout",
            "stellar/search",
        ],
    ),
    (
        "Warehouse API",
        &["harbor/shipping-labels", "ironledger/tax-rates"],
    ),
    (
        "Marketing site",
        &["quillsoft/seo-toolkit", "stellar/search"],
    ),
];

/// The people the demo needs by id.
pub struct Cast {
    /// Acme's workspace.
    pub acme: i64,
    /// Globex's workspace.
    pub globex: i64,
    /// Acme's admin.
    pub bob: i64,
    /// Acme's developer.
    pub carol: i64,
    /// Acme's billing member.
    pub dave: i64,
}

async fn insert_id(tx: &mut Tx, sql: &str, binds: &[Bind<'_>]) -> Result<i64, sqlx::Error> {
    let mut query = sqlx::query_scalar(sql);
    for bind in binds {
        query = match bind {
            Bind::Int(value) => query.bind(*value),
            Bind::Text(value) => query.bind(*value),
        };
    }
    query.fetch_one(&mut **tx).await
}

enum Bind<'a> {
    Int(i64),
    Text(&'a str),
}

/// Inserts the catalogue, licences, projects, keys and billing data in `tx`.
pub async fn seed(
    state: &AppState,
    tx: &mut Tx,
    cast: &Cast,
    now: i64,
) -> Result<(), app::error::AppError> {
    use Bind::{Int, Text};
    let mut packages = std::collections::HashMap::new();
    for (name, description, versions) in CATALOGUE {
        let id = insert_id(
            tx,
            "INSERT INTO packages (name, description) VALUES ($1, $2) RETURNING id",
            &[Text(name), Text(description)],
        )
        .await?;
        packages.insert(*name, id);
        for (version, days_ago, qa) in *versions {
            insert_id(
                tx,
                "INSERT INTO package_versions (package_id, version, released_at, qa_status) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
                &[Int(id), Text(version), Int(now - days_ago * DAY), Text(qa)],
            )
            .await?;
        }
    }
    let mut licences = std::collections::HashMap::new();
    for (package, major, days_left, price, currency) in ACME_LICENCES {
        let expires_at = now + days_left * DAY;
        let id = insert_id(tx, "INSERT INTO licences (workspace_id, package_id, major_version, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[Int(cast.acme), Int(packages[package]), Int(*major), Int(expires_at), Int(expires_at - 365 * DAY)]).await?;
        licences.insert(*package, id);
        // An expired licence is one whose subscription was cancelled.
        let cancelled_at = (*days_left < 0).then_some(expires_at - 30 * DAY);
        sqlx::query(
            "INSERT INTO subscriptions (licence_id, workspace_id, price_cents, currency, cancelled_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(cast.acme)
        .bind(*price)
        .bind(*currency)
        .bind(cancelled_at)
        .execute(&mut **tx)
        .await?;
    }
    let mut projects = Vec::new();
    for (index, (name, attached)) in ACME_PROJECTS.iter().enumerate() {
        let created = now - (60 - 10 * i64::try_from(index).unwrap_or(0)) * DAY;
        let id = insert_id(tx, "INSERT INTO projects (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
            &[Int(cast.acme), Text(name), Int(created)]).await?;
        projects.push(id);
        for package in *attached {
            insert_id(
                tx,
                "INSERT INTO project_licences (project_id, licence_id, attached_at) \
                 VALUES ($1, $2, $3) RETURNING project_id",
                &[Int(id), Int(licences[package]), Int(created)],
            )
            .await?;
        }
    }
    for (project, minter, name, days_ago) in [
        (projects[0], cast.carol, "CI", 30),
        (projects[0], cast.bob, "Production deploy", 20),
        (projects[1], cast.carol, "Local development", 5),
    ] {
        let (_, material) = new_key(state)?;
        insert_id(tx, "INSERT INTO project_tokens (workspace_id, project_id, minted_by, name, created_at, token_hash, sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[Int(cast.acme), Int(project), Int(minter), Text(name), Int(now - days_ago * DAY),
              Text(&material.digest), Text(&material.sealed)]).await?;
    }
    let mut invoices = Vec::new();
    for (number, days_ago, cents) in [
        ("INV-7Q4-2291", 150, 481_723),
        ("INV-7Q4-3378", 90, 129_357),
        ("INV-7Q4-4406", 30, 264_419),
    ] {
        invoices.push(
            insert_id(
                tx,
                "INSERT INTO invoices (workspace_id, number, issued_at, amount_cents, currency) \
             VALUES ($1, $2, $3, $4, 'EUR') RETURNING id",
                &[
                    Int(cast.acme),
                    Text(number),
                    Int(now - days_ago * DAY),
                    Int(cents),
                ],
            )
            .await?,
        );
    }
    insert_id(
        tx,
        "INSERT INTO refund_requests (invoice_id, requested_by, reason, status, created_at) \
         VALUES ($1, $2, 'Bought twice by mistake.', 'requested', $3) RETURNING id",
        &[Int(invoices[1]), Int(cast.dave), Int(now - 2 * DAY)],
    )
    .await?;
    let portal = insert_id(tx, "INSERT INTO projects (workspace_id, name, created_at) VALUES ($1, 'Globex Portal', $2) RETURNING id",
        &[Int(cast.globex), Int(now - 20 * DAY)]).await?;
    let globex_licence = insert_id(
        tx,
        "INSERT INTO licences (workspace_id, package_id, major_version, expires_at, created_at) \
         VALUES ($1, $2, 4, $3, $4) RETURNING id",
        &[
            Int(cast.globex),
            Int(packages["pixelmint/image-optimizer"]),
            Int(now + 200 * DAY),
            Int(now - 165 * DAY),
        ],
    )
    .await?;
    insert_id(tx, "INSERT INTO project_licences (project_id, licence_id, attached_at) VALUES ($1, $2, $3) RETURNING project_id",
        &[Int(portal), Int(globex_licence), Int(now - 20 * DAY)]).await?;
    Ok(())
}
