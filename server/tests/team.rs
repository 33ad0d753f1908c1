//! Workspaces, members, roles and invites over HTTP, on both databases.

use crate::support::{Answer, Browser, TestApp, spawn_app, spawn_demo_app};

const PASSWORD: &str = "correct horse battery";

/// An app with Olivia owning a workspace; returns her browser and the workspace id.
async fn with_owner() -> (TestApp, Browser, i64) {
    let app = spawn_app().await;
    let owner = app.signed_in_user("olivia@example.com", PASSWORD).await;
    let (workspace, name, role) = owner.workspace().await;
    assert_eq!(
        (name.as_str(), role.as_str()),
        ("Test User's workspace", "Owner")
    );
    (app, owner, workspace)
}

/// A signed-in member of `workspace` with `role`.
async fn member(app: &TestApp, workspace: i64, email: &str, role: &str) -> Browser {
    let browser = app.signed_in_user(email, PASSWORD).await;
    app.add_member(workspace, email, role).await;
    let answer = browser
        .call(
            "team/switch_workspace",
            &[("workspace_id", &workspace.to_string())],
        )
        .await;
    answer.expect_status(200);
    browser
}

async fn invite(browser: &Browser, email: &str, role: &str) -> Answer {
    browser
        .call("team/invite_member", &[("email", email), ("role", role)])
        .await
}

async fn role_of(app: &TestApp, workspace: i64, email: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2",
    )
    .bind(workspace)
    .bind(email)
    .fetch_optional(&app.db.pool)
    .await
    .expect("query")
}

#[tokio::test]
async fn an_invitee_registers_through_the_link_and_lands_in_the_workspace() {
    let (app, owner, workspace) = with_owner().await;
    let sent = invite(&owner, " Nina@Example.com ", "developer").await;
    sent.expect_status(200);
    let mail = &app.smtp.wait_for("nina@example.com", 1).await[0];
    assert!(
        mail.subject
            .contains("invited you to Test User's workspace"),
        "{}",
        mail.subject
    );
    let token = app
        .smtp
        .link_token("nina@example.com", "/invite?token=")
        .await;

    // A mail scanner opening the link changes nothing.
    let page = app.browser().get(&format!("/invite?token={token}")).await;
    assert!(
        page.body.contains("as a developer"),
        "the page says which role"
    );
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE accepted_at IS NOT NULL")
            .await,
        0
    );

    let nina = app.browser();
    let joined = nina
        .register_with_link("team/register_with_invite", &token, "Nina", PASSWORD)
        .await;
    joined.expect_status(200);
    assert_eq!(
        nina.workspace().await,
        (
            workspace,
            "Test User's workspace".to_owned(),
            "Developer".to_owned()
        )
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'nina@example.com' AND email_verified_at IS NOT NULL").await, 1);

    let again = app
        .browser()
        .register_with_link("team/register_with_invite", &token, "Nina", PASSWORD)
        .await;
    again.expect_status(409);
    let feed = owner.call("team/list_activity", &[("page", "0")]).await;
    assert!(
        feed.body.contains("accepted the invite as") && feed.body.contains("invited"),
        "{}",
        feed.body
    );
}

