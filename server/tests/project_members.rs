//! Project grants and the Members screen over HTTP, on the demo data, on both
//! databases.

use crate::support::{Answer, Browser, spawn_demo_app};

async fn set_access(browser: &Browser, project: &str, user: i64, role: &str) -> Answer {
    browser
        .call(
            "project_members/set_project_access",
            &[
                ("project_id", project),
                ("user_id", &user.to_string()),
                ("role", role),
            ],
        )
        .await
}

async fn members(
    browser: &Browser,
    project: &str,
    search: &str,
    sort: &str,
    descending: bool,
) -> serde_json::Value {
    let answer = browser
        .call(
            "project_members/list_project_members",
            &[
                ("project_id", project),
                ("search", search),
                ("sort", sort),
                ("descending", if descending { "true" } else { "false" }),
                ("page", "0"),
            ],
        )
        .await;
    answer.expect_status(200);
    answer.json()
}

#[tokio::test]
async fn a_grant_lifts_a_viewer_to_developer_on_that_project_only() {
    let app = spawn_demo_app().await;
    let (storefront, warehouse) = (
        app.project_id("Storefront").await,
        app.project_id("Warehouse API").await,
    );
    let alice = app.demo_user("alice").await;
    let erin = app.demo_user("erin").await;
    let erin_id = app.user_id("erin@acme.test").await;
    let keys = |p: &str| {
        let (erin, p) = (erin.clone(), p.to_owned());
        async move {
            erin.call("keys/list_keys", &[("project_id", &p)])
                .await
                .status
        }
    };
    assert_eq!(keys(&storefront).await, 403);

    let granted = set_access(&alice, &storefront, erin_id, "developer").await;
    granted.expect_status(200);
    assert_eq!(granted.json()["organization_access"], "Viewer");
    assert_eq!(granted.json()["grant"], "Developer");
    assert_eq!(granted.json()["effective"], "Developer");
    assert_eq!(keys(&storefront).await, 200, "the grant applies at once");
    assert_eq!(keys(&warehouse).await, 403, "and only on that project");
    let view = erin
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(
        view.json()["access"],
        "Developer",
        "the page shows what the check enforces"
    );

    let cleared = set_access(&alice, &storefront, erin_id, "").await;
    cleared.expect_status(200);
    assert_eq!(cleared.json()["effective"], "Viewer");
    assert_eq!(keys(&storefront).await, 403);

    let feed = alice
        .call("projects/project_activity", &[("project_id", &storefront)])
        .await
        .json();
    let lines: Vec<String> = feed
        .as_array()
        .expect("feed")
        .iter()
        .take(2)
        .map(|e| {
            format!(
                "{} {} {} ({})",
                e["actor"].as_str().unwrap_or(""),
                e["action"].as_str().unwrap_or(""),
                e["subject"].as_str().unwrap_or(""),
                e["detail"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "Alice Anders changed the project access of Erin Evans (Developer → none)",
            "Alice Anders changed the project access of Erin Evans (none → Developer)",
        ]
    );
}

#[tokio::test]
async fn owners_and_admins_keep_full_access_and_billing_never_reads_keys() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let bob = app.demo_user("bob").await;
    let before = app.count("SELECT COUNT(*) FROM project_grants").await;
    let on_admin = set_access(
        &bob,
        &storefront,
        app.user_id("bob@acme.test").await,
        "viewer",
    )
    .await;
    assert_eq!(on_admin.status, 403);
    let on_owner = set_access(
        &bob,
        &storefront,
        app.user_id("alice@acme.test").await,
        "viewer",
    )
    .await;
    assert_eq!(on_owner.status, 403);
    assert!(
        on_owner.body.contains("cannot be changed"),
        "{}",
        on_owner.body
    );
    let dave = app.user_id("dave@acme.test").await;
    let billing = set_access(&alice, &storefront, dave, "developer").await;
    assert_eq!(billing.status, 403);
    assert!(
        billing
            .body
            .contains("Billing members never see access keys"),
        "{}",
        billing.body
    );
    let unknown = set_access(&alice, &storefront, dave, "manager").await;
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.field_message("role").as_deref(),
        Some("Choose viewer or developer.")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_grants").await,
        before,
        "nothing changed"
    );
    assert_eq!(
        set_access(&alice, &storefront, dave, "viewer").await.status,
        200
    );
}

#[tokio::test]
async fn only_managers_of_the_workspace_set_access_and_only_for_its_members() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let erin = app.user_id("erin@acme.test").await;
    let carol = app.demo_user("carol").await;
    assert_eq!(
        set_access(&carol, &storefront, erin, "developer")
            .await
            .status,
        403
    );
    let frank = app.demo_user("frank").await;
    assert_eq!(
        set_access(&frank, &storefront, erin, "developer")
            .await
            .status,
        404
    );
    let alice = app.demo_user("alice").await;
    let outsider = app.user_id("frank@globex.test").await;
    assert_eq!(
        set_access(&alice, &storefront, outsider, "viewer")
            .await
            .status,
        404,
        "frank is not in Acme"
    );
    let portal = app.project_id("Globex Portal").await;
    assert_eq!(
        set_access(&alice, &portal, erin, "viewer").await.status,
        404,
        "Globex's project is invisible to alice"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 0);
    let screen = frank
        .call(
            "project_members/list_project_members",
            &[
                ("project_id", &storefront),
                ("search", ""),
                ("sort", "Name"),
                ("descending", "false"),
                ("page", "0"),
            ],
        )
        .await;
    assert_eq!(screen.status, 404);
}

#[tokio::test]
async fn the_members_screen_searches_sorts_and_pages_on_the_server() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let all = members(&alice, &storefront, "", "Name", false).await;
    assert_eq!(all["total"], 2005);
    assert_eq!(all["rows"].as_array().expect("rows").len(), 50);
    assert_eq!(all["can_manage"], true);
    assert_eq!(all["project"], "Storefront");

    let found = members(&alice, &storefront, "ERIN", "Name", false).await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["rows"][0]["email"], "erin@acme.test");
    assert_eq!(found["rows"][0]["grant"], serde_json::Value::Null);

    set_access(
        &alice,
        &storefront,
        app.user_id("erin@acme.test").await,
        "developer",
    )
    .await;
    let by_access = members(&alice, &storefront, "@acme.test", "Access", false).await;
    let order: Vec<&str> = by_access["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| {
            r["email"]
                .as_str()
                .is_some_and(|e| e.ends_with("@acme.test"))
        })
        .map(|r| r["email"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        order.first(),
        Some(&"dave@acme.test"),
        "viewer-level access first: {order:?}"
    );
    let erin_at = order
        .iter()
        .position(|e| *e == "erin@acme.test")
        .expect("erin");
    let carol_at = order
        .iter()
        .position(|e| *e == "carol@acme.test")
        .expect("carol");
    let bob_at = order
        .iter()
        .position(|e| *e == "bob@acme.test")
        .expect("bob");
    assert!(
        erin_at < bob_at && carol_at < bob_at,
        "developers before managers: {order:?}"
    );

    let erin = app.demo_user("erin").await;
    let seen = members(&erin, &storefront, "", "Name", false).await;
    assert_eq!(seen["can_manage"], false);
}

#[tokio::test]
async fn removing_a_member_removes_their_grants() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let erin = app.user_id("erin@acme.test").await;
    assert_eq!(
        set_access(&alice, &storefront, erin, "developer")
            .await
            .status,
        200
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 1);
    let removed = alice
        .call("team/remove_member", &[("user_id", &erin.to_string())])
        .await;
    removed.expect_status(200);
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 0);
}
