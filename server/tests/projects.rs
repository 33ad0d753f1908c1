//! Projects, licences, access keys and billing over HTTP, on the demo data, on both
//! databases.

use crate::support::{TestApp, spawn_demo_app};
use app::core::access_key;
use app::server::crypto::TokenDigester;
use app::server::crypto::purpose;
use server::seed::BILLING_MARKERS;

async fn id(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The demo ids the tests refer to.
struct Ids {
    storefront: i64,
    tax_rates: i64,
    invoice: i64,
}

impl Ids {
    async fn of(app: &TestApp) -> Self {
        Self {
            storefront: id(app, "SELECT id FROM projects WHERE name = 'Storefront'").await,
            tax_rates: id(
                app,
                "SELECT l.id FROM licences l JOIN packages p ON p.id = l.package_id \
                 WHERE p.name = 'ironledger/tax-rates'",
            )
            .await,
            invoice: id(app, "SELECT id FROM invoices WHERE number = 'INV-7Q4-2291'").await,
        }
    }
}

#[tokio::test]
async fn no_price_invoice_or_refund_reaches_anyone_but_owners_and_billing() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let projects: Vec<i64> = sqlx::query_scalar("SELECT id FROM projects ORDER BY id")
        .fetch_all(&app.db.pool)
        .await
        .expect("projects");
    let owner_view = app
        .demo_user("alice")
        .await
        .call("billing/get_billing", &[])
        .await;
    for marker in BILLING_MARKERS {
        assert!(
            owner_view.body.contains(marker),
            "the owner sees {marker}: {}",
            owner_view.body
        );
    }
    for principal in ["bob", "carol", "erin"] {
        let browser = app.demo_user(principal).await;
        let mut answers = Vec::new();
        for page in ["/", "/projects", "/org", "/account"] {
            answers.push((page.to_owned(), browser.get(page).await));
        }
        for (path, args) in [
            ("projects/list_projects", vec![]),
            ("team/get_workspaces", vec![]),
            ("team/list_activity", vec![("page", "0".to_owned())]),
            ("team/list_invites", vec![]),
            (
                "team/list_members",
                vec![
                    ("search", String::new()),
                    ("sort", "Name".to_owned()),
                    ("descending", "false".to_owned()),
                    ("page", "0".to_owned()),
                ],
            ),
            ("billing/get_billing", vec![]),
            (
                "billing/cancel_subscription",
                vec![("licence_id", ids.tax_rates.to_string())],
            ),
            (
                "billing/request_refund",
                vec![
                    ("invoice_id", ids.invoice.to_string()),
                    ("reason", "x".to_owned()),
                ],
            ),
        ] {
            let form: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
            answers.push((path.to_owned(), browser.call(path, &form).await));
        }
        for project in &projects {
            let project = project.to_string();
            answers.push((
                format!("/projects/{project}"),
                browser.get(&format!("/projects/{project}")).await,
            ));
            for path in [
                "projects/get_project",
                "projects/project_activity",
                "projects/list_attachable_licences",
                "keys/list_keys",
            ] {
                answers.push((
                    path.to_owned(),
                    browser.call(path, &[("project_id", &project)]).await,
                ));
            }
        }
        let keys: Vec<(i64, i64)> = sqlx::query_as("SELECT project_id, id FROM project_tokens")
            .fetch_all(&app.db.pool)
            .await
            .expect("keys");
        for (project, key) in keys {
            let (project, key) = (project.to_string(), key.to_string());
            let form = [("project_id", project.as_str()), ("key_id", key.as_str())];
            answers.push((
                "keys/reveal_key".to_owned(),
                browser.call("keys/reveal_key", &form).await,
            ));
        }
        for (what, answer) in &answers {
            assert!(answer.status < 500, "{principal} {what}: {}", answer.status);
            for marker in BILLING_MARKERS {
                assert!(
                    !answer.body.contains(marker),
                    "{principal} saw {marker} in {what}"
                );
            }
        }
    }
}

