//! Sharing a project with an outside address, over HTTP, on the demo data, on both
//! databases.

use crate::support::{Answer, Browser, TestApp, spawn_demo_app};
use server::seed::BILLING_MARKERS;

const PASSWORD: &str = "correct horse battery";
const RITA: &str = "rita@outside.test";

async fn share(owner: &Browser, project: &str, email: &str, role: &str) -> Answer {
    owner
        .call(
            "shares/share_project",
            &[("project_id", project), ("email", email), ("role", role)],
        )
        .await
}

/// Shares Storefront with rita as `role`, registers her and accepts through the link;
/// returns alice's and rita's browsers and Storefront's id.
async fn shared_with_rita(app: &TestApp, role: &str) -> (Browser, Browser, String) {
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let shared = share(&alice, &storefront, RITA, role).await;
    shared.expect_status(200);
    assert_eq!(shared.json()["status"], "Pending");
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    let rita = app.signed_in_user(RITA, PASSWORD).await;
    let accepted = rita.call("shares/accept_share", &[("token", &token)]).await;
    accepted.expect_status(200);
    assert_eq!(accepted.json().to_string(), storefront);
    (alice, rita, storefront)
}

/// One page of a project's live shares as `owner` lists them.
async fn share_page(
    owner: &Browser,
    project: &str,
    search: &str,
    sort: &str,
    descending: bool,
    page: i64,
) -> serde_json::Value {
    let answer = owner
        .call(
            "shares/list_shares",
            &[
                ("project_id", project),
                ("search", search),
                ("sort", sort),
                ("descending", if descending { "true" } else { "false" }),
                ("page", &page.to_string()),
            ],
        )
        .await;
    answer.expect_status(200);
    answer.json()
}

/// The newest page of a project's live shares.
async fn newest_shares(owner: &Browser, project: &str) -> serde_json::Value {
    share_page(owner, project, "", "Added", true, 0).await["rows"].clone()
}

fn lines(feed: &Answer) -> Vec<String> {
    feed.json()
        .as_array()
        .expect("feed")
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["actor"].as_str().unwrap_or(""),
                e["action"].as_str().unwrap_or(""),
                e["subject"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[tokio::test]
async fn a_recipient_accepts_by_link_and_finds_the_project_shared_with_them() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    share(&alice, &storefront, RITA, "viewer")
        .await
        .expect_status(200);
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    let anonymous = app
        .browser()
        .call("shares/check_share_link", &[("token", &token)])
        .await;
    assert_eq!(anonymous.json()["state"], "Valid");
    assert_eq!(anonymous.json()["project"], "Storefront");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_grants").await,
        0,
        "looking changes nothing"
    );

    let rita = app.signed_in_user(RITA, PASSWORD).await;
    assert_eq!(
        rita.call("projects/get_project", &[("project_id", &storefront)])
            .await
            .status,
        404
    );
    assert_eq!(
        rita.call("shares/accept_share", &[("token", &token)])
            .await
            .status,
        200
    );
    let mine = rita.call("shares/list_shared_with_me", &[]).await.json();
    assert_eq!(mine[0]["name"], "Storefront");
    assert_eq!(mine[0]["workspace"], "Acme");
    assert_eq!(mine[0]["shared_by"], "Alice Anders");
    assert_eq!(mine[0]["role"], "Viewer");
    let view = rita
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(view.json()["access"], "Viewer");
    assert_eq!(view.json()["members_visible"], false);
    assert_eq!(
        rita.call("keys/list_keys", &[("project_id", &storefront)])
            .await
            .status,
        403
    );
    assert_eq!(
        rita.call("projects/project_activity", &[("project_id", &storefront)])
            .await
            .status,
        403
    );
    let own = rita.call("projects/list_projects", &[]).await;
    assert!(
        !own.body.contains("Storefront"),
        "shared projects stay apart from her own: {}",
        own.body
    );

    let theirs = lines(&alice.call("team/list_activity", &[("page", "0")]).await);
    assert_eq!(
        theirs[..2],
        [
            format!("Test User accepted the share sent to {RITA}"),
            format!("Alice Anders shared the project with {RITA}"),
        ]
    );
    let hers = lines(&rita.call("shares/my_activity", &[]).await);
    assert_eq!(
        hers,
        [
            "You accepted the share of the project Storefront",
            "Alice Anders (Acme) shared with you the project Storefront",
        ]
    );
}

