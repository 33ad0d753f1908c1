//! Accounts end to end over HTTP: registration, verification, sign-in, sign-out.

use crate::support::spawn_app;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn registration_emails_a_link_that_verifies_once() {
    let app = spawn_app().await;
    let browser = app.browser();
    let answer = browser.register(" Zoe@Example.COM ", "Zoë", PASSWORD).await;
    answer.expect_status(200);

    let mail = &app.smtp.wait_for("zoe@example.com", 1).await[0];
    assert!(mail.subject.contains("Verify"), "{}", mail.subject);
    assert!(
        mail.text
            .contains(&format!("{}/verify-email?token=", app.base_url)),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("Hello Zoë,"), "{}", mail.html);
    let token = app
        .smtp
        .link_token("zoe@example.com", "/verify-email?token=")
        .await;

    // Opening the link, as a mail scanner would, consumes nothing.
    let page = app
        .browser()
        .get(&format!("/verify-email?token={token}"))
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(
        page.body.contains("zoe@example.com"),
        "the page says which address"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL")
            .await,
        0
    );

    let verified = browser
        .call("auth/verify_email", &[("token", &token)])
        .await;
    verified.expect_status(200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL")
            .await,
        1
    );

    let again = browser
        .call("auth/verify_email", &[("token", &token)])
        .await;
    again.expect_status(409);
    assert!(again.body.contains("already used"), "{}", again.body);

    browser.sign_in("ZOE@example.com", PASSWORD).await;
    assert_eq!(browser.whoami().await.as_deref(), Some("zoe@example.com"));

    // The replay is in zoe's own feed, once however often it is tried.
    browser
        .call("auth/verify_email", &[("token", &token)])
        .await;
    let feed = browser.call("shares/my_activity", &[]).await;
    let refused: Vec<String> = feed
        .json()
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| {
            format!(
                "{} {} {} ({})",
                entry["actor"], entry["action"], entry["subject"], entry["detail"]
            )
        })
        .collect();
    assert_eq!(
        refused,
        [
            "\"Someone\" \"was refused the verification link of\" \"zoe@example.com\" (\"already used\")"
        ],
        "{}",
        feed.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_simultaneous_uses_of_a_link_verify_once() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.register("race@example.com", "R", PASSWORD).await;
    let token = app
        .smtp
        .link_token("race@example.com", "/verify-email?token=")
        .await;
    let (first, second) = (app.browser(), app.browser());
    let form = [("token", token.as_str())];
    let (a, b) = tokio::join!(
        first.call("auth/verify_email", &form),
        second.call("auth/verify_email", &form)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE used_at IS NOT NULL")
            .await,
        1
    );
}

#[tokio::test]
async fn expired_and_forged_links_change_nothing() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.register("late@example.com", "L", PASSWORD).await;
    let token = app
        .smtp
        .link_token("late@example.com", "/verify-email?token=")
        .await;
    sqlx::query("UPDATE registrations SET expires_at = 0")
        .execute(&app.db.pool)
        .await
        .expect("expire");

    let expired = browser
        .call("auth/verify_email", &[("token", &token)])
        .await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains("expired"), "{}", expired.body);
    let page = browser.get(&format!("/verify-email?token={token}")).await;
    assert!(
        page.body.contains("This link has expired"),
        "the page says which"
    );

    for forged in ["", "x", &"A".repeat(43), &"A".repeat(10_000), &token[..20]] {
        let answer = browser
            .call("auth/verify_email", &[("token", forged)])
            .await;
        assert_eq!(answer.status, 404, "{forged}: {}", answer.body);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE used_at IS NOT NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn signing_in_unverified_sends_a_new_link_and_no_session() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.register("new@example.com", "N", PASSWORD).await;
    app.smtp.wait_for("new@example.com", 1).await;
    sqlx::query("UPDATE registrations SET created_at = created_at - 3600")
        .execute(&app.db.pool)
        .await
        .expect("age");

    let answer = browser
        .call(
            "auth/sign_in",
            &[("email", "new@example.com"), ("password", PASSWORD)],
        )
        .await;
    answer.expect_status(403);
    assert!(
        answer.body.contains("Verify your email address first"),
        "{}",
        answer.body
    );
    assert!(answer.headers.get("set-cookie").is_none());
    assert_eq!(browser.whoami().await, None);
    app.smtp.wait_for("new@example.com", 2).await;
}