#[tokio::test]
async fn only_the_invited_address_can_accept_and_a_refusal_changes_nothing() {
    let (app, owner, workspace) = with_owner().await;
    invite(&owner, "invited@example.com", "viewer").await;
    let token = app
        .smtp
        .link_token("invited@example.com", "/invite?token=")
        .await;
    let stranger = app.signed_in_user("stranger@example.com", PASSWORD).await;
    let refused = stranger
        .call("team/accept_invite", &[("token", &token)])
        .await;
    refused.expect_status(403);
    assert!(
        refused.body.contains("sent to another address"),
        "{}",
        refused.body
    );
    assert_eq!(role_of(&app, workspace, "stranger@example.com").await, None);

    let invited = app.signed_in_user("invited@example.com", PASSWORD).await;
    let accepted = invited
        .call("team/accept_invite", &[("token", &token)])
        .await;
    accepted.expect_status(200);
    assert_eq!(
        role_of(&app, workspace, "invited@example.com")
            .await
            .as_deref(),
        Some("viewer")
    );

    // Both refusals of the real link are in the workspace's feed.
    let replayed = invited
        .call("team/accept_invite", &[("token", &token)])
        .await;
    replayed.expect_status(409);
    let feed = owner.call("team/list_activity", &[("page", "0")]).await;
    let refused: Vec<(String, String)> = feed
        .json()
        .as_array()
        .expect("entries")
        .iter()
        .filter(|entry| entry["action"] == "was refused the invite link of")
        .map(|entry| (entry["subject"].to_string(), entry["detail"].to_string()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                "\"invited@example.com\"".to_owned(),
                "\"already used\"".to_owned()
            ),
            (
                "\"invited@example.com\"".to_owned(),
                "\"signed in as another account\"".to_owned()
            ),
        ],
        "{}",
        feed.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_simultaneous_accepts_add_the_member_once() {
    let (app, owner, workspace) = with_owner().await;
    let invited = app.signed_in_user("twice@example.com", PASSWORD).await;
    invite(&owner, "twice@example.com", "viewer").await;
    let token = app
        .smtp
        .link_token("twice@example.com", "/invite?token=")
        .await;
    let form = [("token", token.as_str())];
    let (a, b) = tokio::join!(
        invited.call("team/accept_invite", &form),
        invited.call("team/accept_invite", &form)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let id = app.user_id("twice@example.com").await;
    let rows = app
        .count(&format!(
            "SELECT COUNT(*) FROM memberships WHERE workspace_id = {workspace} AND user_id = {id}"
        ))
        .await;
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn invites_respect_rank_and_refuse_duplicates_and_bad_input() {
    let (app, owner, workspace) = with_owner().await;
    let admin = member(&app, workspace, "admin@example.com", "admin").await;
    let developer = member(&app, workspace, "dev@example.com", "developer").await;

    assert_eq!(
        invite(&admin, "boss@example.com", "owner").await.status,
        403
    );
    assert_eq!(
        invite(&admin, "peer@example.com", "admin").await.status,
        200
    );
    assert_eq!(
        invite(&developer, "friend@example.com", "viewer")
            .await
            .status,
        403
    );
    assert_eq!(
        invite(&owner, "boss@example.com", "owner").await.status,
        200
    );

    let member_again = invite(&owner, "DEV@example.com", "viewer").await;
    assert_eq!(member_again.status, 409);
    assert!(
        member_again.body.contains("already a member"),
        "{}",
        member_again.body
    );
    let pending_again = invite(&owner, "peer@example.com", "viewer").await;
    assert_eq!(pending_again.status, 409);
    assert!(
        pending_again.body.contains("already has a pending invite"),
        "{}",
        pending_again.body
    );

    let bad_role = invite(&owner, "x@example.com", "superuser").await;
    assert!(
        bad_role
            .field_message("role")
            .is_some_and(|m| m.contains("Choose one of the roles")),
        "{}",
        bad_role.body
    );
    invite(&owner, "not an address", "viewer")
        .await
        .expect_status(400);
    assert_eq!(app.count("SELECT COUNT(*) FROM invites").await, 2);
}

#[tokio::test]
async fn reissued_revoked_and_expired_links_stop_working() {
    let (app, owner, _) = with_owner().await;
    let sent = invite(&owner, "late@example.com", "viewer").await;
    let invite_id = sent.json()["id"].as_i64().expect("id").to_string();
    let first = app
        .smtp
        .link_token("late@example.com", "/invite?token=")
        .await;
    let reissued = owner
        .call("team/reissue_invite", &[("invite_id", &invite_id)])
        .await;
    reissued.expect_status(200);
    app.smtp.wait_for("late@example.com", 2).await;
    let second = app
        .smtp
        .link_token("late@example.com", "/invite?token=")
        .await;
    assert_ne!(first, second);

    let late = app.signed_in_user("late@example.com", PASSWORD).await;
    assert_eq!(
        late.call("team/accept_invite", &[("token", &first)])
            .await
            .status,
        404,
        "the old link is dead"
    );

    sqlx::query("UPDATE invites SET expires_at = 0")
        .execute(&app.db.pool)
        .await
        .expect("expire");
    let expired = late.call("team/accept_invite", &[("token", &second)]).await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains("expired"), "{}", expired.body);

    sqlx::query("UPDATE invites SET expires_at = 9999999999")
        .execute(&app.db.pool)
        .await
        .expect("renew");
    assert_eq!(
        owner
            .call("team/revoke_invite", &[("invite_id", &invite_id)])
            .await
            .status,
        200
    );
    let revoked = late.call("team/accept_invite", &[("token", &second)]).await;
    assert_eq!(revoked.status, 409);
    assert!(revoked.body.contains("revoked"), "{}", revoked.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM memberships WHERE role <> 'owner'")
            .await,
        0
    );
}

#[tokio::test]
async fn an_expired_invite_stays_listed_and_can_be_reissued_or_revoked() {
    let (app, owner, _) = with_owner().await;
    let sent = invite(&owner, "slow@example.com", "viewer").await;
    let invite_id = sent.json()["id"].as_i64().expect("id").to_string();
    sqlx::query("UPDATE invites SET expires_at = 0")
        .execute(&app.db.pool)
        .await
        .expect("expire");
    let listed = owner.call("team/list_invites", &[]).await;
    assert_eq!(
        listed.json()[0]["email"],
        "slow@example.com",
        "{}",
        listed.body
    );
    assert_eq!(listed.json()[0]["expired"], true, "{}", listed.body);
    let again = invite(&owner, "slow@example.com", "viewer").await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("an expired invite"), "{}", again.body);
    let reissued = owner
        .call("team/reissue_invite", &[("invite_id", &invite_id)])
        .await;
    reissued.expect_status(200);
    assert_eq!(reissued.json()["expired"], false);
    app.smtp.wait_for("slow@example.com", 2).await;
    let token = app
        .smtp
        .link_token("slow@example.com", "/invite?token=")
        .await;
    let slow = app.signed_in_user("slow@example.com", PASSWORD).await;
    let accepted = slow.call("team/accept_invite", &[("token", &token)]).await;
    accepted.expect_status(200);
}

#[tokio::test]
async fn role_changes_follow_the_rules() {
    let (app, owner, workspace) = with_owner().await;
    let admin = member(&app, workspace, "admin@example.com", "admin").await;
    member(&app, workspace, "dev@example.com", "developer").await;
    let dev = app.user_id("dev@example.com").await.to_string();
    let owner_id = app.user_id("olivia@example.com").await.to_string();
    let admin_id = app.user_id("admin@example.com").await.to_string();
    let change = |browser: &Browser, user: &str, role: &str| {
        let (browser, user, role) = (browser.clone(), user.to_owned(), role.to_owned());
        async move {
            browser
                .call(
                    "team/change_member_role",
                    &[("user_id", &user), ("role", &role)],
                )
                .await
        }
    };

    let to_viewer = change(&owner, &dev, "viewer").await;
    to_viewer.expect_status(200);
    assert_eq!(to_viewer.json()["member"]["role"], "Viewer");
    assert_eq!(
        change(&admin, &dev, "owner").await.status,
        403,
        "admins never grant owner"
    );
    assert_eq!(
        change(&admin, &owner_id, "viewer").await.status,
        403,
        "admins never change owners"
    );
    assert_eq!(
        change(&admin, &admin_id, "developer").await.status,
        403,
        "nobody changes their own role"
    );
    let own = change(&owner, &owner_id, "admin").await;
    assert_eq!(own.status, 403);
    change(&owner, &dev, "root").await.expect_status(400);
    change(&owner, "999999", "viewer").await.expect_status(404);
    assert_eq!(
        role_of(&app, workspace, "dev@example.com").await.as_deref(),
        Some("viewer")
    );
    assert_eq!(
        role_of(&app, workspace, "olivia@example.com")
            .await
            .as_deref(),
        Some("owner")
    );
    let feed = owner.call("team/list_activity", &[("page", "0")]).await;
    assert!(feed.body.contains("Developer → Viewer"), "{}", feed.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let (app, first, workspace) = with_owner().await;
    let second = member(&app, workspace, "second@example.com", "owner").await;
    let first_id = app.user_id("olivia@example.com").await.to_string();
    let second_id = app.user_id("second@example.com").await.to_string();
    let demote_second = [("user_id", second_id.as_str()), ("role", "admin")];
    let demote_first = [("user_id", first_id.as_str()), ("role", "admin")];
    let (a, b) = tokio::join!(
        first.call("team/change_member_role", &demote_second),
        second.call("team/change_member_role", &demote_first),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 403], "{} / {}", a.body, b.body);
    let owners = app
        .count(&format!(
            "SELECT COUNT(*) FROM memberships WHERE workspace_id = {workspace} AND role = 'owner'"
        ))
        .await;
    assert_eq!(owners, 1);
}

#[tokio::test]
async fn removing_a_member_deactivates_only_their_tokens_and_cancels_their_invites() {
    let (app, owner, workspace) = with_owner().await;
    let leaving = member(&app, workspace, "leaving@example.com", "admin").await;
    member(&app, workspace, "staying@example.com", "developer").await;
    let (leaving_id, staying_id) = (
        app.user_id("leaving@example.com").await,
        app.user_id("staying@example.com").await,
    );
    let elsewhere = app
        .signed_in_user("else@example.com", PASSWORD)
        .await
        .workspace()
        .await
        .0;
    for (ws, minter, name) in [
        (workspace, leaving_id, "mine"),
        (workspace, staying_id, "theirs"),
        (elsewhere, leaving_id, "other workspace"),
    ] {
        sqlx::query("INSERT INTO project_tokens (workspace_id, minted_by, name, created_at) VALUES ($1, $2, $3, 0)")
            .bind(ws)
            .bind(minter)
            .bind(name)
            .execute(&app.db.pool)
            .await
            .expect("token");
    }
    assert_eq!(
        invite(&leaving, "friend@example.com", "viewer")
            .await
            .status,
        200
    );

    let removed = owner
        .call(
            "team/remove_member",
            &[("user_id", &leaving_id.to_string())],
        )
        .await;
    removed.expect_status(200);
    assert_eq!(removed.json()["tokens_deactivated"], 1);
    let active: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM project_tokens WHERE deactivated_at IS NULL ORDER BY name",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("tokens");
    assert_eq!(active, ["other workspace", "theirs"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE revoked_at IS NULL")
            .await,
        0
    );
    assert_eq!(role_of(&app, workspace, "leaving@example.com").await, None);
    // Their next request already works in another workspace of theirs.
    assert_ne!(leaving.workspace().await.0, workspace);
    assert_eq!(
        invite(&leaving, "again@example.com", "viewer").await.status,
        200,
        "in their own workspace"
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM invites WHERE workspace_id = {workspace} AND email = 'again@example.com'")).await, 0);
}

#[tokio::test]
async fn the_last_owner_can_be_neither_removed_nor_demoted() {
    let (app, owner, workspace) = with_owner().await;
    let admin = member(&app, workspace, "admin@example.com", "admin").await;
    let owner_id = app.user_id("olivia@example.com").await.to_string();
    assert_eq!(
        admin
            .call("team/remove_member", &[("user_id", &owner_id)])
            .await
            .status,
        403
    );
    let own = owner
        .call("team/remove_member", &[("user_id", &owner_id)])
        .await;
    own.expect_status(403);
    assert_eq!(
        role_of(&app, workspace, "olivia@example.com")
            .await
            .as_deref(),
        Some("owner")
    );
}

#[tokio::test]
async fn ids_from_another_workspace_reach_nothing() {
    let (app, owner, workspace) = with_owner().await;
    member(&app, workspace, "inside@example.com", "developer").await;
    let sent = invite(&owner, "pending@example.com", "viewer").await;
    let invite_id = sent.json()["id"].as_i64().expect("id").to_string();
    let outsider = app.signed_in_user("outsider@example.com", PASSWORD).await;
    let inside = app.user_id("inside@example.com").await.to_string();

    let workspace_id = workspace.to_string();
    let attempts: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "team/change_member_role",
            vec![("user_id", &inside), ("role", "viewer")],
        ),
        ("team/remove_member", vec![("user_id", &inside)]),
        ("team/revoke_invite", vec![("invite_id", &invite_id)]),
        ("team/reissue_invite", vec![("invite_id", &invite_id)]),
        (
            "team/switch_workspace",
            vec![("workspace_id", &workspace_id)],
        ),
    ];
    for (path, form) in &attempts {
        assert_eq!(outsider.call(path, form).await.status, 404, "{path}");
    }
    let list = outsider
        .call(
            "team/list_members",
            &[
                ("search", ""),
                ("sort", "Name"),
                ("descending", "false"),
                ("page", "0"),
            ],
        )
        .await;
    assert!(
        !list.body.contains("inside@example.com") && !list.body.contains("olivia@example.com"),
        "{}",
        list.body
    );
    let invites = outsider.call("team/list_invites", &[]).await;
    assert!(!invites.body.contains("pending@example.com"));
    let feed = outsider.call("team/list_activity", &[("page", "0")]).await;
    assert!(!feed.body.contains("pending@example.com"));
    assert_eq!(
        role_of(&app, workspace, "inside@example.com")
            .await
            .as_deref(),
        Some("developer")
    );
}

#[tokio::test]
async fn the_member_list_searches_sorts_and_pages_on_the_server() {
    let (app, owner, workspace) = with_owner().await;
    for i in 0..60 {
        let role = if i % 3 == 0 { "admin" } else { "viewer" };
        sqlx::query("INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, 'x', 0)")
            .bind(format!("m{i:02}@example.com"))
            .bind(format!("Member {i:02}"))
            .execute(&app.db.pool)
            .await
            .expect("user");
        app.add_member(workspace, &format!("m{i:02}@example.com"), role)
            .await;
    }
    let list = |search: &str, sort: &str, descending: &str, page: &str| {
        let owner = owner.clone();
        let form = [
            ("search", search.to_owned()),
            ("sort", sort.to_owned()),
            ("descending", descending.to_owned()),
            ("page", page.to_owned()),
        ];
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = owner.call("team/list_members", &form).await;
            answer.expect_status(200);
            answer.json()
        }
    };
    let first = list("", "Name", "false", "0").await;
    assert_eq!(first["total"], 61);
    assert_eq!(first["rows"].as_array().map(Vec::len), Some(50));
    assert_eq!(first["rows"][0]["display_name"], "Member 00");
    let second = list("", "Name", "false", "1").await;
    assert_eq!(second["rows"].as_array().map(Vec::len), Some(11));
    let search = list("member 1", "Email", "true", "0").await;
    assert_eq!(search["total"], 10);
    assert_eq!(search["rows"][0]["email"], "m19@example.com");
    let by_role = list("", "Role", "true", "0").await;
    assert_eq!(by_role["rows"][0]["role"], "Owner");
    assert_eq!(by_role["rows"][1]["role"], "Admin");
    let literal = list("%", "Name", "false", "0").await;
    assert_eq!(literal["total"], 0, "wildcards are taken literally");
    sqlx::query("UPDATE users SET display_name = 'Aaron', email = 'zz@example.com' WHERE email = 'm59@example.com'")
        .execute(&app.db.pool)
        .await
        .expect("rename");
    let renamed = list("", "Name", "false", "0").await;
    assert_eq!(
        renamed["rows"][0]["display_name"], "Aaron",
        "the order follows a new name"
    );
    let by_email = list("", "Email", "true", "0").await;
    assert_eq!(
        by_email["rows"][0]["email"], "zz@example.com",
        "and a new address"
    );
    let removed = app.user_id("m01@example.com").await.to_string();
    let answer = owner
        .call("team/remove_member", &[("user_id", removed.as_str())])
        .await;
    answer.expect_status(200);
    let after = list("", "Name", "false", "0").await;
    assert_eq!(after["total"], 60, "the total follows a removal");
}

