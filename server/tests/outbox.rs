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
        assert_eq!(answer.status, 200, "{}", answer.body);
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
