//! The email outbox: nothing lost while SMTP is down, nothing sent twice by two servers.

use crate::support::{Browser, spawn_app, start_server};

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn mail_queued_while_smtp_is_down_arrives_once_it_is_back() {
    let mut app = spawn_app().await;
    app.smtp.stop();
    let answer = app
        .browser()
        .register("patient@example.com", "P", PASSWORD)
        .await;
    assert_eq!(answer.status, 200, "registration does not wait for SMTP");
    // Let the worker fail at least once, then bring the server back.
    for _ in 0..100 {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE attempts > 0 AND last_error IS NOT NULL")
            .await
            > 0
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL")
            .await,
        1
    );
    app.smtp.resume().await;

    let mails = app.smtp.wait_for("patient@example.com", 1).await;
    assert!(mails[0].text.contains("/verify-email?token="));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_send_each_email_once() {
    let app = spawn_app().await;
    let second = start_server(&app.db.url, app.smtp.port).await;
    let servers = [app.base_url.clone(), second];
    let count = 12;
    for i in 0..count {
        let browser = Browser::with_origin(&servers[i % 2], &servers[i % 2]);
        let email = format!("user{i}@example.com");
        let answer = browser.register(&email, "U", PASSWORD).await;
        answer.expect_status(200);
    }
    for _ in 0..300 {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await
            == count as i64
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Give a duplicate send, if any, the time to arrive.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let mails = app.smtp.messages();
    assert_eq!(mails.len(), count, "one mail per registration");
    let mut ids: Vec<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "distinct Message-IDs");
}

/// Every text value of every table of the test database, in one list.
async fn every_text_in_the_database(app: &crate::support::TestApp) -> Vec<String> {
    use sqlx::{Column, Row};
    let tables: Vec<String> = if crate::support::postgres_selected() {
        sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_all(&app.db.pool)
        .await
    } else {
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&app.db.pool)
            .await
    }
    .expect("tables");
    let mut texts = Vec::new();
    for table in tables {
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(&app.db.pool)
            .await
            .unwrap_or_default();
        for row in &rows {
            for column in row.columns() {
                if let Ok(Some(text)) = row.try_get::<Option<String>, _>(column.ordinal()) {
                    texts.push(text);
                }
            }
        }
    }
    texts
}

#[tokio::test]
async fn once_sent_no_text_in_the_database_opens_an_emailed_link() {
    let app = crate::support::spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let storefront = app.project_id("Storefront").await;
    let sends: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "team/invite_member",
            vec![("email", "invited@example.test"), ("role", "viewer")],
        ),
        (
            "shares/share_project",
            vec![
                ("project_id", &storefront),
                ("email", "shared@example.test"),
                ("role", "viewer"),
            ],
        ),
        (
            "account/request_password_reset",
            vec![("email", "carol@acme.test")],
        ),
    ];
    for (path, form) in &sends {
        let answer = alice.call(path, form).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    }
    app.browser()
        .register("new@example.test", "New", PASSWORD)
        .await;
    let tokens = [
        app.smtp
            .link_token("invited@example.test", "/invite?token=")
            .await,
        app.smtp
            .link_token("shared@example.test", "/share?token=")
            .await,
        app.smtp
            .link_token("carol@acme.test", "/reset-password?token=")
            .await,
        app.smtp
            .link_token("new@example.test", "/verify-email?token=")
            .await,
    ];
    for _ in 0..100 {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
            .await
            == 0
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let texts = every_text_in_the_database(&app).await;
    assert!(
        texts.len() > 1000,
        "the dump read the database: {}",
        texts.len()
    );
    for token in &tokens {
        assert!(
            !texts.iter().any(|text| text.contains(token.as_str())),
            "a link token is readable in the database"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE recipient = 'invited@example.test' AND kind = 'invite' AND sent_at IS NOT NULL AND message_id <> ''")
            .await,
        1,
        "the row keeps its metadata"
    );
    // The links still work: nothing of them was needed from the outbox.
    let page = app
        .browser()
        .get(&format!("/reset-password?token={}", tokens[2]))
        .await;
    assert!(page.body.contains("Set new password"), "{}", page.body);
}