#[tokio::test]
async fn the_switcher_scopes_every_request_to_the_chosen_workspace() {
    let (app, owner, first) = with_owner().await;
    let other = app.signed_in_user("frank@example.com", PASSWORD).await;
    let (second, _, _) = other.workspace().await;
    app.add_member(second, "olivia@example.com", "viewer").await;
    assert_eq!(owner.workspace().await.0, first);
    assert_eq!(
        owner
            .call(
                "team/switch_workspace",
                &[("workspace_id", &second.to_string())]
            )
            .await
            .status,
        200
    );
    assert_eq!(
        owner.workspace().await,
        (
            second,
            "Test User's workspace".to_owned(),
            "Viewer".to_owned()
        )
    );
    assert_eq!(
        invite(&owner, "x@example.com", "viewer").await.status,
        403,
        "a viewer there"
    );
}

#[tokio::test]
async fn support_transfers_ownership_from_the_command_line() {
    let (app, _owner, workspace) = with_owner().await;
    member(&app, workspace, "heir@example.com", "developer").await;
    let transfer = |email: &str| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["transfer-ownership", &workspace.to_string(), email])
            .env("DATABASE_URL", &app.db.url)
            .output()
    };
    let output = transfer("heir@example.com").await.expect("server runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        role_of(&app, workspace, "heir@example.com")
            .await
            .as_deref(),
        Some("owner")
    );
    assert_eq!(
        role_of(&app, workspace, "olivia@example.com")
            .await
            .as_deref(),
        Some("admin")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM activity WHERE actor_id IS NULL AND action = 'transferred_ownership'").await, 1);
    let refused = transfer("nobody@example.com").await.expect("server runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a member of workspace"));
}

