//! Sign-in, registration, invites and shares answer the same, in body and in time,
//! whether an address has an account or not.

use crate::support::{Answer, TestApp, spawn_demo_app};
use std::future::Future;
use std::time::{Duration, Instant};

/// Tries per kind of address.
const TRIES: usize = 20;

/// Twenty addresses with an account, none of them in Globex.
async fn known_addresses(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT email FROM users WHERE email LIKE '%@members.acme.test' ORDER BY id LIMIT 20",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("generated members")
}

/// Twenty addresses nobody registered.
fn unknown_addresses() -> Vec<String> {
    (0..TRIES)
        .map(|i| format!("nobody.{i:04}@members.acme.test.example"))
        .collect()
}

/// What an answer says once the address it names is taken out.
fn without_address(answer: &Answer, address: &str) -> (u16, serde_json::Value) {
    let mut body = serde_json::from_str(&answer.body.replace(address, "ADDRESS"))
        .unwrap_or(serde_json::Value::Null);
    if let Some(row) = body.as_object_mut() {
        // The row's own id and timestamps differ between any two requests.
        for key in ["id", "created_at", "expires_at"] {
            row.remove(key);
        }
    }
    (answer.status, body)
}

/// The median of some durations.
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Runs `attempt` for each known and each unknown address, alternating, and checks
/// that every answer is the same and that the medians of the times are close.
async fn answers_alike<F, Fut>(app: &TestApp, what: &str, attempt: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Answer>,
{
    let (known, unknown) = (known_addresses(app).await, unknown_addresses());
    assert_eq!(known.len(), TRIES);
    let (mut known_times, mut unknown_times) = (Vec::new(), Vec::new());
    let mut first = None;
    for (known, unknown) in known.iter().zip(&unknown) {
        for (address, times) in [(known, &mut known_times), (unknown, &mut unknown_times)] {
            // The sign-in throttle is tested elsewhere; here it would only hide the work.
            for throttle in ["sign_in_failures", "request_counts"] {
                sqlx::query(&format!("DELETE FROM {throttle}"))
                    .execute(&app.db.pool)
                    .await
                    .expect("clear the throttle");
            }
            let started = Instant::now();
            let answer = attempt(address.clone()).await;
            times.push(started.elapsed());
            let seen = without_address(&answer, address);
            let expected = first.get_or_insert_with(|| seen.clone());
            assert_eq!(&seen, expected, "{what} for {address}: {}", answer.body);
        }
    }
    let (known, unknown) = (median(known_times), median(unknown_times));
    let (fast, slow) = (known.min(unknown), known.max(unknown));
    assert!(
        slow <= fast * 3 / 2 + Duration::from_millis(5),
        "{what}: median {known:?} for known addresses, {unknown:?} for unknown ones"
    );
}

#[tokio::test]
async fn sign_in_answers_alike_for_known_and_unknown_addresses() {
    let app = spawn_demo_app().await;
    let browser = app.browser();
    answers_alike(&app, "sign-in", |email| {
        let browser = browser.clone();
        async move {
            browser
                .call(
                    "auth/sign_in",
                    &[("email", &email), ("password", "not the password")],
                )
                .await
        }
    })
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn registration_answers_alike_for_known_and_unknown_addresses() {
    let app = spawn_demo_app().await;
    let users = app.count("SELECT COUNT(*) FROM users").await;
    let browser = app.browser();
    answers_alike(&app, "registration", |email| {
        let browser = browser.clone();
        async move {
            browser
                .register(&email, "Someone", "a long enough password")
                .await
        }
    })
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations").await,
        20,
        "only the unknown addresses wait to be verified"
    );
}

#[tokio::test]
async fn password_resets_answer_alike_for_known_and_unknown_addresses() {
    let app = spawn_demo_app().await;
    let browser = app.browser();
    answers_alike(&app, "password reset", |email| {
        let browser = browser.clone();
        async move {
            browser
                .call("account/request_password_reset", &[("email", &email)])
                .await
        }
    })
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM password_resets").await,
        20,
        "only the addresses with an account got a link"
    );
}

#[tokio::test]
async fn invites_answer_alike_for_known_and_unknown_addresses() {
    let app = spawn_demo_app().await;
    let frank = app.demo_user("frank").await;
    answers_alike(&app, "invite", |email| {
        let frank = frank.clone();
        async move {
            frank
                .call(
                    "team/invite_member",
                    &[("email", &email), ("role", "viewer")],
                )
                .await
        }
    })
    .await;
}

#[tokio::test]
async fn shares_answer_alike_for_known_and_unknown_addresses() {
    let app = spawn_demo_app().await;
    let portal = app.project_id("Globex Portal").await;
    let frank = app.demo_user("frank").await;
    answers_alike(&app, "share", |email| {
        let (frank, portal) = (frank.clone(), portal.clone());
        async move {
            frank
                .call(
                    "shares/share_project",
                    &[
                        ("project_id", &portal),
                        ("email", &email),
                        ("role", "viewer"),
                    ],
                )
                .await
        }
    })
    .await;
}
