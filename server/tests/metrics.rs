//! Prometheus metrics on their own address: scraped after a few requests, they count
//! them by route template and status, time them, count server-function calls and
//! mail sent, and read the outbox, the sessions and the pool (with the calls waiting
//! for a connection); the public address has no metrics.

use crate::support::process::{ServerProcess, free_port};
use crate::support::{Browser, TestDb, test_config};
use app::server::store::Store;
use std::time::Duration;

/// The value of the sample `name{labels}` in `text`, if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_calls_and_mail_on_their_own_address() {
    let db = TestDb::create().await;
    let folder = tempfile::tempdir().expect("folder");
    let metrics_port = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let server = ServerProcess::start(
        free_port(),
        &[
            ("DATABASE_URL", db.url.as_str()),
            ("METRICS_ADDR", metrics_addr.as_str()),
        ],
        &folder.path().join("server.log"),
    )
    .await;
    let base = server.base_url.clone();
    let visitor = Browser::with_origin(&base, &base);
    for _ in 0..3 {
        visitor.get("/projects/42").await.expect_status(200);
    }
    let registered = visitor
        .register(
            "metrics@example.test",
            "Mia Metrics",
            "a long enough password",
        )
        .await;
    registered.expect_status(200);
    assert_eq!(
        visitor.get("/metrics").await.status,
        404,
        "not on the public address"
    );

    let scrape = || async {
        reqwest::get(format!("http://{metrics_addr}/metrics"))
            .await
            .expect("scrape")
            .text()
            .await
            .expect("body")
    };
    // The verification mail is sent by the worker shortly, and marked sent.
    let mut text = scrape().await;
    for _ in 0..50 {
        let sent = sample(&text, "packagento_mails_sent_total").is_some();
        if sent && sample(&text, "packagento_outbox_depth") == Some(0.0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        text = scrape().await;
    }
    let page = "packagento_http_requests_total{route=\"/projects/{id}\",status=\"200\"}";
    assert_eq!(sample(&text, page), Some(3.0), "{text}");
    assert!(
        sample(
            &text,
            "packagento_http_request_duration_seconds_count{route=\"/projects/{id}\"}"
        ) == Some(3.0),
        "{text}"
    );
    assert!(
        text.contains(
            "packagento_http_request_duration_seconds_bucket{route=\"/projects/{id}\",le=\"0.1\"}"
        ),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "packagento_server_function_calls_total{function=\"auth/register\",status=\"200\"}"
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "packagento_mails_sent_total"),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "packagento_outbox_depth"),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "packagento_sessions_active"),
        Some(0.0),
        "{text}"
    );
    assert!(
        sample(&text, "packagento_db_connections{state=\"idle\"}").is_some(),
        "{text}"
    );
    // A live gauge: the mail worker may be waiting for a connection as it is read.
    assert!(
        sample(&text, "packagento_db_pool_waiting").is_some(),
        "{text}"
    );
    assert!(
        !text.contains("/projects/42"),
        "no path with its id: {text}"
    );
    server.stop().await;
}

/// Waits until the store counts `expected` calls waiting for a connection.
async fn until_waiting(store: &Store, expected: usize) {
    for _ in 0..200 {
        if store.waiting_for_connection() == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "{} waiting, expected {expected}",
        store.waiting_for_connection()
    );
}

/// With every connection of the pool held, a call of the store waits and is counted
/// until a connection comes back; a wait given up is no longer counted.
#[tokio::test]
async fn calls_waiting_for_a_connection_are_counted() {
    let db = TestDb::create().await;
    let config = test_config(&db.url, "http://127.0.0.1", free_port());
    let store = server::startup::connect(&config).await.expect("store");
    let pool = store.pool();
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        held.push(pool.acquire().await.expect("a connection"));
    }
    assert_eq!(store.waiting_for_connection(), 0);

    let reader = store.clone();
    let call = tokio::spawn(async move { reader.active_sessions(0).await });
    until_waiting(&store, 1).await;
    let given_up = store.clone();
    let abandoned = tokio::spawn(async move { given_up.active_sessions(0).await });
    until_waiting(&store, 2).await;
    abandoned.abort();
    until_waiting(&store, 1).await;

    held.pop();
    call.await
        .expect("joined")
        .expect("answered once a connection is free");
    assert_eq!(store.waiting_for_connection(), 0);
}