#[tokio::test]
async fn a_link_works_once_for_its_own_address_only() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    share(&alice, &storefront, RITA, "viewer").await;
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    let erin = app.demo_user("erin").await;
    let wrong = erin.call("shares/accept_share", &[("token", &token)]).await;
    assert_eq!(wrong.status, 403);
    assert!(
        wrong.body.contains("sent to another address"),
        "{}",
        wrong.body
    );
    let forged = erin
        .call("shares/accept_share", &[("token", "forged-token")])
        .await;
    assert_eq!(forged.status, 404);
    let truncated = &token[..token.len() - 1];
    let rita = app.signed_in_user(RITA, PASSWORD).await;
    assert_eq!(
        rita.call("shares/accept_share", &[("token", truncated)])
            .await
            .status,
        404
    );

    let form = [("token", token.as_str())];
    let (first, second) = tokio::join!(
        rita.call("shares/accept_share", &form),
        rita.call("shares/accept_share", &form),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "two accepts at once make one grant");
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 1);
    let replay = rita.call("shares/accept_share", &[("token", &token)]).await;
    assert_eq!(replay.status, 409);
    assert!(replay.body.contains("already accepted"), "{}", replay.body);

    // The refusals of the real link are in the project's feed, once each (the replay
    // again, and after it a signed-out attempt to register through it); the forged
    // and truncated ones have no project to tell.
    for _ in 0..2 {
        let again = rita.call("shares/accept_share", &[("token", &token)]).await;
        assert_eq!(again.status, 409);
    }
    let signed_out = app
        .browser()
        .register_with_link("shares/register_with_share", &token, "Mallory", PASSWORD)
        .await;
    signed_out.expect_status(409);
    let feed = alice
        .call("projects/project_activity", &[("project_id", &storefront)])
        .await;
    let refused: Vec<String> = feed
        .json()
        .as_array()
        .expect("entries")
        .iter()
        .filter(|entry| entry["action"] == "was refused the share link of")
        .map(|entry| {
            format!(
                "{} | {} | {}",
                entry["actor"], entry["subject"], entry["detail"]
            )
        })
        .collect();
    assert_eq!(
        refused,
        [
            format!("\"Someone signed out\" | \"{RITA}\" | \"already used\""),
            format!("\"Test User\" | \"{RITA}\" | \"already used\""),
            format!("\"Erin Evans\" | \"{RITA}\" | \"signed in as another account\""),
        ],
        "{}",
        feed.body
    );
}

