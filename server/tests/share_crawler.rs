//! What a share recipient can reach: a viewer and a developer recipient call every
//! registered server function, with ids taken from the sharing workspace's side, and
//! request every page of the app's router. None of it shows billing, other projects or
//! other people, and none of it changes anything outside the shared project. On the
//! demo data, on both databases.

use crate::support::{Browser, TestApp, spawn_demo_app};
use server::seed::BILLING_MARKERS;

const PASSWORD: &str = "correct horse battery";

/// What a recipient must never see: billing values, the sharing workspace's other
/// projects, and its members (the sharer's own name is shown, as "shared by").
const HIDDEN: &[&str] = &[
    "Warehouse API",
    "Marketing site",
    "Globex Portal",
    "bob@acme.test",
    "carol@acme.test",
    "dave@acme.test",
    "erin@acme.test",
    "frank@globex.test",
    "Bob Brandt",
    "Carol Chen",
    "pending@outside.test",
];

/// Functions the crawl leaves out: they end the crawler's own session or share.
const SKIPPED: &[&str] = &[
    "auth/sign_out",
    "auth/sign_out_everywhere",
    "shares/leave_share",
];

async fn ids(app: &TestApp, sql: &str) -> Vec<String> {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_all(&app.db.pool)
        .await
        .expect("ids")
        .into_iter()
        .map(|id| id.to_string())
        .collect()
}

/// Shares Storefront with `email` as `role`; the recipient registers through the link.
async fn recipient(
    app: &TestApp,
    alice: &Browser,
    storefront: &str,
    email: &str,
    role: &str,
) -> Browser {
    let shared = alice
        .call(
            "shares/share_project",
            &[("project_id", storefront), ("email", email), ("role", role)],
        )
        .await;
    shared.expect_status(200);
    let token = app.smtp.link_token(email, "/share?token=").await;
    let browser = app.browser();
    let joined = browser
        .register_with_link(
            "shares/register_with_share",
            &token,
            "Guest Recipient",
            PASSWORD,
        )
        .await;
    joined.expect_status(200);
    browser
}

/// Counts that nothing a recipient does may change: the demo workspaces' projects,
/// licences, shares, grants, members, invites, billing, and keys of other projects.
/// (A recipient who opens Org settings gets a workspace of their own, where they may
/// do as they like.)
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM projects WHERE deleted_at IS NULL AND name IN \
         ('Storefront', 'Warehouse API', 'Marketing site', 'Globex Portal')",
        "SELECT COUNT(*) FROM project_licences",
        "SELECT COUNT(*) FROM project_shares",
        "SELECT COUNT(*) FROM project_shares WHERE ended_at IS NULL AND accepted_at IS NULL",
        "SELECT COUNT(*) FROM project_shares WHERE role = 'developer'",
        "SELECT COUNT(*) FROM project_grants",
        "SELECT COUNT(*) FROM memberships m JOIN workspaces w ON w.id = m.workspace_id \
         WHERE w.name IN ('Acme', 'Globex')",
        "SELECT COUNT(*) FROM memberships m JOIN workspaces w ON w.id = m.workspace_id \
         WHERE w.name IN ('Acme', 'Globex') AND m.role IN ('owner', 'admin')",
        "SELECT COUNT(*) FROM invites i JOIN workspaces w ON w.id = i.workspace_id \
         WHERE w.name IN ('Acme', 'Globex') AND i.revoked_at IS NULL",
        "SELECT COUNT(*) FROM invites i JOIN workspaces w ON w.id = i.workspace_id \
         WHERE w.name IN ('Acme', 'Globex')",
        "SELECT COUNT(*) FROM subscriptions WHERE cancelled_at IS NULL",
        "SELECT COUNT(*) FROM refund_requests",
        "SELECT COUNT(*) FROM workspaces WHERE name IN ('Acme', 'Globex')",
        "SELECT COUNT(*) FROM project_tokens t JOIN projects p ON p.id = t.project_id \
         WHERE p.name <> 'Storefront' AND t.deactivated_at IS NULL AND t.rotated_at IS NULL",
    ] {
        counts.push(app.count(sql).await);
    }
    counts
}

