//! Who owns an address and its password: no takeover by registering first, a
//! forgotten password reset by email, the Account page's changes, and where a person
//! is sent after signing in.

use crate::support::mail::token_after;
use crate::support::{Answer, Browser, TestApp, spawn_app};

const OWNER_PASSWORD: &str = "the owner's own password";
const ATTACKER_PASSWORD: &str = "the attacker's password";
const VICTIM: &str = "victim@example.test";

/// The token of the `nth` (from 0) mail to `to` with a link containing `marker`.
async fn nth_link(app: &TestApp, to: &str, nth: usize, marker: &str) -> String {
    let mails = app.smtp.wait_for(to, nth + 1).await;
    token_after(&mails[nth].text, marker).expect("a link in the mail")
}

/// The verification link of the registration that greets `name`, once both of the
/// victim's verification mails have arrived.
async fn greeted_link(app: &TestApp, name: &str) -> String {
    let greeting = format!("Hello {name},");
    app.smtp
        .wait_for(VICTIM, 2)
        .await
        .iter()
        .find(|mail| mail.text.contains(&greeting))
        .and_then(|mail| token_after(&mail.text, "/verify-email?token="))
        .expect("a verification link greeting its registrant")
}

async fn sign_in_status(app: &TestApp, email: &str, password: &str) -> u16 {
    app.browser()
        .call("auth/sign_in", &[("email", email), ("password", password)])
        .await
        .status
}

#[tokio::test]
async fn registering_an_address_first_never_holds_it_against_its_owner() {
    let app = spawn_app().await;
    let attacker = app.browser();
    let first = attacker
        .register(VICTIM, "Mallory", ATTACKER_PASSWORD)
        .await;
    let owner = app.browser();
    let second = owner.register(VICTIM, "Victoria", OWNER_PASSWORD).await;
    assert_eq!(
        (first.status, &first.body),
        (second.status, &second.body),
        "both registrations are answered alike"
    );
    // Each registration has its own link (the outbox may send the two in either
    // order; each greets its own registrant); neither is an account yet.
    let attackers_link = greeted_link(&app, "Mallory").await;
    let owners_link = greeted_link(&app, "Victoria").await;
    assert_ne!(attackers_link, owners_link);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);

    app.verify_and_sign_in(&owner, VICTIM, OWNER_PASSWORD, &owners_link)
        .await;
    assert_eq!(owner.whoami().await.as_deref(), Some(VICTIM));
    assert_eq!(sign_in_status(&app, VICTIM, ATTACKER_PASSWORD).await, 400);
    let names: Vec<String> = sqlx::query_scalar("SELECT display_name FROM users")
        .fetch_all(&app.db.pool)
        .await
        .expect("users");
    assert_eq!(names, ["Victoria"]);

    // The attacker's link no longer makes anything of the address.
    let late = attacker
        .call("auth/verify_email", &[("token", &attackers_link)])
        .await;
    late.expect_status(409);
    assert!(
        late.body.contains("verified by another registration"),
        "{}",
        late.body
    );
    assert_eq!(sign_in_status(&app, VICTIM, ATTACKER_PASSWORD).await, 400);
    assert_eq!(sign_in_status(&app, VICTIM, OWNER_PASSWORD).await, 200);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE password_hash <> ''")
            .await,
        0,
        "no password of a registration is kept once the address has an account"
    );
}

#[tokio::test]
async fn an_unverified_registration_expires_and_a_link_that_proves_the_address_discards_it() {
    let app = spawn_app().await;
    app.browser()
        .register(VICTIM, "Mallory", ATTACKER_PASSWORD)
        .await;
    let stale = nth_link(&app, VICTIM, 0, "/verify-email?token=").await;
    // The right password of a waiting registration only says to verify first.
    let early = app
        .browser()
        .call(
            "auth/sign_in",
            &[("email", VICTIM), ("password", ATTACKER_PASSWORD)],
        )
        .await;
    early.expect_status(403);
    sqlx::query("UPDATE registrations SET expires_at = 0, created_at = 0")
        .execute(&app.db.pool)
        .await
        .expect("a day later");
    assert_eq!(sign_in_status(&app, VICTIM, ATTACKER_PASSWORD).await, 400);
    let expired = app
        .browser()
        .call("auth/verify_email", &[("token", &stale)])
        .await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains("expired"), "{}", expired.body);

    // A second waiting registration, then an invite to the address: registering
    // through the invite's link proves the address and discards the waiting one.
    app.browser()
        .register(VICTIM, "Mallory", ATTACKER_PASSWORD)
        .await;
    let waiting = nth_link(&app, VICTIM, 1, "/verify-email?token=").await;
    let inviter = app
        .signed_in_user("inviter@example.test", OWNER_PASSWORD)
        .await;
    let sent = inviter
        .call(
            "team/invite_member",
            &[("email", VICTIM), ("role", "developer")],
        )
        .await;
    sent.expect_status(200);
    let invite = nth_link(&app, VICTIM, 2, "/invite?token=").await;
    let owner = app.browser();
    let joined = owner
        .register_with_link(
            "team/register_with_invite",
            &invite,
            "Victoria",
            OWNER_PASSWORD,
        )
        .await;
    joined.expect_status(200);
    assert_eq!(owner.whoami().await.as_deref(), Some(VICTIM));
    let superseded = app
        .browser()
        .call("auth/verify_email", &[("token", &waiting)])
        .await;
    superseded.expect_status(409);
    assert_eq!(sign_in_status(&app, VICTIM, ATTACKER_PASSWORD).await, 400);
    assert_eq!(sign_in_status(&app, VICTIM, OWNER_PASSWORD).await, 200);
}