#[tokio::test]
async fn keys_are_stored_as_digest_and_sealed_copy_and_rotation_retires_the_old_value() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let carol = app.demo_user("carol").await;
    let project = ids.storefront.to_string();
    let minted = carol
        .call(
            "keys/mint_key",
            &[("project_id", &project), ("name", "Staging")],
        )
        .await;
    minted.expect_status(200);
    let value = minted.json()["value"].as_str().expect("value").to_owned();
    let key_id = minted.json()["id"].as_i64().expect("id").to_string();
    assert!(
        value.starts_with("pkgt_") && access_key::is_well_formed(&value),
        "{value}"
    );
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM project_tokens WHERE token_hash = '{value}' OR sealed LIKE '%{value}%' \
             OR name LIKE '%{value}%'"
        ))
        .await;
    assert_eq!(stored, 0, "the value itself is stored nowhere");
    let digester = TokenDigester::new(b"integration-test-secret-of-enough-length");
    let with_digest = |v: &str| {
        format!(
            "SELECT COUNT(*) FROM project_tokens WHERE token_hash = '{}'",
            digester.digest(purpose::PROJECT_KEY, v)
        )
    };
    assert_eq!(app.count(&with_digest(&value)).await, 1);

    let revealed = carol
        .call(
            "keys/reveal_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(
        revealed.json()["value"],
        value.as_str(),
        "the sealed copy opens to the value"
    );

    let rotated = carol
        .call(
            "keys/rotate_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    rotated.expect_status(200);
    let new_value = rotated.json()["value"].as_str().expect("value").to_owned();
    assert_ne!(new_value, value);
    assert_eq!(
        app.count(&with_digest(&value)).await,
        0,
        "the old value authenticates nothing"
    );
    assert_eq!(app.count(&with_digest(&new_value)).await, 1);
    let revealed = carol
        .call(
            "keys/reveal_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(revealed.json()["value"], new_value.as_str());

    let deactivated = carol
        .call(
            "keys/deactivate_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    deactivated.expect_status(200);
    let again = carol
        .call(
            "keys/rotate_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(
        again.status, 409,
        "a deactivated key stays deactivated: {}",
        again.body
    );
    let hidden = carol
        .call(
            "keys/reveal_key",
            &[("project_id", &project), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(hidden.status, 404);

    let feed = carol
        .call("projects/project_activity", &[("project_id", &project)])
        .await;
    let actions: Vec<String> = feed
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["actor"].as_str().unwrap_or(""),
                e["action"].as_str().unwrap_or(""),
                e["subject"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        actions[..3],
        [
            "Carol Chen deactivated the access key Staging",
            "Carol Chen rotated the access key Staging",
            "Carol Chen minted the access key Staging",
        ]
    );
}

#[tokio::test]
async fn removing_a_member_deactivates_the_keys_they_minted_and_only_those() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let carol_id = app.user_id("carol@acme.test").await.to_string();
    let removed = alice
        .call("team/remove_member", &[("user_id", &carol_id)])
        .await;
    removed.expect_status(200);
    assert_eq!(removed.json()["tokens_deactivated"], 2);
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT name, deactivated_at FROM project_tokens ORDER BY name")
            .fetch_all(&app.db.pool)
            .await
            .expect("keys");
    let states: Vec<(&str, bool)> = rows
        .iter()
        .map(|(n, d)| (n.as_str(), d.is_some()))
        .collect();
    assert_eq!(
        states,
        [
            ("CI", true),
            ("Local development", true),
            ("Production deploy", false)
        ]
    );
    let storefront = Ids::of(&app).await.storefront.to_string();
    let listed = alice
        .call("keys/list_keys", &[("project_id", &storefront)])
        .await;
    let shown: Vec<(String, bool)> = listed
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap_or("").to_owned(),
                k["active"].as_bool().unwrap_or(true),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Production deploy".to_owned(), true),
            ("CI".to_owned(), false)
        ]
    );
}

#[tokio::test]
async fn deleting_a_project_asks_for_its_name_and_retires_its_keys() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let bob = app.demo_user("bob").await;
    let project = ids.storefront.to_string();
    let wrong = bob
        .call(
            "projects/delete_project",
            &[("project_id", &project), ("confirm_name", "storefront")],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.field_message("confirm_name").as_deref(),
        Some("Type the project's name, Storefront, to delete it.")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM projects WHERE deleted_at IS NOT NULL")
            .await,
        0
    );
    let deleted = bob
        .call(
            "projects/delete_project",
            &[("project_id", &project), ("confirm_name", " Storefront ")],
        )
        .await;
    deleted.expect_status(200);
    assert_eq!(deleted.json()["keys_deactivated"], 2);
    let active_keys = format!(
        "SELECT COUNT(*) FROM project_tokens WHERE project_id = {project} AND deactivated_at IS NULL"
    );
    assert_eq!(app.count(&active_keys).await, 0);
    assert_eq!(
        bob.call("projects/get_project", &[("project_id", &project)])
            .await
            .status,
        404
    );
    let list = bob.call("projects/list_projects", &[]).await;
    assert!(!list.body.contains("Storefront"), "{}", list.body);
    let other_keys = "SELECT COUNT(*) FROM project_tokens WHERE deactivated_at IS NULL";
    assert_eq!(
        app.count(other_keys).await,
        1,
        "Warehouse API's key still works"
    );
}

