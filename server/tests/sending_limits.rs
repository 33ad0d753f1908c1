//! Invitations and shares are limited per sender and per workspace over any hour; the
//! count lives in the database, so a second server enforces the same limit. On the
//! demo data, on both databases.

use crate::support::{Answer, Browser, TestApp, spawn_demo_app, start_server_with};
use app::core::sending_limit::{PER_SENDER, PER_WORKSPACE};

/// Records `count` invitations sent by `email` ten minutes ago in Acme's feed, as if
/// they had been sent through the app.
async fn sent_earlier(app: &TestApp, email: &str, count: i64) {
    let now = app.clock.now();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO activity (workspace_id, actor_id, action, subject, detail, created_at) \
         SELECT w.id, u.id, 'invited', 'someone' || n.i || '@example.com', 'viewer', $2 \
         FROM n, workspaces w, users u WHERE w.name = 'Acme' AND u.email = $3",
    )
    .bind(count)
    .bind(now - 600)
    .bind(email)
    .execute(&app.db.pool)
    .await
    .expect("earlier invitations");
}

async fn invite(who: &Browser, email: &str) -> Answer {
    who.call(
        "team/invite_member",
        &[("email", email), ("role", "viewer")],
    )
    .await
}

async fn storefront(app: &TestApp) -> String {
    app.count("SELECT id FROM projects WHERE name = 'Storefront'")
        .await
        .to_string()
}

#[tokio::test]
async fn a_sender_at_the_limit_is_told_when_to_try_again_on_every_server() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let bob = app.demo_user("bob").await;
    sent_earlier(&app, "alice@acme.test", PER_SENDER - 1).await;
    invite(&alice, "last@example.com").await.expect_status(200);

    let invites = app.count("SELECT COUNT(*) FROM invites").await;
    let mails = app.count("SELECT COUNT(*) FROM outbox").await;
    let refused = invite(&alice, "one-more@example.com").await;
    refused.expect_status(429);
    assert!(
        refused.body.contains("Try again in 50 minutes"),
        "{}",
        refused.body
    );
    let storefront = storefront(&app).await;
    let share = alice
        .call(
            "shares/share_project",
            &[
                ("project_id", &storefront),
                ("email", "guest@outside.test"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(share.status, 429, "shares count too: {}", share.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM invites").await, invites);
    assert_eq!(app.count("SELECT COUNT(*) FROM project_shares").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox").await,
        mails,
        "no email queued"
    );

    // A second server on the same database counts the same rows.
    let second = start_server_with(&app.db.url, app.smtp.port, false).await;
    let elsewhere = Browser::with_origin(&second, &second);
    elsewhere
        .sign_in("alice@acme.test", server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(
        invite(&elsewhere, "elsewhere@example.com").await.status,
        429
    );

    // The limit is per sender: bob may still invite.
    invite(&bob, "from-bob@example.com")
        .await
        .expect_status(200);
}

#[tokio::test]
async fn a_workspace_at_its_limit_refuses_every_sender() {
    let app = spawn_demo_app().await;
    let bob = app.demo_user("bob").await;
    for (email, count) in [
        ("alice@acme.test", PER_SENDER - 1),
        ("carol@acme.test", PER_SENDER - 1),
        ("dave@acme.test", PER_SENDER - 1),
        ("erin@acme.test", PER_WORKSPACE - 3 * (PER_SENDER - 1)),
    ] {
        sent_earlier(&app, email, count).await;
    }
    let refused = invite(&bob, "from-bob@example.com").await;
    refused.expect_status(429);
    assert!(
        refused.body.contains("This workspace has sent"),
        "{}",
        refused.body
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE email = 'from-bob@example.com'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sends_at_the_same_moment_through_two_servers_never_pass_the_limit() {
    let app = spawn_demo_app().await;
    let second = start_server_with(&app.db.url, app.smtp.port, false).await;
    let here = app.demo_user("alice").await;
    let there = Browser::with_origin(&second, &second);
    there
        .sign_in("alice@acme.test", server::seed::DEMO_PASSWORD)
        .await;
    const LEFT: i64 = 3;
    sent_earlier(&app, "alice@acme.test", PER_SENDER - LEFT).await;
    let projects: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM projects p JOIN workspaces w ON w.id = p.workspace_id \
         WHERE w.name = 'Acme' AND p.deleted_at IS NULL ORDER BY p.id",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("projects");

    // Invites through one server and shares of each project through the other, all
    // at once: the workspace's row lock makes them count one after another.
    let mut sends = tokio::task::JoinSet::new();
    for n in 0..10 {
        let browser = if n % 2 == 0 {
            here.on_other_server(&app.base_url)
        } else {
            there.on_other_server(&second)
        };
        let project = projects[n % projects.len()].to_string();
        sends.spawn(async move {
            let email = format!("rush{n}@example.com");
            let answer = if n % 4 < 2 {
                invite(&browser, &email).await
            } else {
                let form = [
                    ("project_id", project.as_str()),
                    ("email", &email),
                    ("role", "viewer"),
                ];
                browser.call("shares/share_project", &form).await
            };
            answer.status
        });
    }
    let statuses = sends.join_all().await;
    let sent = statuses.iter().filter(|status| **status == 200).count();
    assert_eq!(usize::try_from(LEFT).ok(), Some(sent), "{statuses:?}");
    assert!(
        statuses.iter().all(|status| [200, 429].contains(status)),
        "{statuses:?}"
    );
}