#[tokio::test]
async fn owners_rename_the_workspace_and_nobody_else_does() {
    let (app, owner, workspace) = with_owner().await;
    let admin = member(&app, workspace, "admin@example.com", "admin").await;
    assert_eq!(
        admin
            .call("team/rename_workspace", &[("name", "Hijacked")])
            .await
            .status,
        403
    );
    let empty = owner
        .call("team/rename_workspace", &[("name", "   ")])
        .await;
    assert_eq!(
        empty.field_message("name").as_deref(),
        Some("Enter a name for the workspace.")
    );
    let renamed = owner
        .call("team/rename_workspace", &[("name", " Acme Corp ")])
        .await;
    renamed.expect_status(200);
    assert_eq!(admin.workspace().await.1, "Acme Corp");
    let feed = owner.call("team/list_activity", &[("page", "0")]).await;
    assert!(
        feed.body.contains("renamed the workspace to"),
        "{}",
        feed.body
    );
}

#[tokio::test]
async fn forged_and_truncated_invite_tokens_are_refused() {
    let (app, owner, workspace) = with_owner().await;
    invite(&owner, "real@example.com", "viewer").await;
    let token = app
        .smtp
        .link_token("real@example.com", "/invite?token=")
        .await;
    let real = app.signed_in_user("real@example.com", PASSWORD).await;
    for forged in ["", "x", &"A".repeat(43), &token[..20], &"B".repeat(5_000)] {
        let answer = real.call("team/accept_invite", &[("token", forged)]).await;
        assert_eq!(answer.status, 404, "{forged}: {}", answer.body);
        let page = app.browser().get(&format!("/invite?token={forged}")).await;
        assert!(
            page.body.contains("This invite link is not valid"),
            "the page says so"
        );
    }
    assert_eq!(role_of(&app, workspace, "real@example.com").await, None);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE accepted_at IS NULL")
            .await,
        1
    );
}

