//! The catalogue over HTTP on both databases: a newcomer buys a year of a line in
//! test mode and attaches it to a project; prices reach only owners and billing
//! members; a line held is not sold twice, one that ended is renewed; a licence code
//! activates once, and codes are not tried by the thousand.

use crate::support::{Browser, TestApp, spawn_demo_app};
use app::core::money::format_money;
use server::seed::{CATALOGUE_PRICES, DEMO_LICENCE_CODES};

const DAY: i64 = 86_400;
const PASSWORD: &str = "a newcomer's password";

async fn package_id(app: &TestApp, name: &str) -> String {
    app.count(&format!("SELECT id FROM packages WHERE name = '{name}'"))
        .await
        .to_string()
}

async fn attempt(who: &Browser, code: &str) -> crate::support::Answer {
    who.call("catalogue/activate_licence", &[("code", code)])
        .await
}

async fn buy(who: &Browser, package: &str, major: &str) -> crate::support::Answer {
    who.call(
        "catalogue/buy_licence",
        &[("package_id", package), ("major", major)],
    )
    .await
}

#[tokio::test]
async fn a_newcomer_buys_a_line_in_test_mode_and_attaches_it_to_a_project() {
    let app = spawn_demo_app().await;
    let nora = app.signed_in_user("nora@example.test", PASSWORD).await;
    let catalogue = nora.call("catalogue/get_catalogue", &[]).await;
    catalogue.expect_status(200);
    let catalogue = catalogue.json();
    assert_eq!(catalogue["can_buy"], true, "she owns her new workspace");
    assert_eq!(catalogue["test_mode"], true);
    let tracking = catalogue["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "harbor/tracking")
        .expect("listed")
        .clone();
    assert_eq!(tracking["price"], "249.00 EUR", "{tracking}");
    assert_eq!(tracking["lines"][0]["line"], "1.x");
    assert_eq!(tracking["lines"][0]["newest"], "1.2.0");
    assert_eq!(tracking["lines"][0]["held_until"], serde_json::Value::Null);

    let package = package_id(&app, "harbor/tracking").await;
    let bought = buy(&nora, &package, "1").await;
    bought.expect_status(200);
    let bought = bought.json();
    let until = bought["expires_at"].as_i64().expect("an end");
    assert!((until - (app.clock.now() + 365 * DAY)).abs() < 60);
    let invoice = bought["invoice"].as_str().expect("an invoice").to_owned();
    assert!(invoice.starts_with("INV-"), "{invoice}");
    let reference: String =
        sqlx::query_scalar("SELECT payment_reference FROM invoices WHERE number = $1")
            .bind(&invoice)
            .fetch_one(&app.db.pool)
            .await
            .expect("the invoice");
    assert!(reference.starts_with("test_"), "{reference}");
    let billing = nora.call("billing/get_billing", &[]).await.json();
    assert_eq!(billing["subscriptions"][0]["package"], "harbor/tracking");
    assert_eq!(billing["subscriptions"][0]["price"], "249.00 EUR");
    assert_eq!(billing["subscriptions"][0]["renewing"], true);
    assert_eq!(billing["invoices"][0]["number"], invoice);

    // The same line again is refused: nobody pays twice for one year.
    let again = buy(&nora, &package, "1").await;
    again.expect_status(409);
    assert!(
        again.body.contains("holds harbor/tracking 1.x until"),
        "{}",
        again.body
    );
    let invoices = nora.call("billing/get_billing", &[]).await.json();
    assert_eq!(invoices["invoices"].as_array().map(Vec::len), Some(1));
    // A line the package does not have is not sold.
    buy(&nora, &package, "7").await.expect_status(404);

    // Her first project gets the licence.
    let project = nora
        .call("projects/create_project", &[("name", "Shop")])
        .await;
    let project = project.json()["id"].to_string();
    let attachable = nora
        .call(
            "projects/list_attachable_licences",
            &[("project_id", &project), ("search", "")],
        )
        .await
        .json();
    assert_eq!(attachable["total"], 1, "{attachable}");
    let licence = attachable["shown"][0]["licence_id"].to_string();
    let attached = nora
        .call(
            "projects/attach_licence",
            &[("project_id", &project), ("licence_id", &licence)],
        )
        .await;
    attached.expect_status(200);
    let feed = nora
        .call("team/list_activity", &[("page", "0")])
        .await
        .json();
    let bought_line = feed
        .as_array()
        .expect("feed")
        .iter()
        .find(|e| e["action"] == "bought a licence of")
        .expect("the purchase is in the feed")
        .clone();
    assert_eq!(bought_line["subject"], "harbor/tracking 1.x");
    assert!(
        !bought_line.to_string().contains("249"),
        "the feed, which every member reads, names no price: {bought_line}"
    );
}

#[tokio::test]
async fn only_owners_and_billing_see_prices_and_buy() {
    let app = spawn_demo_app().await;
    let package = package_id(&app, "harbor/tracking").await;
    let prices: Vec<String> = CATALOGUE_PRICES
        .iter()
        .map(|(_, cents)| format_money(*cents, "EUR"))
        .collect();
    for (who, sees) in [
        ("alice", true),
        ("dave", true),
        ("bob", false),
        ("carol", false),
        ("erin", false),
    ] {
        let browser = app.demo_user(who).await;
        let catalogue = browser.call("catalogue/get_catalogue", &[]).await;
        let page = browser.get("/catalogue").await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("harbor/tracking"),
            "{who} sees the catalogue"
        );
        for answer in [&catalogue.body, &page.body] {
            assert_eq!(
                prices.iter().any(|price| answer.contains(price.as_str())),
                sees,
                "{who} and prices"
            );
        }
        assert_eq!(catalogue.json()["can_buy"], sees, "{who} may buy?");
        if !sees {
            let refused = buy(&browser, &package, "1").await;
            assert_eq!(refused.status, 403, "{who}: {}", refused.body);
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM licences l JOIN packages p ON p.id = l.package_id WHERE p.name = 'harbor/tracking'")
            .await,
        0,
        "nobody without billing bought anything"
    );
}

#[tokio::test]
async fn a_line_that_ended_is_renewed_from_now() {
    let app = spawn_demo_app().await;
    let dave = app.demo_user("dave").await;
    // Acme's stellar/search 2.x ended 12 days ago, its subscription cancelled.
    let line = |catalogue: serde_json::Value| {
        catalogue["packages"]
            .as_array()
            .and_then(|all| all.iter().find(|p| p["name"] == "stellar/search"))
            .map(|p| p["lines"][0].clone())
            .expect("listed")
    };
    let before = line(dave.call("catalogue/get_catalogue", &[]).await.json());
    assert_eq!(before["ended"], true, "{before}");
    let package = package_id(&app, "stellar/search").await;
    let renewed = buy(&dave, &package, "2").await;
    renewed.expect_status(200);
    let until = renewed.json()["expires_at"].as_i64().expect("an end");
    assert!((until - (app.clock.now() + 365 * DAY)).abs() < 60);
    let licences = app
        .count("SELECT COUNT(*) FROM licences l JOIN packages p ON p.id = l.package_id WHERE p.name = 'stellar/search'")
        .await;
    assert_eq!(licences, 1, "the same licence, renewed");
    let renewing = app
        .count("SELECT COUNT(*) FROM subscriptions s JOIN licences l ON l.id = s.licence_id JOIN packages p ON p.id = l.package_id WHERE p.name = 'stellar/search' AND s.cancelled_at IS NULL")
        .await;
    assert_eq!(renewing, 1, "its subscription renews again");
    let after = line(dave.call("catalogue/get_catalogue", &[]).await.json());
    assert_eq!(
        (after["ended"].clone(), after["held_until"].as_i64()),
        (false.into(), Some(until))
    );
    assert_eq!(
        buy(&dave, &package, "2").await.status,
        409,
        "held again: not sold twice"
    );
}

#[tokio::test]
async fn a_licence_code_activates_once_however_it_is_typed() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let (code, package, _, days) = DEMO_LICENCE_CODES[0];
    let typed = code.to_lowercase().replace('-', " ");
    let activated = attempt(&alice, &typed).await;
    activated.expect_status(200);
    let licence = activated.json();
    assert_eq!(licence["package"], package);
    assert_eq!(licence["invoice"], serde_json::Value::Null);
    let until = licence["expires_at"].as_i64().expect("an end");
    assert!((until - (app.clock.now() + days * DAY)).abs() < 60);

    // Used once: again, or by another workspace, it is refused alike.
    let frank = app.demo_user("frank").await;
    for who in [&alice, &frank] {
        let again = attempt(who, code).await;
        again.expect_status(400);
        assert!(
            again
                .field_message("code")
                .is_some_and(|m| m.contains("not valid, or was used already")),
            "{}",
            again.body
        );
    }
    let malformed = attempt(&alice, "PKGT'; DROP").await;
    assert_eq!(malformed.status, 400);
    assert!(malformed.field_message("code").is_some());
    let carol = app.demo_user("carol").await;
    let (other, ..) = DEMO_LICENCE_CODES[1];
    let refused = attempt(&carol, other).await;
    assert_eq!(refused.status, 403, "a developer activates nothing");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM licence_codes WHERE redeemed_at IS NOT NULL")
            .await,
        1
    );
}

