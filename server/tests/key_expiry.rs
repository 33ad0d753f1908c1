//! Keys that end on time, over HTTP on both databases: a key minted with a lifetime
//! stops opening the repository when its end comes (the server's clock is moved,
//! never slept on), the workspace's longest lifetime bounds new keys,
//! a key unused for 90 days is flagged, and a key ending within a week is warned of
//! once.

use crate::support::{Browser, TestApp, spawn_demo_app};
use app::server::mail::key_ending_email;
use app::server::store::{Engine, KeyEndingLetter, Store};

const DAY: i64 = 86_400;

async fn storefront(app: &TestApp) -> String {
    sqlx::query_scalar::<_, i64>("SELECT id FROM projects WHERE name = 'Storefront'")
        .fetch_one(&app.db.pool)
        .await
        .expect("Storefront")
        .to_string()
}

/// Mints a key on `project` as `who` with `lifetime`; the answer's status and JSON.
async fn mint(
    who: &Browser,
    project: &str,
    name: &str,
    lifetime: &str,
) -> (u16, serde_json::Value) {
    let answer = who
        .call(
            "keys/mint_key",
            &[
                ("project_id", project),
                ("name", name),
                ("lifetime", lifetime),
            ],
        )
        .await;
    let json = serde_json::from_str(&answer.body).unwrap_or_default();
    (answer.status, json)
}

/// The keys list's row of the key `id`.
async fn key_row(who: &Browser, project: &str, id: i64) -> serde_json::Value {
    let keys = who.call("keys/list_keys", &[("project_id", project)]).await;
    keys.expect_status(200);
    keys.json()
        .as_array()
        .expect("keys")
        .iter()
        .find(|key| key["id"] == id)
        .cloned()
        .expect("the key is listed")
}

#[tokio::test]
async fn a_key_with_a_lifetime_stops_working_when_it_ends() {
    let app = spawn_demo_app().await;
    let project = storefront(&app).await;
    let carol = app.demo_user("carol").await;
    let (status, key) = mint(&carol, &project, "Thirty days", "30").await;
    assert_eq!(status, 200, "{key}");
    let id = key["id"].as_i64().expect("id");
    let value = key["value"].as_str().expect("value").to_owned();
    let row = key_row(&carol, &project, id).await;
    let expires = row["expires_at"].as_i64().expect("an end");
    assert!((expires - (app.clock.now() + 30 * DAY)).abs() < 60, "{row}");
    assert_eq!(row["expired"], false);

    let url = format!("{}/composer/{project}/packages.json", app.base_url);
    let fetch = || async {
        reqwest::Client::new()
            .get(&url)
            .basic_auth("token", Some(&value))
            .send()
            .await
            .expect("request")
    };
    assert_eq!(fetch().await.status(), 200);

    // A second before its end it still works; at its end it stops.
    app.clock.advance(expires - app.clock.now() - 1);
    assert_eq!(fetch().await.status(), 200);
    app.clock.advance(1);
    let refused = fetch().await;
    assert_eq!(refused.status(), 401);
    assert!(refused.headers().contains_key("www-authenticate"));
    let body = refused.text().await.expect("body");
    assert!(body.starts_with("This access key expired on 20"), "{body}");
    // A month passed: her session ended too.
    let carol = app.demo_user("carol").await;
    let row = key_row(&carol, &project, id).await;
    assert_eq!(row["expired"], true);

    let (status, answer) = mint(&carol, &project, "A week", "7").await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(
        answer["Invalid"][0]["field"], "lifetime",
        "a lifetime not offered is refused: {answer}"
    );
    let feed = carol
        .call("projects/project_activity", &[("project_id", &project)])
        .await
        .json();
    assert_eq!(feed[0]["subject"], "Thirty days");
    assert_eq!(feed[0]["detail"], "expires in 30 days");
}