#[tokio::test]
async fn an_expired_link_says_so_and_changes_nothing() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    share(&alice, &storefront, RITA, "viewer").await;
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    sqlx::query("UPDATE project_shares SET expires_at = created_at - 1")
        .execute(&app.db.pool)
        .await
        .expect("expire");
    let preview = app
        .browser()
        .call("shares/check_share_link", &[("token", &token)])
        .await;
    preview.expect_status(200);
    assert_eq!(preview.json()["state"], "Expired");

    let rita = app.signed_in_user(RITA, PASSWORD).await;
    let accepted = rita.call("shares/accept_share", &[("token", &token)]).await;
    accepted.expect_status(409);
    assert!(accepted.body.contains("expired"), "{}", accepted.body);
    let registered = app
        .browser()
        .register_with_link("shares/register_with_share", &token, "Rita Again", PASSWORD)
        .await;
    assert!(registered.body.contains("expired"), "{}", registered.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_shares WHERE accepted_at IS NOT NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn revoking_ends_access_at_once_and_names_the_keys_they_could_read() {
    let app = spawn_demo_app().await;
    let (alice, rita, storefront) = shared_with_rita(&app, "developer").await;
    let minted = rita
        .call(
            "keys/mint_key",
            &[("project_id", &storefront), ("name", "Rita laptop")],
        )
        .await;
    assert_eq!(
        minted.status, 403,
        "a recipient mints no key: {}",
        minted.body
    );
    let active_keys = format!(
        "SELECT COUNT(*) FROM project_tokens WHERE project_id = {storefront} AND deactivated_at IS NULL"
    );
    let active_before = app.count(&active_keys).await;
    let listed = rita
        .call("keys/list_keys", &[("project_id", &storefront)])
        .await;
    assert!(
        !listed.body.contains("Carol Chen"),
        "a recipient sees no member names: {}",
        listed.body
    );
    assert!(
        listed.body.contains("A member of the workspace"),
        "{}",
        listed.body
    );

    let shares = newest_shares(&alice, &storefront).await;
    assert_eq!(shares[0]["status"], "Active");
    let share_id = shares[0]["id"].to_string();
    let ended = alice
        .call(
            "shares/end_share",
            &[("project_id", &storefront), ("share_id", &share_id)],
        )
        .await;
    ended.expect_status(200);
    let ended = ended.json();
    assert_eq!(ended["was_active"], true);
    assert_eq!(ended["keys_deactivated"], 0);
    assert_eq!(
        ended["readable_keys"],
        serde_json::json!(["CI", "Production deploy"])
    );
    // She is told why, in a tab left open as on a reload; anyone else learns nothing.
    let gone = rita
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains("Your access to Storefront ended on")
            && gone.body.contains("the share with you was revoked"),
        "{}",
        gone.body
    );
    let stranger = app
        .signed_in_user("stranger@example.test", "a stranger's password")
        .await;
    let unknown = stranger
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(
        (unknown.status, unknown.body.contains("Storefront")),
        (404, false)
    );
    assert_eq!(
        rita.call("shares/list_shared_with_me", &[]).await.json(),
        serde_json::json!([])
    );
    let mails = app.smtp.wait_for(RITA, 3).await;
    assert!(
        mails
            .iter()
            .any(|m| m.subject == "Your access to Storefront has ended"),
        "{mails:?}"
    );
    assert_eq!(
        app.count(&active_keys).await,
        active_before,
        "the workspace's keys keep working until someone rotates them"
    );
    let hers = lines(&rita.call("shares/my_activity", &[]).await);
    assert_eq!(
        hers[0],
        "Alice Anders (Acme) ended your access to the project Storefront"
    );
}

