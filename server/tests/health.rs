//! The load balancer's probes: `/healthz` and `/readyz` answer without a session and
//! reveal one word; readiness follows the database's migrations; SIGTERM stops the
//! binary cleanly.

use crate::support::process::{ServerProcess, free_port};
use crate::support::{TestDb, spawn_app};

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
    let status = server.terminate().await;
    assert_eq!(
        status.code(),
        Some(0),
        "{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    assert!(
        reqwest::get(&readyz).await.is_err(),
        "the listener is closed"
    );
}