#[tokio::test]
async fn the_workspace_longest_lifetime_bounds_new_keys_only() {
    let app = spawn_demo_app().await;
    let project = storefront(&app).await;
    let (alice, bob, carol) = (
        app.demo_user("alice").await,
        app.demo_user("bob").await,
        app.demo_user("carol").await,
    );
    let (status, before) = mint(&carol, &project, "Forever", "never").await;
    assert_eq!(status, 200, "{before}");
    let refused = bob
        .call("team/set_key_lifetime", &[("longest", "90")])
        .await;
    assert_eq!(refused.status, 403, "only owners set it");
    let wrong = alice
        .call("team/set_key_lifetime", &[("longest", "45")])
        .await;
    wrong.expect_status(400);
    let set = alice
        .call("team/set_key_lifetime", &[("longest", "90")])
        .await;
    set.expect_status(200);

    for lifetime in ["never", "365", ""] {
        let (status, answer) = mint(&carol, &project, "Too long", lifetime).await;
        assert_eq!(status, 400, "{lifetime}: {answer}");
        assert_eq!(
            answer["Invalid"][0]["message"],
            "Keys of this workspace last at most 90 days."
        );
    }
    let (status, answer) = mint(&carol, &project, "Ninety", "90").await;
    assert_eq!(status, 200, "{answer}");
    let view = carol
        .call("projects/get_project", &[("project_id", &project)])
        .await
        .json();
    assert_eq!(view["key_lifetimes"], serde_json::json!([90, 30]));
    let row = key_row(&carol, &project, before["id"].as_i64().expect("id")).await;
    assert_eq!(
        row["expires_at"],
        serde_json::Value::Null,
        "keys minted before keep theirs"
    );
    let feed = alice
        .call("team/list_activity", &[("page", "0")])
        .await
        .json();
    let change = feed
        .as_array()
        .expect("feed")
        .iter()
        .find(|entry| entry["action"] == "set the longest lifetime of new keys to")
        .expect("the change is in the feed");
    assert_eq!(change["subject"], "90 days");

    let page = alice.get("/org").await;
    assert!(
        page.body.contains(r#"<option value="90" selected"#),
        "Org settings shows the limit set"
    );
}

#[tokio::test]
async fn a_key_unused_for_ninety_days_is_flagged() {
    let app = spawn_demo_app().await;
    let project = storefront(&app).await;
    let carol = app.demo_user("carol").await;
    let (_, idle) = mint(&carol, &project, "Idle", "never").await;
    let (_, busy) = mint(&carol, &project, "Busy", "never").await;
    let busy_value = busy["value"].as_str().map(str::to_owned);
    let (idle, busy) = (
        idle["id"].as_i64().expect("id"),
        busy["id"].as_i64().expect("id"),
    );
    assert_eq!(key_row(&carol, &project, idle).await["unused"], false);
    // 99 days pass; Composer uses one of them; another day passes.
    app.clock.advance(99 * DAY);
    let used = reqwest::Client::new()
        .get(format!("{}/composer/{project}/packages.json", app.base_url))
        .basic_auth("token", busy_value.as_deref())
        .send()
        .await
        .expect("request");
    assert_eq!(used.status(), 200);
    app.clock.advance(DAY);
    let carol = app.demo_user("carol").await;
    assert_eq!(key_row(&carol, &project, idle).await["unused"], true);
    assert_eq!(key_row(&carol, &project, busy).await["unused"], false);
    let page = carol.get(&format!("/projects/{project}")).await;
    assert!(
        page.body.contains("Unused for 90 days"),
        "the list flags it"
    );
}

#[tokio::test]
async fn a_key_ending_within_a_week_is_warned_of_once_to_its_minter_and_the_team_managers() {
    let app = spawn_demo_app().await;
    let project = storefront(&app).await;
    let carol = app.demo_user("carol").await;
    let (status, key) = mint(&carol, &project, "Release <bot>", "30").await;
    assert_eq!(status, 200, "{key}");
    let store = Store::connect(&app.db.url, Engine::from_url(&app.db.url).expect("engine"))
        .await
        .expect("store");
    let letter = |letter: KeyEndingLetter<'_>| key_ending_email(&app.base_url, &letter);
    assert_eq!(
        store
            .warn_of_ending_keys(app.clock.now(), letter)
            .await
            .expect("run"),
        0,
        "a month before its end, nobody is told"
    );
    // The clock moves to 24 days later: the key ends in 6 days. Two servers' jobs run
    // at that moment; one claims the key.
    let later = app.clock.now() + 24 * DAY;
    let (first, second) = tokio::join!(
        store.warn_of_ending_keys(later, letter),
        store.warn_of_ending_keys(later, letter)
    );
    assert_eq!(first.expect("first") + second.expect("second"), 1);
    assert_eq!(
        store
            .warn_of_ending_keys(later + DAY, letter)
            .await
            .expect("run"),
        0,
        "once"
    );

    let mut told: Vec<String> = sqlx::query_scalar(
        "SELECT recipient FROM outbox WHERE kind = 'key_ending' ORDER BY recipient",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("outbox");
    let mut expected: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
         JOIN workspaces w ON w.id = m.workspace_id \
         WHERE w.name = 'Acme' AND m.role IN ('owner', 'admin')",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("managers");
    expected.push("carol@acme.test".to_owned());
    expected.sort();
    told.sort();
    assert_eq!(
        told, expected,
        "the minter and the owners and admins, each once"
    );
    let (subject, html): (String, String) =
        sqlx::query_as("SELECT subject, html_body FROM outbox WHERE kind = 'key_ending' LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .expect("mail");
    assert!(
        subject.starts_with("The access key \"Release <bot>\" of Storefront ends on 20"),
        "{subject}"
    );
    assert!(
        html.contains("Release &lt;bot&gt;") && !html.contains("<bot>"),
        "escaped"
    );
    assert!(html.contains(&format!("{}/projects/{project}", app.base_url)));
}