#[tokio::test]
async fn a_recipient_never_shares_manages_or_sees_the_rest_of_the_workspace() {
    let app = spawn_demo_app().await;
    let (_alice, rita, storefront) = shared_with_rita(&app, "developer").await;
    let tax_rates: i64 = sqlx::query_scalar(
        "SELECT l.id FROM licences l JOIN packages p ON p.id = l.package_id WHERE p.name = 'ironledger/tax-rates'",
    )
    .fetch_one(&app.db.pool)
    .await
    .expect("licence");
    let attempts = [
        (
            "shares/share_project",
            vec![
                ("project_id", storefront.clone()),
                ("email", "friend@outside.test".to_owned()),
                ("role", "viewer".to_owned()),
            ],
            403,
        ),
        (
            "shares/list_shares",
            vec![
                ("project_id", storefront.clone()),
                ("search", String::new()),
                ("sort", "Added".to_owned()),
                ("descending", "true".to_owned()),
                ("page", "0".to_owned()),
            ],
            403,
        ),
        (
            "projects/attach_licence",
            vec![
                ("project_id", storefront.clone()),
                ("licence_id", tax_rates.to_string()),
            ],
            403,
        ),
        (
            "projects/rename_project",
            vec![
                ("project_id", storefront.clone()),
                ("name", "Mine".to_owned()),
            ],
            403,
        ),
        (
            "project_members/list_project_members",
            vec![
                ("project_id", storefront.clone()),
                ("search", String::new()),
                ("sort", "Name".to_owned()),
                ("descending", "false".to_owned()),
                ("page", "0".to_owned()),
            ],
            403,
        ),
    ];
    let mut bodies = Vec::new();
    for (path, args, want) in attempts {
        let form: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let answer = rita.call(path, &form).await;
        assert_eq!(answer.status, want, "{path}: {}", answer.body);
        bodies.push(answer.body);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_shares").await,
        1,
        "nothing was re-shared"
    );
    let other_projects: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM projects WHERE name <> 'Storefront'")
            .fetch_all(&app.db.pool)
            .await
            .expect("projects");
    for other in other_projects {
        let other = other.to_string();
        for path in [
            "projects/get_project",
            "keys/list_keys",
            "projects/project_activity",
        ] {
            let answer = rita.call(path, &[("project_id", &other)]).await;
            assert_eq!(answer.status, 404, "{path} {other}");
            bodies.push(answer.body);
        }
    }
    for path in [
        "projects/get_project",
        "keys/list_keys",
        "shares/list_shared_with_me",
        "shares/my_activity",
        "projects/list_projects",
        "billing/get_billing",
        "team/list_activity",
    ] {
        let answer = rita
            .call(path, &[("project_id", &storefront), ("page", "0")])
            .await;
        assert!(answer.status < 500, "{path}");
        bodies.push(answer.body);
    }
    for page in ["/projects", &format!("/projects/{storefront}"), "/org"] {
        bodies.push(rita.get(page).await.body);
    }
    for body in &bodies {
        for secret in BILLING_MARKERS.iter().chain(&[
            "Warehouse API",
            "Marketing site",
            "carol@acme.test",
            "Carol Chen",
            "Bob Brandt",
        ]) {
            assert!(!body.contains(secret), "a recipient saw {secret}: {body}");
        }
    }
}

#[tokio::test]
async fn resend_replaces_the_link_and_cancel_withdraws_it() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let share_id = share(&alice, &storefront, RITA, "viewer").await.json()["id"].to_string();
    let first = app.smtp.link_token(RITA, "/share?token=").await;
    let resent = alice
        .call(
            "shares/resend_share",
            &[("project_id", &storefront), ("share_id", &share_id)],
        )
        .await;
    resent.expect_status(200);
    app.smtp.wait_for(RITA, 2).await;
    let second = app.smtp.link_token(RITA, "/share?token=").await;
    assert_ne!(first, second);
    let anonymous = app.browser();
    let old = anonymous
        .call("shares/check_share_link", &[("token", &first)])
        .await;
    assert_eq!(
        old.json()["state"],
        "Invalid",
        "the old link stopped working"
    );
    let cancelled = alice
        .call(
            "shares/end_share",
            &[("project_id", &storefront), ("share_id", &share_id)],
        )
        .await;
    assert_eq!(cancelled.json()["was_active"], false);
    let withdrawn = anonymous
        .call("shares/check_share_link", &[("token", &second)])
        .await;
    assert_eq!(withdrawn.json()["state"], "Cancelled");
    assert_eq!(withdrawn.json()["project"], "", "a dead link tells nothing");
    let rita = app.signed_in_user(RITA, PASSWORD).await;
    assert_eq!(
        rita.call("shares/accept_share", &[("token", &second)])
            .await
            .status,
        409
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 0);
}

