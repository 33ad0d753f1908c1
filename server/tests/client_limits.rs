//! Sign-in limits per client behind a proxy: the client is read from forwarding
//! headers only when they come from a trusted proxy, and one client's failures slow
//! its attempts down without locking out someone who knows their password.

use crate::support::{Browser, TestApp, spawn_configured_app};
use server::client_address::TrustedProxies;

const PASSWORD: &str = "the right password";

/// A server that trusts the proxy at 127.0.0.1 (where the tests connect from).
async fn behind_a_proxy() -> TestApp {
    spawn_configured_app(|config| {
        config.trusted_proxies = TrustedProxies::parse("127.0.0.1").expect("valid");
    })
    .await
}

async fn fail_thirty_times(client: &Browser) {
    for i in 0..30 {
        let email = format!("guess{i}@example.test");
        let answer = client
            .call(
                "auth/sign_in",
                &[("email", &email), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(answer.status, 400, "attempt {i}: {}", answer.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failures_behind_a_proxy_do_not_lock_out_a_person_with_the_right_password() {
    let app = behind_a_proxy().await;
    app.signed_in_user("alice@example.test", PASSWORD).await;
    let stuffer = app.browser().forwarded_for("203.0.113.66");
    fail_thirty_times(&stuffer).await;
    let subjects: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT subject FROM sign_in_failures WHERE subject LIKE 'client:%'",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("subjects");
    assert_eq!(
        subjects,
        ["client:203.0.113.66"],
        "the forwarded client is counted"
    );

    // Alice, behind the same address, still signs in (after waiting her turn).
    let alice = app.browser().forwarded_for("203.0.113.66");
    alice.sign_in("alice@example.test", PASSWORD).await;
    assert_eq!(alice.whoami().await.as_deref(), Some("alice@example.test"));

    // Credential stuffing from that address is checked one attempt at a time: of
    // fifteen at once, those that would wait more than ten seconds are refused.
    let attempts = (0..15).map(|i| {
        let stuffer = stuffer.clone();
        async move {
            let email = format!("more{i}@example.test");
            stuffer
                .call(
                    "auth/sign_in",
                    &[("email", email.as_str()), ("password", "guess guess guess")],
                )
                .await
        }
    });
    let answers = futures_join_all(attempts).await;
    let refused = answers.iter().filter(|a| a.status == 429).count();
    let checked = answers.iter().filter(|a| a.status == 400).count();
    assert_eq!(refused + checked, 15, "{answers:?}");
    assert!(refused >= 3, "only {refused} of 15 refused: {answers:?}");
    assert!(
        answers
            .iter()
            .filter(|a| a.status == 429)
            .all(|a| a.body.contains("failed from your network")),
        "{answers:?}"
    );

    // Another address behind the proxy is not slowed at all.
    let neighbour = app.browser().forwarded_for("198.51.100.7");
    let answer = neighbour
        .call(
            "auth/sign_in",
            &[("email", "alice@example.test"), ("password", PASSWORD)],
        )
        .await;
    answer.expect_status(200);
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
    let app = crate::support::spawn_app().await;
    let spoofing = app.browser().forwarded_for("192.0.2.99");
    let answer = spoofing
        .call(
            "auth/sign_in",
            &[
                ("email", "x@example.test"),
                ("password", "guess guess guess"),
            ],
        )
        .await;
    assert_eq!(answer.status, 400);
    let subjects: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM sign_in_failures WHERE subject LIKE 'client:%'")
            .fetch_all(&app.db.pool)
            .await
            .expect("subjects");
    assert_eq!(subjects, ["client:127.0.0.1"], "the peer, not the header");
}

/// Runs the futures at once, each on a task of its own, and returns their outputs.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for task in tasks {
        outputs.push(task.await.expect("task"));
    }
    outputs
}