#[tokio::test]
async fn project_names_are_required_unique_and_plain() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let before = app.count("SELECT COUNT(*) FROM projects").await;
    for (name, message) in [
        ("   ", "Enter a name for the project."),
        (
            "storefront",
            "A project with this name already exists. Choose another name.",
        ),
        (
            "Line\nbreak",
            "Use letters, digits, spaces and punctuation only.",
        ),
    ] {
        let answer = alice
            .call("projects/create_project", &[("name", name)])
            .await;
        assert_eq!(answer.status, 400, "{name:?}: {}", answer.body);
        assert_eq!(
            answer.field_message("name").as_deref(),
            Some(message),
            "{name:?}"
        );
    }
    let long = "x".repeat(81);
    assert_eq!(
        alice
            .call("projects/create_project", &[("name", &long)])
            .await
            .status,
        400
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM projects").await,
        before,
        "nothing was created"
    );
    let created = alice
        .call("projects/create_project", &[("name", "  Mobile app ")])
        .await;
    created.expect_status(200);
    assert_eq!(created.json()["name"], "Mobile app");
    let renamed = alice
        .call(
            "projects/rename_project",
            &[
                ("project_id", &created.json()["id"].to_string()),
                ("name", "Warehouse api"),
            ],
        )
        .await;
    assert_eq!(
        renamed.status, 400,
        "renaming onto another project's name is refused"
    );
}

#[tokio::test]
async fn licences_show_the_newest_covered_version_its_qa_status_and_expiry() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let erin = app.demo_user("erin").await;
    let view = erin
        .call(
            "projects/get_project",
            &[("project_id", &ids.storefront.to_string())],
        )
        .await;
    view.expect_status(200);
    let json = view.json();
    assert_eq!(json["access"], "Viewer");
    assert_eq!(json["key_count"], 2);
    let rows: Vec<String> = json["licences"]
        .as_array()
        .expect("licences")
        .iter()
        .map(|l| {
            format!(
                "{} {} {} {} expired={} soon={}",
                l["package"].as_str().unwrap_or(""),
                l["line"].as_str().unwrap_or(""),
                l["version"].as_str().unwrap_or("-"),
                l["qa"].as_str().unwrap_or("-"),
                l["expired"],
                l["expiring_soon"]
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "brightcart/checkout 1.x 1.5.2 Passed expired=false soon=true",
            "northwind/payment-gateway 2.x 2.4.0 Pending expired=false soon=false",
            // 2.7.0 came out after the licence expired.
            "stellar/search 2.x 2.6.0 Passed expired=true soon=false",
        ]
    );
    for absent in ["price", "currency", "subscription", "invoice"] {
        assert!(!view.body.contains(absent), "a project carries no {absent}");
    }
}

#[tokio::test]
async fn a_licence_of_another_workspace_cannot_be_attached() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let alice = app.demo_user("alice").await;
    let globex_licence = id(
        &app,
        "SELECT l.id FROM licences l JOIN workspaces w ON w.id = l.workspace_id WHERE w.name = 'Globex'",
    )
    .await
    .to_string();
    let before = app.count("SELECT COUNT(*) FROM project_licences").await;
    let answer = alice
        .call(
            "projects/attach_licence",
            &[
                ("project_id", &ids.storefront.to_string()),
                ("licence_id", &globex_licence),
            ],
        )
        .await;
    answer.expect_status(404);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_licences").await,
        before
    );
    let attached = alice
        .call(
            "projects/attach_licence",
            &[
                ("project_id", &ids.storefront.to_string()),
                ("licence_id", &ids.tax_rates.to_string()),
            ],
        )
        .await;
    attached.expect_status(200);
    let feed = alice.call("team/list_activity", &[("page", "0")]).await;
    assert_eq!(feed.json()[0]["action"], "attached the licence of");
    assert_eq!(feed.json()[0]["subject"], "ironledger/tax-rates");
}