async fn request_reset(browser: &Browser, email: &str) -> Answer {
    browser
        .call("account/request_password_reset", &[("email", email)])
        .await
}

async fn reset(browser: &Browser, token: &str, password: &str) -> Answer {
    browser
        .call(
            "account/reset_password",
            &[("token", token), ("password", password)],
        )
        .await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_through_the_emailed_link() {
    let app = spawn_app().await;
    let laptop = app
        .signed_in_user("forgetful@example.test", OWNER_PASSWORD)
        .await;
    let phone = app.browser();
    phone
        .sign_in("forgetful@example.test", OWNER_PASSWORD)
        .await;

    let stranger = app.browser();
    let known = request_reset(&stranger, "forgetful@example.test").await;
    let unknown = request_reset(&stranger, "nobody@example.test").await;
    known.expect_status(200);
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    let first = nth_link(&app, "forgetful@example.test", 1, "/reset-password?token=").await;
    assert!(
        app.smtp
            .messages()
            .iter()
            .all(|mail| mail.to != "nobody@example.test"),
        "an address without an account gets nothing"
    );

    // Opening the link, as a mail scanner does, changes nothing.
    let page = app
        .browser()
        .get(&format!("/reset-password?token={first}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Set new password"), "{}", page.body);
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    // A second request replaces the first link.
    request_reset(&stranger, "forgetful@example.test").await;
    let second = nth_link(&app, "forgetful@example.test", 2, "/reset-password?token=").await;
    let replaced = reset(&stranger, &first, "a brand new password").await;
    replaced.expect_status(409);
    assert!(replaced.body.contains("newer link"), "{}", replaced.body);

    let short = reset(&stranger, &second, "short").await;
    assert_eq!(
        short.field_message("password").as_deref(),
        Some("Use at least 10 characters.")
    );
    let done = reset(&stranger, &second, "a brand new password").await;
    done.expect_status(200);
    assert_eq!(
        stranger.whoami().await.as_deref(),
        Some("forgetful@example.test"),
        "the person who reset is signed in"
    );
    assert_eq!(laptop.whoami().await, None, "every other session ended");
    assert_eq!(phone.whoami().await, None);
    assert_eq!(
        sign_in_status(&app, "forgetful@example.test", OWNER_PASSWORD).await,
        400
    );
    assert_eq!(
        sign_in_status(&app, "forgetful@example.test", "a brand new password").await,
        200
    );
    let again = reset(&app.browser(), &second, "yet another password").await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already used"), "{}", again.body);

    request_reset(&stranger, "forgetful@example.test").await;
    let late = nth_link(&app, "forgetful@example.test", 3, "/reset-password?token=").await;
    sqlx::query("UPDATE password_resets SET expires_at = 0")
        .execute(&app.db.pool)
        .await
        .expect("an hour later");
    let expired = reset(&stranger, &late, "yet another password").await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains("expired"), "{}", expired.body);
    let forged = reset(&stranger, "not-a-real-token", "yet another password").await;
    assert_eq!(forged.status, 404);
}

#[tokio::test]
async fn reset_requests_are_limited_per_address_and_per_client() {
    let app = spawn_app().await;
    let client = app.browser();
    for _ in 0..5 {
        request_reset(&client, "one@example.test")
            .await
            .expect_status(200);
    }
    let limited = request_reset(&client, "one@example.test").await;
    limited.expect_status(429);
    assert!(limited.body.contains("Try again in"), "{}", limited.body);
    for i in 0..15 {
        let answer = request_reset(&client, &format!("many{i}@example.test")).await;
        assert_eq!(answer.status, 200, "{i}: {}", answer.body);
    }
    let client_limited = request_reset(&client, "fresh@example.test").await;
    client_limited.expect_status(429);
}

