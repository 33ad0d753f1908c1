//! The access review's CSV downloads over HTTP, on the demo data, on both databases:
//! who may download them, what they hold, that a spreadsheet cannot run a cell, that
//! a file longer than a batch arrives whole, and that each download is in the feed.

use crate::support::{TestApp, spawn_demo_app};
use app::core::dates::format_timestamp;

const FILES: [&str; 3] = ["members.csv", "people-outside.csv", "access-keys.csv"];

async fn acme(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM workspaces WHERE name = 'Acme'")
        .fetch_one(&app.db.pool)
        .await
        .expect("Acme")
}

/// The lines of a CSV body, without their CRLF.
fn lines(body: &str) -> Vec<&str> {
    body.split_terminator("\r\n").collect()
}

#[tokio::test]
async fn only_owners_and_admins_download_the_access_review() {
    let app = spawn_demo_app().await;
    let before = app.count("SELECT COUNT(*) FROM activity").await;
    for file in FILES {
        let path = format!("/org/access-review/{file}");
        assert_eq!(app.browser().get(&path).await.status, 401, "{file}");
        for name in ["carol", "dave", "erin"] {
            let answer = app.demo_user(name).await.get(&path).await;
            assert_eq!(answer.status, 403, "{name} {file}: {}", answer.body);
            assert!(!answer.body.contains("@acme.test"), "{name} {file}");
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity").await,
        before,
        "a refused download records nothing"
    );
    let bob = app.demo_user("bob").await;
    for file in FILES {
        let answer = bob.get(&format!("/org/access-review/{file}")).await;
        assert_eq!(answer.status, 200, "{file}: {}", answer.body);
        assert_eq!(answer.headers["content-type"], "text/csv; charset=utf-8");
        let disposition = answer.headers["content-disposition"]
            .to_str()
            .expect("ascii");
        assert!(
            disposition.starts_with("attachment; filename=\"access-review-"),
            "{disposition}"
        );
        assert_eq!(answer.headers["cache-control"], "no-store");
    }
    let feed = bob
        .call("team/list_activity", &[("page", "0")])
        .await
        .json();
    let subjects: Vec<&str> = (0..3)
        .map(|i| feed[i]["subject"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        subjects,
        [
            "the access keys",
            "the people outside the workspace",
            "the members"
        ]
    );
    assert_eq!(feed[0]["action"], "downloaded the access review of");
    assert_eq!(
        bob.get("/org/access-review/passwords.csv").await.status,
        404
    );
    let cross_site = app
        .demo_user("alice")
        .await
        .with_header("sec-fetch-site", "cross-site");
    assert_eq!(
        cross_site
            .get("/org/access-review/members.csv")
            .await
            .status,
        403,
        "another site cannot make a browser download it"
    );
}

#[tokio::test]
async fn the_files_hold_every_member_share_and_key_and_never_a_key_value() {
    let app = spawn_demo_app().await;
    let acme = acme(&app).await;
    // A name a spreadsheet would run as a formula.
    sqlx::query("UPDATE users SET display_name = '=HYPERLINK(\"http://evil.test\",\"x\")' WHERE email = 'erin@acme.test'")
        .execute(&app.db.pool)
        .await
        .expect("rename");
    let alice = app.demo_user("alice").await;

    let members = alice.get("/org/access-review/members.csv").await;
    members.expect_status(200);
    let rows = lines(&members.body);
    assert_eq!(
        rows[0],
        "Name,Email,Role,Joined,Last sign-in,Project grants"
    );
    let count = app
        .count(&format!(
            "SELECT COUNT(*) FROM memberships WHERE workspace_id = {acme}"
        ))
        .await;
    assert_eq!(rows.len() as i64, count + 1);
    let erin = rows
        .iter()
        .find(|line| line.contains("erin@acme.test"))
        .expect("erin's line");
    assert!(
        erin.starts_with(
            "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",erin@acme.test,viewer,"
        ),
        "{erin}"
    );
    let alice_line = rows
        .iter()
        .find(|line| line.contains("alice@acme.test"))
        .expect("alice's line");
    let cells: Vec<&str> = alice_line.split(',').collect();
    assert!(
        cells[4].ends_with("+00:00"),
        "her sign-in is recorded: {alice_line}"
    );
    let storefront: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Storefront'")
        .fetch_one(&app.db.pool)
        .await
        .expect("Storefront");
    let erin_id = app.user_id("erin@acme.test").await;
    let granted = alice
        .call(
            "project_members/set_project_access",
            &[
                ("project_id", &storefront.to_string()),
                ("user_id", &erin_id.to_string()),
                ("role", "developer"),
            ],
        )
        .await;
    granted.expect_status(200);
    let members = alice.get("/org/access-review/members.csv").await;
    let erin = lines(&members.body)
        .into_iter()
        .find(|line| line.contains("erin@acme.test"))
        .expect("erin's line")
        .to_owned();
    assert!(erin.ends_with(",Storefront: developer"), "{erin}");

    let shared = alice
        .call(
            "shares/share_project",
            &[
                ("project_id", &storefront.to_string()),
                ("email", "contractor@example.test"),
                ("role", "viewer"),
                ("ends", "30"),
            ],
        )
        .await;
    shared.expect_status(200);
    let outsiders = alice.get("/org/access-review/people-outside.csv").await;
    let rows = lines(&outsiders.body);
    assert_eq!(
        rows[0],
        "Email,Project,Role,Status,Shared by,Shared,Accepted,Ends,Ended,Last key use"
    );
    let shares = app
        .count(&format!(
            "SELECT COUNT(*) FROM project_shares s JOIN projects p ON p.id = s.project_id \
             WHERE p.workspace_id = {acme}"
        ))
        .await;
    assert_eq!(rows.len() as i64, shares + 1);
    let contractor = rows
        .iter()
        .find(|line| line.starts_with("contractor@example.test,"))
        .expect("the share's line");
    assert!(
        contractor.starts_with("contractor@example.test,Storefront,viewer,pending,Alice Anders,"),
        "{contractor}"
    );
    let ends = format_timestamp(shared.json()["ends_at"].as_i64().expect("an end"));
    assert!(
        contractor.ends_with(&format!(",,{ends},,")),
        "not accepted, ends in 30 days, not ended, no key: {contractor}"
    );

    let keys = alice.get("/org/access-review/access-keys.csv").await;
    let rows = lines(&keys.body);
    assert_eq!(
        rows[0],
        "Project,Name,Minted by,Created,Expires,Status,Last used,Last used from"
    );
    let count = app
        .count(&format!(
            "SELECT COUNT(*) FROM project_tokens WHERE workspace_id = {acme}"
        ))
        .await;
    assert_eq!(rows.len() as i64, count + 1);
    assert!(
        rows.iter()
            .any(|line| line.starts_with("Storefront,Production deploy,"))
    );
    assert!(
        !keys.body.contains("pkgt_"),
        "no key value is ever in the file"
    );
    let (other,): (String,) =
        sqlx::query_as("SELECT email FROM users WHERE email LIKE '%globex%' LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .expect("a Globex member");
    assert!(
        !members.body.contains(&other),
        "another workspace's people stay out"
    );
}

#[tokio::test]
async fn a_review_longer_than_a_batch_arrives_whole_and_in_order() {
    let app = spawn_demo_app().await;
    let acme = acme(&app).await;
    for i in 0..1_100 {
        let email = format!("bulk{i:04}@example.com");
        sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, 'x', 0)",
        )
        .bind(&email)
        .bind(format!("Bulk {i:04}"))
        .execute(&app.db.pool)
        .await
        .expect("user");
        app.add_member(acme, &email, "viewer").await;
    }
    let body = app
        .demo_user("alice")
        .await
        .get("/org/access-review/members.csv")
        .await
        .body;
    let rows = lines(&body);
    let count = app
        .count(&format!(
            "SELECT COUNT(*) FROM memberships WHERE workspace_id = {acme}"
        ))
        .await;
    assert!(count > 1_100);
    assert_eq!(rows.len() as i64, count + 1);
    let bulk: Vec<&&str> = rows
        .iter()
        .filter(|line| line.starts_with("Bulk "))
        .collect();
    assert_eq!(bulk.len(), 1_100);
    assert!(
        bulk.first()
            .is_some_and(|line| line.starts_with("Bulk 0000,"))
    );
    assert!(
        bulk.last()
            .is_some_and(|line| line.starts_with("Bulk 1099,"))
    );
}
