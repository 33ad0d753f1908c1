//! Shares that end on time, over HTTP on both databases: a share made with an end
//! date, warned of to both sides three days before, ended on its date on the next
//! request and wound up once by the job of several servers; an end changed inline,
//! and ends that make no sense refused. Time passes by moving the server's clock.

use crate::support::{Answer, Browser, TestApp, spawn_demo_app, test_config};
use app::core::share_end::last_day;
use app::server::AppState;
use app::server::store::{Engine, Store};

const DAY: i64 = 86_400;
const PASSWORD: &str = "correct horse battery";
const RITA: &str = "rita@outside.test";

/// Another server's state on the test's database, reading the test's clock: what a
/// job of that server runs with.
async fn other_server(app: &TestApp) -> AppState {
    let engine = Engine::from_url(&app.db.url).expect("engine");
    let store = Store::connect(&app.db.url, engine).await.expect("store");
    let mut config = test_config(&app.db.url, &app.base_url, app.smtp.port);
    config.clock = app.clock.clone();
    server::startup::app_state(store, &config).expect("state")
}

/// Runs the share job of two servers at the same moment.
async fn run_jobs_of_two_servers(app: &TestApp) {
    let (first, second) = (other_server(app).await, other_server(app).await);
    tokio::join!(
        server::share_ends::run(&first),
        server::share_ends::run(&second)
    );
}

async fn share(owner: &Browser, project: &str, form: &[(&str, &str)]) -> Answer {
    let mut fields = vec![("project_id", project), ("email", RITA)];
    fields.extend_from_slice(form);
    owner.call("shares/share_project", &fields).await
}

async fn change_end(who: &Browser, project: &str, share_id: &str, ends: &str) -> Answer {
    who.call(
        "shares/change_share_end",
        &[
            ("project_id", project),
            ("share_id", share_id),
            ("ends", ends),
        ],
    )
    .await
}

async fn outbox(app: &TestApp, kind: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT recipient FROM outbox WHERE kind = $1 ORDER BY recipient")
        .bind(kind)
        .fetch_all(&app.db.pool)
        .await
        .expect("outbox")
}

/// Registers rita and accepts the share sent to her.
async fn rita_accepts(app: &TestApp) -> Browser {
    let token = app.smtp.link_token(RITA, "/share?token=").await;
    let rita = app.signed_in_user(RITA, PASSWORD).await;
    let accepted = rita.call("shares/accept_share", &[("token", &token)]).await;
    accepted.expect_status(200);
    rita
}

#[tokio::test]
async fn a_share_ends_on_its_date_at_once_and_is_wound_up_once_by_several_servers() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;
    let shared = share(&alice, &storefront, &[("role", "developer"), ("ends", "7")]).await;
    shared.expect_status(200);
    let ends_at = shared.json()["ends_at"].as_i64().expect("an end");
    let today = app.clock.now() / DAY * DAY;
    assert_eq!(
        ends_at,
        today + 8 * DAY,
        "the midnight after the seventh day"
    );
    let day = last_day(ends_at);
    let mails = app.smtp.wait_for(RITA, 1).await;
    assert!(
        mails[0].text.contains(&format!("Access ends after {day}.")),
        "{}",
        mails[0].text
    );
    let rita = rita_accepts(&app).await;
    let mine = rita.call("shares/list_shared_with_me", &[]).await.json();
    assert_eq!(mine[0]["ends_at"], ends_at);

    run_jobs_of_two_servers(&app).await;
    assert!(
        outbox(&app, "share_ending").await.is_empty(),
        "a week before"
    );
    // Five days pass: the share ends within three days. Both servers' jobs run.
    app.clock.advance(5 * DAY);
    run_jobs_of_two_servers(&app).await;
    run_jobs_of_two_servers(&app).await;
    assert_eq!(
        outbox(&app, "share_ending").await,
        ["alice@acme.test", RITA],
        "one warning to each side"
    );
    let warned = app.smtp.wait_for(RITA, 3).await;
    assert!(
        warned
            .iter()
            .any(|m| m.subject == format!("Your access to Storefront ends after {day}")),
        "{warned:?}"
    );

    // A second before the end she still reads the project; at the end she does not,
    // before any job has run.
    app.clock.advance(ends_at - app.clock.now() - 1);
    let project = [("project_id", storefront.as_str())];
    assert_eq!(
        rita.call("projects/get_project", &project).await.status,
        200
    );
    app.clock.advance(1);
    let gone = rita.call("projects/get_project", &project).await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains(&format!(
            "Your access to Storefront ended with {day}, the last day of the share with you."
        )),
        "{}",
        gone.body
    );
    let keys = rita.call("keys/list_keys", &project).await;
    keys.expect_status(404);
    assert_eq!(
        rita.call("shares/list_shared_with_me", &[]).await.json(),
        serde_json::json!([])
    );
    let listed = alice
        .call(
            "shares/list_shares",
            &[
                ("project_id", &storefront),
                ("search", ""),
                ("sort", "Added"),
                ("descending", "true"),
                ("page", "0"),
            ],
        )
        .await
        .json();
    assert_eq!(listed["total"], 0, "{listed}");

    // The jobs of two servers wind it up once, as a revoke would.
    run_jobs_of_two_servers(&app).await;
    run_jobs_of_two_servers(&app).await;
    assert_eq!(outbox(&app, "share_ended").await, ["alice@acme.test", RITA]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_grants WHERE share_id IS NOT NULL")
            .await,
        0
    );
    let ended: (i64, String) =
        sqlx::query_as("SELECT ended_at, ended_how FROM project_shares WHERE email = $1")
            .bind(RITA)
            .fetch_one(&app.db.pool)
            .await
            .expect("the share");
    assert_eq!(ended, (ends_at, "revoked".to_owned()));
    let told = app.smtp.wait_for("alice@acme.test", 2).await;
    let note = told
        .iter()
        .find(|m| m.subject == "The share of Storefront with rita@outside.test has ended")
        .unwrap_or_else(|| panic!("{told:?}"));
    assert!(
        note.text
            .contains("They could read these access keys: CI, Production deploy."),
        "{}",
        note.text
    );
    let feed = alice
        .call("projects/project_activity", &project)
        .await
        .json();
    assert_eq!(feed[0]["actor"], "Packagento");
    assert_eq!(feed[0]["action"], "ended on its end date the share of");
    assert_eq!(feed[0]["subject"], RITA);
    assert_eq!(feed[0]["detail"], format!("Until {day}"));
    let hers = rita.call("shares/my_activity", &[]).await.json();
    assert_eq!(hers[0]["actor"], "Packagento");
    assert_eq!(hers[0]["subject"], "Storefront");
    let gone = rita.call("projects/get_project", &project).await;
    assert!(
        gone.body.contains("the last day of the share"),
        "{}",
        gone.body
    );
}