#[tokio::test]
async fn the_account_page_changes_password_name_and_address() {
    let app = spawn_app().await;
    let me = app.signed_in_user("me@example.test", OWNER_PASSWORD).await;
    let other_device = app.browser();
    other_device
        .sign_in("me@example.test", OWNER_PASSWORD)
        .await;

    let wrong = me
        .call(
            "account/change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", "my new password"),
            ],
        )
        .await;
    assert_eq!(
        wrong.field_message("current_password").as_deref(),
        Some("That is not your current password.")
    );
    assert_eq!(
        other_device.whoami().await.as_deref(),
        Some("me@example.test")
    );
    let changed = me
        .call(
            "account/change_password",
            &[
                ("current_password", OWNER_PASSWORD),
                ("new_password", "my new password"),
            ],
        )
        .await;
    changed.expect_status(200);
    assert_eq!(me.whoami().await.as_deref(), Some("me@example.test"));
    assert_eq!(other_device.whoami().await, None, "other sessions ended");
    assert_eq!(
        sign_in_status(&app, "me@example.test", "my new password").await,
        200
    );

    let renamed = me
        .call(
            "account/change_display_name",
            &[("display_name", "  Zoe\u{308} New ")],
        )
        .await;
    renamed.expect_status(200);
    let current = me.call("auth/get_current_user", &[]).await;
    assert_eq!(current.json()["display_name"], "Zo\u{eb} New");
    let hidden = me
        .call(
            "account/change_display_name",
            &[("display_name", "Evil\u{202E}exe.txt")],
        )
        .await;
    hidden.expect_status(400);

    // A new address: the link goes there, a notice to the current one, and nothing
    // changes until the link is used.
    let refused = me
        .call(
            "account/request_email_change",
            &[("email", "new@example.test"), ("current_password", "wrong")],
        )
        .await;
    assert_eq!(refused.status, 400);
    let asked = me
        .call(
            "account/request_email_change",
            &[
                ("email", "new@example.test"),
                ("current_password", "my new password"),
            ],
        )
        .await;
    asked.expect_status(200);
    let notice = app.smtp.wait_for("me@example.test", 2).await;
    assert!(
        notice[1].text.contains("new@example.test") && !notice[1].text.contains("token="),
        "{}",
        notice[1].text
    );
    let token = nth_link(&app, "new@example.test", 0, "/confirm-email?token=").await;
    let page = app
        .browser()
        .get(&format!("/confirm-email?token={token}"))
        .await;
    assert!(page.body.contains("new@example.test"), "{}", page.body);
    assert_eq!(
        sign_in_status(&app, "new@example.test", "my new password").await,
        400,
        "not before the link is used"
    );
    let confirmed = app
        .browser()
        .call("account/confirm_email_change", &[("token", &token)])
        .await;
    confirmed.expect_status(200);
    assert_eq!(me.whoami().await.as_deref(), Some("new@example.test"));
    assert_eq!(
        sign_in_status(&app, "new@example.test", "my new password").await,
        200
    );
    assert_eq!(
        sign_in_status(&app, "me@example.test", "my new password").await,
        400
    );
    let again = app
        .browser()
        .call("account/confirm_email_change", &[("token", &token)])
        .await;
    assert_eq!(again.status, 409);

    // An address that got an account before the link was used stays with it.
    me.call(
        "account/request_email_change",
        &[
            ("email", "taken@example.test"),
            ("current_password", "my new password"),
        ],
    )
    .await;
    let late = nth_link(&app, "taken@example.test", 0, "/confirm-email?token=").await;
    app.signed_in_user("taken@example.test", OWNER_PASSWORD)
        .await;
    let lost = app
        .browser()
        .call("account/confirm_email_change", &[("token", &late)])
        .await;
    lost.expect_status(409);
    assert_eq!(me.whoami().await.as_deref(), Some("new@example.test"));
}

/// Where signing in with `next` sends the browser: the redirect's target.
async fn after_sign_in(app: &TestApp, next: &str) -> Answer {
    app.browser()
        .call(
            "auth/sign_in",
            &[
                ("email", "home@example.test"),
                ("password", OWNER_PASSWORD),
                ("next", next),
            ],
        )
        .await
}

#[tokio::test]
async fn after_signing_in_only_paths_of_the_app_are_followed() {
    let app = spawn_app().await;
    app.signed_in_user("home@example.test", OWNER_PASSWORD)
        .await;
    let followed = after_sign_in(&app, "/org?tab=members").await;
    followed.expect_status(200);
    assert_eq!(followed.headers["location"], "/org?tab=members");
    for next in [
        "/\t/localhost:9999/x",
        "/%09/localhost:9999/x",
        "//evil.test",
        "/\\evil.test",
        "/%5Cevil.test",
        "https://evil.test/",
        "javascript:alert(1)",
        "/\n/x",
        "/\r\nSet-Cookie: stolen=1",
    ] {
        let answer = after_sign_in(&app, next).await;
        assert_eq!(answer.status, 200, "{next:?}: {}", answer.body);
        assert_eq!(answer.headers["location"], "/projects", "{next:?}");
        assert!(
            !answer
                .headers
                .get_all("set-cookie")
                .iter()
                .any(|cookie| cookie.to_str().unwrap_or_default().contains("stolen")),
            "{next:?}"
        );
    }
}