#[tokio::test]
async fn a_recipient_leaves_and_both_feeds_say_so() {
    let app = spawn_demo_app().await;
    let (alice, rita, storefront) = shared_with_rita(&app, "viewer").await;
    assert_eq!(
        rita.call("shares/leave_share", &[("project_id", &storefront)])
            .await
            .status,
        200
    );
    let gone = rita
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains("You left Storefront on"),
        "{}",
        gone.body
    );
    assert_eq!(
        rita.call("shares/leave_share", &[("project_id", &storefront)])
            .await
            .status,
        404
    );
    assert_eq!(
        lines(&rita.call("shares/my_activity", &[]).await)[0],
        "You left the project Storefront"
    );
    assert_eq!(
        lines(&alice.call("team/list_activity", &[("page", "0")]).await)[0],
        format!("Test User left the project, shared with {RITA}")
    );
}

#[tokio::test]
async fn shares_to_members_twice_or_with_bad_input_are_refused() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let member = share(&alice, &storefront, "Erin@Acme.test", "viewer").await;
    assert_eq!(member.status, 400);
    assert!(
        member
            .field_message("email")
            .is_some_and(|m| m.contains("is a member of Acme")),
        "{}",
        member.body
    );
    let bad = share(&alice, &storefront, "not an address", "owner").await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.field_message("email").is_some() && bad.field_message("role").is_some(),
        "{}",
        bad.body
    );
    share(&alice, &storefront, RITA, "viewer")
        .await
        .expect_status(200);
    let twice = share(&alice, &storefront, RITA, "developer").await;
    assert_eq!(twice.status, 400);
    assert_eq!(app.count("SELECT COUNT(*) FROM project_shares").await, 1);
    let carol = app.demo_user("carol").await;
    assert_eq!(
        share(&carol, &storefront, "x@outside.test", "viewer")
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn registering_through_the_link_verifies_the_address_and_accepts() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    share(&alice, &storefront, RITA, "viewer").await;
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    let rita = app.browser();
    let weak = rita
        .register_with_link("shares/register_with_share", &token, "Rita", "short")
        .await;
    assert_eq!(weak.status, 400);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'rita@outside.test'")
            .await,
        0
    );
    let joined = rita
        .register_with_link(
            "shares/register_with_share",
            &token,
            "Rita Recipient",
            PASSWORD,
        )
        .await;
    joined.expect_status(200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'rita@outside.test' AND email_verified_at IS NOT NULL").await,
        1
    );
    assert_eq!(
        rita.whoami().await.as_deref(),
        Some(RITA),
        "signed in at once"
    );
    let mine = rita.call("shares/list_shared_with_me", &[]).await.json();
    assert_eq!(mine[0]["name"], "Storefront");
    let again = app
        .browser()
        .register_with_link("shares/register_with_share", &token, "Mallory", PASSWORD)
        .await;
    assert_eq!(again.status, 409, "the link is used: {}", again.body);
}

