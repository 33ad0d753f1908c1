//! What a role change takes away: grants a billing member may not hold, keys the
//! member can no longer read, invites their new role could not send. The first test
//! reads its table from `permissions.md`.

use crate::support::{Browser, TestApp, spawn_demo_app};

const MATRIX: &str = include_str!("permissions.md");
const PASSWORD: &str = "correct horse battery";

/// One row of the role-change table.
struct Change {
    from: String,
    to: String,
    grant: String,
    expected: Vec<String>,
}

fn changes() -> Vec<Change> {
    let section = MATRIX
        .split("## Role changes of a member who holds a project grant")
        .nth(1)
        .expect("the role-change section");
    section
        .lines()
        .filter(|line| line.contains(" → "))
        .map(|line| {
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect();
            let (from, to) = cells[0].split_once(" → ").expect("from → to");
            Change {
                from: from.to_owned(),
                to: to.to_owned(),
                grant: cells[1].clone(),
                expected: cells[2..].to_vec(),
            }
        })
        .collect()
}

/// A new member of Acme with `role`, working in Acme.
async fn new_member(app: &TestApp, email: &str, role: &str) -> Browser {
    let browser = app.signed_in_user(email, PASSWORD).await;
    let acme: i64 = sqlx::query_scalar("SELECT id FROM workspaces WHERE name = 'Acme'")
        .fetch_one(&app.db.pool)
        .await
        .expect("Acme");
    app.add_member(acme, email, role).await;
    let switched = browser
        .call(
            "team/switch_workspace",
            &[("workspace_id", &acme.to_string())],
        )
        .await;
    switched.expect_status(200);
    browser
}

async fn grant_of(app: &TestApp, email: &str, project: &str) -> String {
    sqlx::query_scalar::<_, String>(
        "SELECT g.role FROM project_grants g JOIN users u ON u.id = g.user_id \
         WHERE u.email = $1 AND g.project_id = $2",
    )
    .bind(email)
    .bind(project.parse::<i64>().expect("id"))
    .fetch_optional(&app.db.pool)
    .await
    .expect("grant")
    .unwrap_or_else(|| "—".to_owned())
}

#[tokio::test]
async fn every_role_change_of_a_member_with_a_grant_re_decides_their_rights() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let storefront = app.project_id("Storefront").await;
    let deploy_key: String = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM project_tokens WHERE name = 'Production deploy'",
    )
    .fetch_one(&app.db.pool)
    .await
    .expect("key")
    .to_string();
    let mut wrong = Vec::new();
    let rows = changes();
    assert_eq!(rows.len(), 12);
    for (i, change) in rows.iter().enumerate() {
        let email = format!("changed{i}@example.test");
        let member = new_member(&app, &email, &change.from).await;
        let user_id = app.user_id(&email).await.to_string();
        let granted = alice
            .call(
                "project_members/set_project_access",
                &[
                    ("project_id", storefront.as_str()),
                    ("user_id", user_id.as_str()),
                    ("role", change.grant.as_str()),
                ],
            )
            .await;
        granted.expect_status(200);
        let changed = alice
            .call(
                "team/change_member_role",
                &[("user_id", user_id.as_str()), ("role", change.to.as_str())],
            )
            .await;
        changed.expect_status(200);
        let key = [
            ("project_id", storefront.as_str()),
            ("key_id", deploy_key.as_str()),
        ];
        let got = vec![
            member
                .call("keys/reveal_key", &key)
                .await
                .status
                .to_string(),
            member
                .call("keys/rotate_key", &key)
                .await
                .status
                .to_string(),
            member
                .call("billing/get_billing", &[])
                .await
                .status
                .to_string(),
            grant_of(&app, &email, &storefront).await,
        ];
        if got != change.expected {
            wrong.push(format!(
                "{} → {} with a {} grant: {got:?}, the table says {:?}",
                change.from, change.to, change.grant, change.expected
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_demoted_member_loses_the_invites_and_keys_their_new_role_could_not_have() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let bob = app.demo_user("bob").await;
    let carol = app.demo_user("carol").await;
    let storefront = app.project_id("Storefront").await;

    // Bob, made an owner, invites an owner and a viewer; carol, a developer, mints a key.
    let bob_id = app.user_id("bob@acme.test").await.to_string();
    let promoted = alice
        .call(
            "team/change_member_role",
            &[("user_id", bob_id.as_str()), ("role", "owner")],
        )
        .await;
    promoted.expect_status(200);
    for (email, role) in [
        ("new-owner@example.test", "owner"),
        ("new-viewer@example.test", "viewer"),
    ] {
        let sent = bob
            .call("team/invite_member", &[("email", email), ("role", role)])
            .await;
        sent.expect_status(200);
    }
    let minted = carol
        .call(
            "keys/mint_key",
            &[
                ("project_id", storefront.as_str()),
                ("name", "Carol's laptop"),
            ],
        )
        .await;
    minted.expect_status(200);
    let owner_link = app
        .smtp
        .link_token("new-owner@example.test", "/invite?token=")
        .await;

    // Bob becomes an admin again: an owner invite is no longer his to send.
    let demoted = alice
        .call(
            "team/change_member_role",
            &[("user_id", bob_id.as_str()), ("role", "admin")],
        )
        .await;
    demoted.expect_status(200);
    assert_eq!(demoted.json()["invites_revoked"], 1, "{}", demoted.body);
    let invitee = app.signed_in_user("new-owner@example.test", PASSWORD).await;
    let refused = invitee
        .call("team/accept_invite", &[("token", &owner_link)])
        .await;
    refused.expect_status(409);
    assert!(refused.body.contains("revoked"), "{}", refused.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE email = 'new-viewer@example.test' AND revoked_at IS NULL")
            .await,
        1,
        "the viewer invite is still his to send"
    );
    let feed = alice.call("team/list_activity", &[("page", "0")]).await;
    assert!(
        feed.body
            .contains("whose role can no longer invite as owner"),
        "{}",
        feed.body
    );

    // Carol becomes a viewer: the key she minted on Storefront stops working.
    let carol_id = app.user_id("carol@acme.test").await.to_string();
    let to_viewer = alice
        .call(
            "team/change_member_role",
            &[("user_id", carol_id.as_str()), ("role", "viewer")],
        )
        .await;
    to_viewer.expect_status(200);
    assert!(
        to_viewer.json()["keys_deactivated"].as_i64() >= Some(1),
        "{}",
        to_viewer.body
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_tokens WHERE name = 'Carol''s laptop' AND deactivated_at IS NOT NULL")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM project_tokens WHERE minted_by = (SELECT id FROM users WHERE email = 'bob@acme.test') AND deactivated_at IS NULL AND project_id IS NOT NULL")
            .await
            > 0,
        app.count("SELECT COUNT(*) FROM project_tokens WHERE minted_by = (SELECT id FROM users WHERE email = 'bob@acme.test') AND project_id IS NOT NULL")
            .await
            > 0,
        "bob, still a developer, keeps his keys"
    );
}