#[tokio::test]
async fn a_form_posted_without_scripts_comes_back_to_its_page_with_the_error_shown() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let page = format!("{}/org", app.base_url);
    let without_scripts = alice
        .with_header("accept", "text/html,application/xhtml+xml")
        .with_header("referer", &page);
    let refused = without_scripts
        .call("team/rename_workspace", &[("name", "  ")])
        .await;
    assert_eq!(
        refused.status, 302,
        "a browser follows a redirect, not a 400"
    );
    let location = refused.headers["location"].to_str().expect("location");
    assert!(
        location.starts_with(&format!("{page}?")) && location.contains("__err="),
        "{location}"
    );
    let shown = alice.get(location.trim_start_matches(&app.base_url)).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("Enter a name for the workspace."),
        "the form shows why"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM workspaces WHERE name = 'Acme'")
            .await,
        1,
        "nothing changed"
    );

    let saved = without_scripts
        .call("team/rename_workspace", &[("name", "Acme Corp")])
        .await;
    assert_eq!(saved.status, 302);
    let back = saved.headers["location"].to_str().expect("location");
    assert!(back.starts_with(&page) && !back.contains("__err"), "{back}");
    let with_scripts = alice.call("team/rename_workspace", &[("name", "")]).await;
    assert_eq!(
        with_scripts.status, 400,
        "the app's own calls get the status"
    );
}

