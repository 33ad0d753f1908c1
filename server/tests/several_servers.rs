//! Three server processes against one database, behind nothing but different ports,
//! as a team runs Packagento when it outgrows one machine: sessions work on any of
//! them, a link sent through one is used through another, the three mail workers never
//! send an email twice, and a revoke on one holds on the next request to another.

use crate::support::mail::SmtpServer;
use crate::support::process::{ServerProcess, free_port};
use crate::support::{Browser, TestDb};
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";
const INVITEES: usize = 6;

/// Three servers sharing the database, the secret and the public address (the first
/// one's); the first creates the demo data before the others start.
async fn three_servers(
    db: &TestDb,
    smtp: &SmtpServer,
    logs: &std::path::Path,
) -> Vec<ServerProcess> {
    let ports = [free_port(), free_port(), free_port()];
    let public_url = format!("http://127.0.0.1:{}", ports[0]);
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let mut servers = Vec::new();
    for (n, port) in ports.into_iter().enumerate() {
        let demo = if n == 0 { "1" } else { "0" };
        let env = [
            ("DATABASE_URL", db.url.as_str()),
            ("PUBLIC_URL", public_url.as_str()),
            ("SMTP_URL", smtp_url.as_str()),
            ("DEMO_DATA", demo),
        ];
        servers.push(ServerProcess::start(port, &env, &logs.join(format!("server-{n}.log"))).await);
    }
    servers
}

/// The same person's browser on each server: one cookie jar, the public origin.
fn on_each(servers: &[ServerProcess]) -> Vec<Browser> {
    let first = Browser::with_origin(&servers[0].base_url, &servers[0].base_url);
    servers
        .iter()
        .map(|server| first.on_other_server(&server.base_url))
        .collect()
}

#[tokio::test]
async fn three_servers_share_sessions_links_mail_and_revocations() {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let logs = tempfile::tempdir().expect("folder");
    let servers = three_servers(&db, &smtp, logs.path()).await;

    // Signed in through one, known to all; signed out everywhere through another.
    let alice = on_each(&servers);
    alice[0]
        .sign_in("alice@acme.test", server::seed::DEMO_PASSWORD)
        .await;
    for browser in &alice {
        assert_eq!(browser.whoami().await.as_deref(), Some("alice@acme.test"));
    }

    // Invites sent through each in turn; every one is mailed exactly once.
    for n in 0..INVITEES {
        let sent = alice[n % 3]
            .call(
                "team/invite_member",
                &[
                    ("email", &format!("new{n}@example.com")),
                    ("role", "viewer"),
                ],
            )
            .await;
        sent.expect_status(200);
    }
    for n in 0..INVITEES {
        smtp.wait_for(&format!("new{n}@example.com"), 1).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let messages = smtp.messages();
    for n in 0..INVITEES {
        let to = format!("new{n}@example.com");
        let copies = messages.iter().filter(|m| m.to.contains(&to)).count();
        assert_eq!(copies, 1, "{to} got {copies} copies");
    }

    // A link mailed through the first is used through the third.
    let token = smtp.link_token("new0@example.com", "/invite?token=").await;
    let invitee = on_each(&servers);
    let joined = invitee[2]
        .register_with_link("team/register_with_invite", &token, "Nina New", PASSWORD)
        .await;
    joined.expect_status(200);
    assert_eq!(invitee[1].workspace().await.1, "Acme");

    // A share accepted through the second; revoked through the third; refused on the
    // next request to the first.
    let storefront: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Storefront'")
        .fetch_one(&db.pool)
        .await
        .expect("Storefront");
    let storefront = storefront.to_string();
    let shared = alice[0]
        .call(
            "shares/share_project",
            &[
                ("project_id", &storefront),
                ("email", "rita@outside.test"),
                ("role", "viewer"),
            ],
        )
        .await;
    shared.expect_status(200);
    let share_id = shared.json()["id"].to_string();
    let token = smtp.link_token("rita@outside.test", "/share?token=").await;
    let rita = on_each(&servers);
    let accepted = rita[1]
        .register_with_link("shares/register_with_share", &token, "Rita", PASSWORD)
        .await;
    accepted.expect_status(200);
    let read = |browser: &Browser| {
        let browser = browser.clone();
        let project = storefront.clone();
        async move {
            browser
                .call("projects/get_project", &[("project_id", &project)])
                .await
                .status
        }
    };
    assert_eq!(read(&rita[0]).await, 200);
    let revoked = alice[2]
        .call(
            "shares/end_share",
            &[("project_id", &storefront), ("share_id", &share_id)],
        )
        .await;
    revoked.expect_status(200);
    assert_eq!(read(&rita[0]).await, 404);
    assert_eq!(read(&rita[1]).await, 404);

    let out = alice[1].call("auth/sign_out_everywhere", &[]).await;
    out.expect_status(200);
    for browser in &alice {
        assert_eq!(browser.whoami().await, None);
    }
}