#[tokio::test]
async fn a_long_list_of_licences_to_attach_is_searched_not_sent_whole() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let acme = id(&app, "SELECT id FROM workspaces WHERE name = 'Acme'").await;
    for n in 0..60 {
        let package: i64 = sqlx::query_scalar(
            "INSERT INTO packages (name, description) VALUES ($1, 'Bulk.') RETURNING id",
        )
        .bind(format!("bulk/pkg-{n:03}"))
        .fetch_one(&app.db.pool)
        .await
        .expect("package");
        sqlx::query(
            "INSERT INTO licences (workspace_id, package_id, major_version, expires_at, created_at) \
             VALUES ($1, $2, 1, 4102444800, 0)",
        )
        .bind(acme)
        .bind(package)
        .execute(&app.db.pool)
        .await
        .expect("licence");
    }
    let before = app.count("SELECT COUNT(*) FROM licences").await;
    let alice = app.demo_user("alice").await;
    let project = ids.storefront.to_string();
    let find = |search: &'static str| {
        let (alice, project) = (&alice, project.clone());
        async move {
            let answer = alice
                .call(
                    "projects/list_attachable_licences",
                    &[("project_id", &project), ("search", search)],
                )
                .await;
            answer.expect_status(200);
            let json = answer.json();
            let names: Vec<String> = json["shown"]
                .as_array()
                .expect("shown")
                .iter()
                .map(|option| option["package"].as_str().unwrap_or("").to_owned())
                .collect();
            (names, json["total"].as_i64().expect("total"))
        }
    };
    let (all, total) = find("").await;
    assert_eq!(all.len(), 50, "only the first 50 are sent");
    assert!(total >= 60, "{total}");
    let (found, total) = find("  BULK/pkg-05").await;
    assert_eq!(total, 10);
    assert_eq!(found.first().map(String::as_str), Some("bulk/pkg-050"));
    assert!(found.iter().all(|name| name.starts_with("bulk/pkg-05")));
    assert_eq!(find("%").await, (Vec::new(), 0), "wildcards are literal");

    let page = alice.get(&format!("/projects/{project}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!(
            "The first 50 of {} licences to attach",
            all_total(&app, acme, ids.storefront).await
        )),
        "the server renders the count"
    );
    assert_eq!(attach_options(&page.body), 50);
    let page = alice
        .get(&format!("/projects/{project}?licence=pkg-05"))
        .await;
    assert!(
        page.body.contains("10 licences to attach."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#"value="pkg-05""#),
        "the search box keeps the search"
    );
    assert_eq!(attach_options(&page.body), 10);
    let page = alice
        .get(&format!("/projects/{project}?licence=nothing"))
        .await;
    assert!(
        page.body
            .contains("No licence to attach has “nothing” in its package name.")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM licences").await, before);
}

/// How many options the select of licences to attach offers in a page's HTML.
fn attach_options(html: &str) -> usize {
    let select = html
        .split_once(r#"id="attach-licence""#)
        .and_then(|(_, rest)| rest.split_once("</select>"))
        .map_or("", |(select, _)| select);
    select.matches("<option ").count()
}

/// How many of the workspace's licences are not attached to the project.
async fn all_total(app: &TestApp, workspace: i64, project: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM licences l WHERE l.workspace_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM project_licences pl WHERE pl.licence_id = l.id AND pl.project_id = $2)",
    )
    .bind(workspace)
    .bind(project)
    .fetch_one(&app.db.pool)
    .await
    .expect("count")
}

#[tokio::test]
async fn billing_members_cancel_subscriptions_and_request_refunds_once() {
    let app = spawn_demo_app().await;
    let ids = Ids::of(&app).await;
    let dave = app.demo_user("dave").await;
    let licence = ids.tax_rates.to_string();
    for _ in 0..2 {
        let cancelled = dave
            .call("billing/cancel_subscription", &[("licence_id", &licence)])
            .await;
        assert_eq!(
            cancelled.status, 200,
            "cancelling is idempotent: {}",
            cancelled.body
        );
    }
    let overview = dave.call("billing/get_billing", &[]).await.json();
    let tax = overview["subscriptions"]
        .as_array()
        .expect("subscriptions")
        .iter()
        .find(|s| s["package"] == "ironledger/tax-rates")
        .expect("tax rates")
        .clone();
    assert_eq!(tax["renewing"], false);
    let invoice = ids.invoice.to_string();
    let empty = dave
        .call(
            "billing/request_refund",
            &[("invoice_id", &invoice), ("reason", "  ")],
        )
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.field_message("reason").is_some());
    let asked = dave
        .call(
            "billing/request_refund",
            &[("invoice_id", &invoice), ("reason", "Bought twice")],
        )
        .await;
    asked.expect_status(200);
    let again = dave
        .call(
            "billing/request_refund",
            &[("invoice_id", &invoice), ("reason", "Bought twice")],
        )
        .await;
    assert_eq!(again.status, 409);
    let overview = dave.call("billing/get_billing", &[]).await.json();
    let refunded = overview["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .find(|i| i["number"] == "INV-7Q4-2291")
        .expect("invoice")
        .clone();
    assert_eq!(refunded["refund"], "Requested");
    assert_eq!(app.count("SELECT COUNT(*) FROM refund_requests").await, 2);
}