/// The pages show controls from what the server says each person may do, never from
/// a rule of their own: every role gets its rights from the policy, each member row
/// and each pending invite says whether the viewer may manage it.
#[tokio::test]
async fn every_role_is_told_what_it_may_do_and_each_row_whether_it_is_theirs_to_manage() {
    let (app, owner, workspace) = with_owner().await;
    let admin = member(&app, workspace, "adam@example.com", "admin").await;
    let developer = member(&app, workspace, "dev@example.com", "developer").await;
    let billing = member(&app, workspace, "bill@example.com", "billing").await;
    let viewer = member(&app, workspace, "vic@example.com", "viewer").await;
    invite(&owner, "new-owner@example.com", "owner")
        .await
        .expect_status(200);
    invite(&admin, "new-viewer@example.com", "viewer")
        .await
        .expect_status(200);
    // invite, offer, view billing, review access, rename, set key lifetime
    let expected = [
        (&owner, true, 5, true, true, true, true),
        (&admin, true, 4, false, true, false, false),
        (&developer, false, 0, false, false, false, false),
        (&billing, false, 0, true, false, false, false),
        (&viewer, false, 0, false, false, false, false),
    ];
    for (who, invites, offered, billing, review, rename, lifetime) in expected {
        let answer = who.call("team/get_workspaces", &[]).await;
        let can = &answer.expect_status(200).json()["can"];
        let got = (
            can["invite"].as_bool(),
            can["offer"].as_array().map(Vec::len),
            can["view_billing"].as_bool(),
            can["review_access"].as_bool(),
            can["rename"].as_bool(),
            can["set_key_lifetime"].as_bool(),
        );
        let want = (
            Some(invites),
            Some(offered),
            Some(billing),
            Some(review),
            Some(rename),
            Some(lifetime),
        );
        assert_eq!(got, want, "{}", answer.body);
    }
    let manageable = |answer: Answer, key: &str| -> Vec<(String, bool)> {
        let json = answer.expect_status(200).json();
        let rows = if key.is_empty() {
            json
        } else {
            json[key].clone()
        };
        rows.as_array()
            .expect("a list")
            .iter()
            .map(|row| {
                let email = row["email"].as_str().expect("email").to_owned();
                (email, row["can_manage"].as_bool().expect("can_manage"))
            })
            .collect()
    };
    let form = [
        ("search", ""),
        ("sort", "Email"),
        ("descending", "false"),
        ("page", "0"),
    ];
    let members = manageable(admin.call("team/list_members", &form).await, "rows");
    let by_admin: Vec<(&str, bool)> = members.iter().map(|(e, m)| (e.as_str(), *m)).collect();
    assert_eq!(
        by_admin,
        [
            ("adam@example.com", false),
            ("bill@example.com", true),
            ("dev@example.com", true),
            ("olivia@example.com", false),
            ("vic@example.com", true),
        ],
        "an admin manages neither themselves nor an owner"
    );
    let members = manageable(developer.call("team/list_members", &form).await, "rows");
    assert!(members.iter().all(|(_, can)| !can), "{members:?}");
    let invites = manageable(admin.call("team/list_invites", &[]).await, "");
    assert_eq!(
        invites,
        [
            ("new-viewer@example.com".to_owned(), true),
            ("new-owner@example.com".to_owned(), false),
        ],
        "an owner's invite is the owners' to manage"
    );
    let invites = manageable(owner.call("team/list_invites", &[]).await, "");
    assert!(invites.iter().all(|(_, can)| *can), "{invites:?}");
}