#[tokio::test]
async fn changing_a_shares_role_applies_on_the_next_request_and_is_told_to_both_sides() {
    let app = spawn_demo_app().await;
    let (alice, rita, storefront) = shared_with_rita(&app, "viewer").await;
    assert_eq!(
        rita.call("keys/list_keys", &[("project_id", &storefront)])
            .await
            .status,
        403
    );
    let shares = newest_shares(&alice, &storefront).await;
    let share_id = shares[0]["id"].to_string();
    let changed = alice
        .call(
            "shares/change_share_role",
            &[
                ("project_id", &storefront),
                ("share_id", &share_id),
                ("role", "developer"),
            ],
        )
        .await;
    changed.expect_status(200);
    assert_eq!(changed.json()["role"], "Developer");
    assert_eq!(
        rita.call("keys/list_keys", &[("project_id", &storefront)])
            .await
            .status,
        200
    );
    let bad = alice
        .call(
            "shares/change_share_role",
            &[
                ("project_id", &storefront),
                ("share_id", &share_id),
                ("role", "owner"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400);
    let by_recipient = rita
        .call(
            "shares/change_share_role",
            &[
                ("project_id", &storefront),
                ("share_id", &share_id),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(by_recipient.status, 403, "a recipient cannot change shares");
    assert_eq!(
        lines(&rita.call("shares/my_activity", &[]).await)[0],
        "Alice Anders (Acme) changed your role on the project Storefront"
    );
    assert_eq!(
        lines(&alice.call("team/list_activity", &[("page", "0")]).await)[0],
        format!("Alice Anders changed the share role of {RITA}")
    );
}

#[tokio::test]
async fn a_revoke_racing_an_accept_never_leaves_access_behind() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    for round in 0..3 {
        let email = format!("racer{round}@outside.test");
        let share_id = share(&alice, &storefront, &email, "viewer").await.json()["id"].to_string();
        let token = app.smtp.link_token(&email, "/share?token=").await;
        let racer = app.signed_in_user(&email, PASSWORD).await;
        let accept = [("token", token.as_str())];
        let end = [
            ("project_id", storefront.as_str()),
            ("share_id", share_id.as_str()),
        ];
        let (accepted, ended) = tokio::join!(
            racer.call("shares/accept_share", &accept),
            alice.call("shares/end_share", &end),
        );
        ended.expect_status(200);
        assert!(matches!(accepted.status, 200 | 409), "{}", accepted.body);
        if accepted.status == 409 {
            // The accept lost to the cancel: it says so, not "already accepted".
            assert!(accepted.body.contains("cancelled"), "{}", accepted.body);
            assert!(
                !accepted.body.contains("already accepted"),
                "{}",
                accepted.body
            );
        }
        let access = racer
            .call("projects/get_project", &[("project_id", &storefront)])
            .await;
        assert_eq!(
            access.status, 404,
            "round {round}: the share ended, so no access remains"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM project_grants").await, 0);

    // Someone without an account registering through a cancelled share's link is
    // told it was cancelled.
    let email = "late-newcomer@outside.test";
    let share_id = share(&alice, &storefront, email, "viewer").await.json()["id"].to_string();
    let token = app.smtp.link_token(email, "/share?token=").await;
    let end = [
        ("project_id", storefront.as_str()),
        ("share_id", share_id.as_str()),
    ];
    alice
        .call("shares/end_share", &end)
        .await
        .expect_status(200);
    let answer = app
        .browser()
        .register_with_link("shares/register_with_share", &token, "Late", PASSWORD)
        .await;
    answer.expect_status(409);
    assert!(
        answer.body.contains("cancelled before it was accepted"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn five_thousand_shares_are_searched_sorted_and_paged_on_the_server() {
    let app = spawn_demo_app().await;
    let warehouse = app.project_id("Warehouse API").await;
    let project_id: i64 = warehouse.parse().expect("id");
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) \
         INSERT INTO project_shares (project_id, email, role, token_hash, created_at, expires_at) \
         SELECT $1, 'guest' || substr('0000' || i, length('0000' || i) - 3, 4) || '@outside.test', \
         CASE WHEN i % 7 = 0 THEN 'developer' ELSE 'viewer' END, 'digest-' || i, i, i + 100 FROM n",
    )
    .bind(project_id)
    .execute(&app.db.pool)
    .await
    .expect("shares");
    let alice = app.demo_user("alice").await;
    let emails = |page: &serde_json::Value| -> Vec<String> {
        page["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["email"].as_str().unwrap_or("").to_owned())
            .collect()
    };

    let newest = share_page(&alice, &warehouse, "", "Added", true, 0).await;
    assert_eq!(newest["total"], 5000);
    assert_eq!(emails(&newest).len(), 50);
    assert_eq!(emails(&newest)[0], "guest5000@outside.test");

    let found = share_page(&alice, &warehouse, "GUEST4321@", "Person", false, 0).await;
    assert_eq!(found["total"], 1);
    assert_eq!(emails(&found), ["guest4321@outside.test"]);

    let by_person = share_page(&alice, &warehouse, "", "Person", false, 0).await;
    assert_eq!(
        emails(&by_person)[..3],
        [
            "guest0001@outside.test",
            "guest0002@outside.test",
            "guest0003@outside.test"
        ]
    );
    let last = share_page(&alice, &warehouse, "", "Person", true, 0).await;
    assert_eq!(emails(&last)[0], "guest5000@outside.test");

    let developers_first = share_page(&alice, &warehouse, "", "Access", true, 0).await;
    assert!(
        developers_first["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["role"] == "Developer"),
        "{developers_first}"
    );

    // A page past the end shows the last one: 5,000 rows make pages 0 to 99.
    let beyond = share_page(&alice, &warehouse, "", "Added", false, 500).await;
    assert_eq!(beyond["page"], 99);
    assert_eq!(emails(&beyond).len(), 50);
    assert_eq!(emails(&beyond)[49], "guest5000@outside.test");

    // The project's card counts them and names the first three by address.
    let list = alice.call("projects/list_projects", &[]).await;
    let cards: serde_json::Value = serde_json::from_str(&list.body).expect("json");
    let card = cards["projects"]
        .as_array()
        .expect("cards")
        .iter()
        .find(|card| card["name"] == "Warehouse API")
        .expect("the card");
    assert_eq!(card["shared_with"], 5000);
    assert_eq!(
        card["shared_names"],
        serde_json::json!([
            "guest0001@outside.test",
            "guest0002@outside.test",
            "guest0003@outside.test"
        ])
    );
}

#[tokio::test]
async fn an_owner_previews_the_project_as_a_recipient_would_see_it() {
    let app = spawn_demo_app().await;
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Storefront'")
        .fetch_one(&app.db.pool)
        .await
        .expect("Storefront");
    let alice = app.demo_user("alice").await;
    let dialog = alice
        .get(&format!("/projects/{project}?share={project}"))
        .await;
    assert!(
        dialog.body.contains(
            "A viewer sees this project, its licences and install commands, never an access key"
        ),
        "the dialog says what the role can do"
    );
    assert!(
        dialog
            .body
            .contains(&format!("/projects/{project}?preview=viewer"))
    );

    let viewer = alice
        .get(&format!("/projects/{project}?preview=viewer"))
        .await;
    assert_eq!(viewer.status, 200);
    assert!(
        viewer
            .body
            .contains("Preview: the project as a viewer from outside the workspace sees it.")
    );
    assert!(viewer.body.contains(" · their access: "));
    assert!(
        viewer.body.contains("northwind/payment-gateway"),
        "its licences"
    );
    for absent in [
        "Production deploy",
        "Search licences",
        "Mint key",
        "Share project",
        "/members",
        "project-activity-heading",
        "pkgt_",
    ] {
        assert!(
            !viewer.body.contains(absent),
            "a viewer recipient never sees {absent}"
        );
    }

    let developer = alice
        .get(&format!("/projects/{project}?preview=developer"))
        .await;
    assert!(
        developer.body.contains("Production deploy"),
        "a developer lists the keys"
    );
    assert!(
        developer.body.contains("A member of the workspace"),
        "minters unnamed"
    );
    // Bob and Carol minted them; a recipient never learns who.
    for absent in [
        "Mint key",
        "aria-label=\"Deactivate",
        "pkgt_",
        "Bob Brandt",
        "Carol Chen",
    ] {
        assert!(
            !developer.body.contains(absent),
            "the preview holds no {absent}"
        );
    }

    let carol = app.demo_user("carol").await;
    let refused = carol
        .call(
            "projects/get_project",
            &[("project_id", &project.to_string()), ("preview", "viewer")],
        )
        .await;
    assert_eq!(refused.status, 403, "only those who share may preview");
    let wrong = alice
        .call(
            "projects/get_project",
            &[("project_id", &project.to_string()), ("preview", "admin")],
        )
        .await;
    wrong.expect_status(400);
}