#[tokio::test]
async fn wrong_password_and_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    app.signed_in_user("known@example.com", PASSWORD).await;
    let wrong = app
        .browser()
        .call(
            "auth/sign_in",
            &[
                ("email", "known@example.com"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    let unknown = app
        .browser()
        .call(
            "auth/sign_in",
            &[
                ("email", "nobody@example.com"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.field_message("").as_deref(),
        Some("Wrong email or password.")
    );
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_slowed_down() {
    let app = spawn_app().await;
    app.signed_in_user("target@example.com", PASSWORD).await;
    let attacker = app.browser();
    for _ in 0..5 {
        let answer = attacker
            .call(
                "auth/sign_in",
                &[
                    ("email", "target@example.com"),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        assert_eq!(answer.status, 400);
    }
    let blocked = attacker
        .call(
            "auth/sign_in",
            &[("email", "target@example.com"), ("password", PASSWORD)],
        )
        .await;
    blocked.expect_status(429);
    assert!(
        blocked.body.contains("Try again in 15 minutes"),
        "{}",
        blocked.body
    );
    // The same limit applies to an address without an account: nothing tells them apart.
    for _ in 0..5 {
        attacker
            .call(
                "auth/sign_in",
                &[
                    ("email", "ghost@example.com"),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
    }
    let ghost = attacker
        .call(
            "auth/sign_in",
            &[("email", "ghost@example.com"), ("password", "guess")],
        )
        .await;
    assert_eq!((ghost.status, ghost.body), (429, blocked.body));
}

#[tokio::test]
async fn one_client_failing_on_many_addresses_is_slowed_down_too() {
    let app = spawn_app().await;
    let client = app.browser();
    for i in 0..30 {
        let email = format!("guess{i}@example.com");
        let answer = client
            .call(
                "auth/sign_in",
                &[("email", &email), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(answer.status, 400, "attempt {i}: {}", answer.body);
    }
    // From now on its attempts wait their turn, one a second (see client_limits.rs).
    let queued = client
        .call(
            "auth/sign_in",
            &[("email", "fresh@example.com"), ("password", "guess")],
        )
        .await;
    queued.expect_status(400);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sign_in_queue WHERE subject = 'client:127.0.0.1'")
            .await,
        1
    );
}

#[tokio::test]
async fn session_cookie_is_http_only_same_site_and_renewed_at_sign_in() {
    let app = spawn_app().await;
    app.signed_in_user("cookie@example.com", PASSWORD).await;
    let browser = app.browser();
    let first = browser
        .call(
            "auth/sign_in",
            &[("email", "cookie@example.com"), ("password", PASSWORD)],
        )
        .await;
    let cookie = first.headers["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(cookie.starts_with("packagento_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"), "plain http test server");

    let second = browser
        .call(
            "auth/sign_in",
            &[("email", "cookie@example.com"), ("password", PASSWORD)],
        )
        .await;
    let renewed = second.headers["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_ne!(
        cookie.split(';').next(),
        renewed.split(';').next(),
        "a new session id"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        2,
        "the helper's session and the renewed one"
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_for_good() {
    let app = spawn_app().await;
    let browser = app.signed_in_user("out@example.com", PASSWORD).await;
    let stolen_copy = browser.clone();
    assert_eq!(browser.whoami().await.as_deref(), Some("out@example.com"));
    let answer = browser.call("auth/sign_out", &[]).await;
    assert_eq!(answer.status, 200);
    assert!(
        answer.headers["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
    assert_eq!(browser.whoami().await, None);
    assert_eq!(stolen_copy.whoami().await, None);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_of_the_user_only() {
    let app = spawn_app().await;
    let laptop = app.signed_in_user("many@example.com", PASSWORD).await;
    let phone = app.browser();
    phone.sign_in("many@example.com", PASSWORD).await;
    let someone_else = app.signed_in_user("other@example.com", PASSWORD).await;

    let answer = laptop.call("auth/sign_out_everywhere", &[]).await;
    answer.expect_status(200);
    assert_eq!(laptop.whoami().await, None);
    assert_eq!(phone.whoami().await, None);
    assert_eq!(
        someone_else.whoami().await.as_deref(),
        Some("other@example.com")
    );
    let again = laptop.call("auth/sign_out_everywhere", &[]).await;
    assert_eq!(again.status, 401);
}

#[tokio::test]
async fn registering_a_taken_address_reveals_nothing_and_changes_nothing() {
    let app = spawn_app().await;
    app.signed_in_user("taken@example.com", PASSWORD).await;
    let fresh = app
        .browser()
        .register("free@example.com", "F", PASSWORD)
        .await;
    let taken = app
        .browser()
        .register("TAKEN@example.com", "Eve", "evil password 1")
        .await;
    assert_eq!((fresh.status, &fresh.body), (taken.status, &taken.body));

    let mails = app.smtp.wait_for("taken@example.com", 2).await;
    assert!(
        mails[1].subject.contains("already have"),
        "{}",
        mails[1].subject
    );
    assert!(
        !mails[1].text.contains("token="),
        "no link that could take the account"
    );
    app.browser().sign_in("taken@example.com", PASSWORD).await;
    let evil = app
        .browser()
        .call(
            "auth/sign_in",
            &[
                ("email", "taken@example.com"),
                ("password", "evil password 1"),
            ],
        )
        .await;
    assert_eq!(evil.status, 400);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE used_at IS NULL")
            .await,
        1,
        "the free address waits for its link; the taken one got no registration"
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_per_field_and_changes_nothing() {
    let app = spawn_app().await;
    let browser = app.browser();
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        ("", "Ann", PASSWORD, "email", "Enter your email address."),
        (
            "ann",
            "Ann",
            PASSWORD,
            "email",
            "Enter an email address like name@example.com.",
        ),
        (
            "ann@example.com",
            "  ",
            PASSWORD,
            "display_name",
            "Enter your name.",
        ),
        (
            "ann@example.com",
            "Ann\u{7}",
            PASSWORD,
            "display_name",
            "Use letters, digits, spaces and punctuation only.",
        ),
        (
            "ann@example.com",
            "Ann",
            "short",
            "password",
            "Use at least 10 characters.",
        ),
        (
            "ann@example.com",
            "Ann",
            &"p".repeat(129),
            "password",
            "Use at most 128 characters.",
        ),
    ];
    for (email, name, password, field, message) in cases {
        let answer = browser.register(email, name, password).await;
        assert_eq!(answer.status, 400, "{field}: {}", answer.body);
        assert_eq!(
            answer.field_message(field).as_deref(),
            Some(*message),
            "{}",
            answer.body
        );
    }
    let missing = browser
        .call("auth/register", &[("email", "ann@example.com")])
        .await;
    missing.expect_status(400);
    let sign_in = browser
        .call(
            "auth/sign_in",
            &[("email", "not an address"), ("password", "x")],
        )
        .await;
    assert_eq!(
        sign_in.field_message("email").as_deref(),
        Some("Enter an email address like name@example.com.")
    );
    let no_password = browser
        .call(
            "auth/sign_in",
            &[("email", "ann@example.com"), ("password", "")],
        )
        .await;
    assert_eq!(
        no_password.field_message("password").as_deref(),
        Some("Enter your password.")
    );

    let huge = "a".repeat(1024 * 1024);
    let oversized = browser.register(&huge, "A", PASSWORD).await;
    assert_eq!(oversized.status, 413);

    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
}