#[tokio::test]
async fn recipients_reach_nothing_beyond_the_shared_project() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    let storefront =
        ids(&app, "SELECT id FROM projects WHERE name = 'Storefront'").await[0].clone();
    let warehouse =
        ids(&app, "SELECT id FROM projects WHERE name = 'Warehouse API'").await[0].clone();
    let pending = alice
        .call(
            "shares/share_project",
            &[
                ("project_id", &warehouse),
                ("email", "pending@outside.test"),
                ("role", "developer"),
            ],
        )
        .await;
    pending.expect_status(200);
    let viewer = recipient(&app, &alice, &storefront, "viewer@outside.test", "viewer").await;
    let developer = recipient(
        &app,
        &alice,
        &storefront,
        "developer@outside.test",
        "developer",
    )
    .await;

    // Ids of the owner's side (the first dozen of each kind: the demo's named people,
    // not its 2,000 generated members), by the name of the argument that carries it.
    let owner_side = [
        (
            "project_id",
            ids(&app, "SELECT id FROM projects ORDER BY id LIMIT 12").await,
        ),
        (
            "key_id",
            ids(&app, "SELECT id FROM project_tokens ORDER BY id LIMIT 12").await,
        ),
        (
            "share_id",
            ids(&app, "SELECT id FROM project_shares ORDER BY id LIMIT 12").await,
        ),
        (
            "licence_id",
            ids(&app, "SELECT id FROM licences ORDER BY id LIMIT 12").await,
        ),
        (
            "invoice_id",
            ids(&app, "SELECT id FROM invoices ORDER BY id LIMIT 12").await,
        ),
        (
            "user_id",
            ids(
                &app,
                "SELECT DISTINCT user_id FROM memberships ORDER BY user_id LIMIT 12",
            )
            .await,
        ),
        (
            "invite_id",
            ids(&app, "SELECT id FROM invites ORDER BY id LIMIT 12").await,
        ),
        (
            "workspace_id",
            ids(&app, "SELECT id FROM workspaces ORDER BY id LIMIT 12").await,
        ),
    ];
    let rounds = owner_side
        .iter()
        .map(|(_, ids)| ids.len())
        .max()
        .unwrap_or(1);
    let paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .filter(|path| !SKIPPED.contains(&path.as_str()))
        .collect();
    assert!(paths.len() > 40, "{paths:?}");
    let before = fingerprint(&app).await;

    let mut calls = 0;
    for (who, browser) in [("viewer", &viewer), ("developer", &developer)] {
        let other = if who == "viewer" {
            "developer@outside.test"
        } else {
            "viewer@outside.test"
        };
        for round in 0..rounds {
            // The n-th id of each kind, and plain values for every other argument;
            // the sort varies so that each list's own sort names are tried.
            let mut form: Vec<(&str, String)> = owner_side
                .iter()
                .map(|(name, ids)| {
                    (
                        *name,
                        ids.get(round % ids.len().max(1))
                            .cloned()
                            .unwrap_or_default(),
                    )
                })
                .collect();
            let sort = ["Name", "Added", "Role", "Person"][round % 4];
            form.extend([
                ("email", "new-colleague@outside.test".to_owned()),
                (
                    "role",
                    ["developer", "owner", "viewer"][round % 3].to_owned(),
                ),
                ("name", "Taken over".to_owned()),
                ("display_name", "Taken over".to_owned()),
                ("password", "not the password".to_owned()),
                ("token", "forged-token".to_owned()),
                ("search", String::new()),
                ("sort", sort.to_owned()),
                ("descending", "false".to_owned()),
                ("page", "0".to_owned()),
            ]);
            let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
            for path in &paths {
                let answer = browser.call(path, &form).await;
                calls += 1;
                assert!(
                    answer.status < 500,
                    "{who} {path}: {} {}",
                    answer.status,
                    answer.body
                );
                for hidden in BILLING_MARKERS.iter().chain(HIDDEN).chain(&[other]) {
                    assert!(
                        !answer.body.contains(hidden),
                        "the {who} recipient saw {hidden} through {path} {form:?}: {}",
                        answer.body
                    );
                }
            }
        }
        for route in server::support::page_routes() {
            for id in &owner_side[0].1 {
                let page = route.replace("{id}", id);
                let answer = browser.get(&page).await;
                assert!(answer.status < 500, "{who} {page}: {}", answer.status);
                for hidden in BILLING_MARKERS.iter().chain(HIDDEN).chain(&[other]) {
                    assert!(
                        !answer.body.contains(hidden),
                        "the {who} recipient saw {hidden} on {page}"
                    );
                }
            }
        }
    }
    assert!(calls > 300, "{calls} calls");
    assert_eq!(
        fingerprint(&app).await,
        before,
        "a recipient changed the workspace"
    );
    assert!(
        developer
            .call("projects/get_project", &[("project_id", &storefront)])
            .await
            .body
            .contains("Storefront"),
        "positive control: the shared project itself is visible"
    );
}