#[tokio::test]
async fn licence_codes_that_match_nothing_are_limited_per_workspace_and_per_person() {
    let app = spawn_demo_app().await;
    let dave = app.demo_user("dave").await;
    let (code, ..) = DEMO_LICENCE_CODES[0];
    for guess in 0..10 {
        let wrong = attempt(&dave, &format!("PKGT-GUES-S000-{guess:04}")).await;
        wrong.expect_status(400);
    }
    // The eleventh try is refused before the code is looked at, a right one too.
    let refused = attempt(&dave, code).await;
    refused.expect_status(429);
    assert!(
        refused
            .body
            .contains("Too many failed licence codes. Try again in 15 minutes."),
        "{}",
        refused.body
    );
    // So is everyone else of the workspace (the limit is also the workspace's) ...
    let alice = app.demo_user("alice").await;
    attempt(&alice, code).await.expect_status(429);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM licence_codes WHERE redeemed_at IS NOT NULL")
            .await,
        0,
        "nothing activated while refused"
    );
    // ... but not another workspace, and not once the window has passed.
    let frank = app.demo_user("frank").await;
    attempt(&frank, "PKGT-GUES-S000-9999")
        .await
        .expect_status(400);
    app.clock.advance(15 * 60);
    attempt(&dave, code).await.expect_status(200);
}
