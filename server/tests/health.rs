//! The load balancer's probes: `/healthz` and `/readyz` answer without a session and
//! reveal one word; readiness follows the database's migrations; SIGTERM stops the
//! binary cleanly, after the requests in flight.

use crate::support::mail::SmtpServer;
use crate::support::process::{ServerProcess, free_port, wait_for_line};
use crate::support::{Browser, TestDb, spawn_app};

/// Sends `server` SIGTERM and checks that it exits 0 (showing its `log` if not).
async fn terminate_cleanly(server: ServerProcess, log: &std::path::Path) {
    let status = server.terminate().await;
    assert_eq!(
        status.code(),
        Some(0),
        "{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// Fetches `url` and returns its status, body and whether it set a cookie.
async fn probe(url: &str) -> (u16, String, bool) {
    let answer = reqwest::get(url).await.expect("request");
    let status = answer.status().as_u16();
    let cookie = answer.headers().contains_key("set-cookie");
    (status, answer.text().await.expect("body"), cookie)
}

#[tokio::test]
async fn the_probes_answer_without_a_session_and_readiness_follows_the_migrations() {
    let app = spawn_app().await;
    let healthz = format!("{}/healthz", app.base_url);
    let readyz = format!("{}/readyz", app.base_url);
    assert_eq!(probe(&healthz).await, (200, "ok\n".to_owned(), false));
    assert_eq!(probe(&readyz).await, (200, "ready\n".to_owned(), false));

    // A database migrated by a newer binary is not this server's to serve.
    sqlx::query(
        "UPDATE _sqlx_migrations SET version = 99999 \
         WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(&app.db.pool)
    .await
    .expect("pretend a newer migration");
    assert_eq!(
        probe(&readyz).await,
        (503, "migrations differ\n".to_owned(), false)
    );
    assert_eq!(probe(&healthz).await.0, 200, "the process still answers");
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly() {
    let db = TestDb::create().await;
    let logs = tempfile::tempdir().expect("folder");
    let log = logs.path().join("server.log");
    let server = ServerProcess::start(free_port(), &[("DATABASE_URL", &db.url)], &log).await;
    let readyz = format!("{}/readyz", server.base_url);
    assert_eq!(probe(&readyz).await.0, 200);
    terminate_cleanly(server, &log).await;
    assert!(
        reqwest::get(&readyz).await.is_err(),
        "the listener is closed"
    );
}

/// A server on a fresh database with the demo data, its rotations held at the fault
/// point as `hold` says, and carol's rotation of a Storefront key sent and held
/// there; SIGTERM is then sent. Returns the request's status (`None`: no answer),
/// the exit code and whether the rotation was committed.
async fn sigterm_during_a_rotation(env: &[(&str, &str)]) -> (Option<u16>, Option<i32>, bool) {
    let db = TestDb::create().await;
    let logs = tempfile::tempdir().expect("folder");
    let log = logs.path().join("server.log");
    let mut all = vec![
        ("DATABASE_URL", db.url.as_str()),
        ("DEMO_DATA", "1"),
        ("PACKAGENTO_FAULT_POINT", "rotate_key"),
    ];
    all.extend_from_slice(env);
    let server = ServerProcess::start(free_port(), &all, &log).await;
    let (key_id, project_id): (i64, i64) = sqlx::query_as(
        "SELECT t.id, t.project_id FROM project_tokens t JOIN projects p ON p.id = t.project_id \
         WHERE p.name = 'Storefront' AND t.deactivated_at IS NULL ORDER BY t.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("a key of Storefront");
    let carol = Browser::with_origin(&server.base_url, &server.base_url);
    carol
        .sign_in("carol@acme.test", server::seed::DEMO_PASSWORD)
        .await;
    let rotation = tokio::spawn(async move {
        carol
            .try_call(
                "keys/rotate_key",
                &[
                    ("project_id", &project_id.to_string()),
                    ("key_id", &key_id.to_string()),
                ],
            )
            .await
            .map(|answer| answer.status)
    });
    wait_for_line(&log, "fault point reached").await;
    let exit = server.terminate().await.code();
    let answered = rotation.await.expect("request task").ok();
    let rotated: Option<i64> =
        sqlx::query_scalar("SELECT rotated_at FROM project_tokens WHERE id = $1")
            .bind(key_id)
            .fetch_one(&db.pool)
            .await
            .expect("the key");
    (answered, exit, rotated.is_some())
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_before_the_server_exits() {
    // Rotating a key takes two seconds in this process.
    let (answered, exit, rotated) =
        sigterm_during_a_rotation(&[("PACKAGENTO_FAULT_HOLD_MS", "2000")]).await;
    assert_eq!(answered, Some(200), "the rotation in flight finished");
    assert!(rotated, "the rotation was committed");
    assert_eq!(exit, Some(0));
}

#[tokio::test]
async fn a_request_that_outlives_the_shutdown_deadline_is_cut_and_changes_nothing() {
    // The rotation never finishes; the server waits one second for it.
    let (answered, exit, rotated) = sigterm_during_a_rotation(&[("SHUTDOWN_SECONDS", "1")]).await;
    assert_eq!(answered, None, "the held request got no answer");
    assert!(!rotated, "its transaction was never committed");
    assert_eq!(exit, Some(0));
}

#[tokio::test]
async fn sigterm_during_a_mail_send_lets_it_finish_once_and_exits_0() {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let logs = tempfile::tempdir().expect("folder");
    let log = logs.path().join("server.log");
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("SMTP_URL", smtp_url.as_str()),
        ("PACKAGENTO_FAULT_POINT", "send_mail"),
        ("PACKAGENTO_FAULT_HOLD_MS", "1500"),
    ];
    let server = ServerProcess::start(free_port(), &env, &log).await;
    let browser = Browser::with_origin(&server.base_url, &server.base_url);
    let registered = browser
        .register(
            "stopping@example.test",
            "Sam Stop",
            "a long enough password",
        )
        .await;
    registered.expect_status(200);
    // The worker holds the verification mail between its claim and SMTP; the server
    // is asked to stop then.
    wait_for_line(&log, "fault point reached").await;
    terminate_cleanly(server, &log).await;
    let sent = |smtp: &SmtpServer| {
        smtp.messages()
            .iter()
            .filter(|mail| mail.to == "stopping@example.test")
            .count()
    };
    assert_eq!(sent(&smtp), 1, "the mail being sent was finished");
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&db.pool)
        .await
        .expect("outbox");
    assert_eq!(unsent, 0, "and recorded as sent");
    // A server started on the same database sends nothing again.
    let again = ServerProcess::start(
        free_port(),
        &[
            ("DATABASE_URL", db.url.as_str()),
            ("SMTP_URL", smtp_url.as_str()),
        ],
        &logs.path().join("again.log"),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(sent(&smtp), 1, "sent exactly once");
    again.stop().await;
}