#[tokio::test]
async fn an_end_is_changed_inline_by_who_may_share_and_nonsense_changes_nothing() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let alice = app.demo_user("alice").await;

    // Nonsense is refused field by field and shares nothing.
    let refused = share(
        &alice,
        &storefront,
        &[("role", "viewer"), ("ends_on", "2020-01-01")],
    )
    .await;
    refused.expect_status(400);
    assert_eq!(
        refused.field_message("ends_on").as_deref(),
        Some("Choose today or a later day: access cannot end in the past.")
    );
    let refused = share(&alice, &storefront, &[("role", "viewer"), ("ends", "8")]).await;
    assert!(refused.field_message("ends").is_some(), "{}", refused.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_shares").await,
        0,
        "nothing was shared"
    );

    // No end by default; a date typed wins over the list.
    let on = last_day(app.clock.now() + 40 * DAY);
    let shared = share(
        &alice,
        &storefront,
        &[("role", "viewer"), ("ends", "7"), ("ends_on", &on)],
    )
    .await;
    shared.expect_status(200);
    assert_eq!(
        shared.json()["ends_at"].as_i64().map(last_day),
        Some(on.clone())
    );
    let share_id = shared.json()["id"].to_string();
    let rita = rita_accepts(&app).await;

    // Carol, a developer of the workspace, may not change it; Bob, an admin, may.
    let carol = app.demo_user("carol").await;
    let denied = change_end(&carol, &storefront, &share_id, "90").await;
    denied.expect_status(403);
    let bob = app.demo_user("bob").await;
    let shortened = change_end(&bob, &storefront, &share_id, "7").await;
    shortened.expect_status(200);
    let week = last_day(app.clock.now() / DAY * DAY + 8 * DAY);
    assert_eq!(
        shortened.json()["ends_at"].as_i64().map(last_day),
        Some(week.clone())
    );
    let mails = app.smtp.wait_for(RITA, 3).await;
    assert!(
        mails
            .iter()
            .any(|m| m.subject == format!("Your access to Storefront now ends after {week}")),
        "{mails:?}"
    );
    let bad = change_end(&alice, &storefront, &share_id, "yesterday").await;
    assert!(bad.field_message("ends").is_some(), "{}", bad.body);
    let mine = rita.call("shares/list_shared_with_me", &[]).await.json();
    assert_eq!(mine[0]["ends_at"].as_i64().map(last_day), Some(week));
    let extended = change_end(&alice, &storefront, &share_id, "never").await;
    assert_eq!(extended.json()["ends_at"], serde_json::Value::Null);
    let feed = alice
        .call("projects/project_activity", &[("project_id", &storefront)])
        .await
        .json();
    assert_eq!(feed[0]["action"], "changed when the share ends of");
    assert_eq!(feed[0]["detail"], "No end date");

    // A share past its end has ended: it cannot be brought back by a new end.
    change_end(&alice, &storefront, &share_id, "7").await;
    app.clock.advance(9 * DAY);
    let alice = app.demo_user("alice").await;
    let late = change_end(&alice, &storefront, &share_id, "90").await;
    late.expect_status(404);
}
