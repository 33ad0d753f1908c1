//! No secret reaches the logs: the server binary runs with the most verbose logging
//! while an owner registers, verifies, signs in and invites someone who registers
//! through the link and accepts; then the log is searched for every password, link
//! token and session id of the run. On both databases.

mod support;

use std::process::Stdio;
use std::time::Duration;
use support::mail::SmtpServer;
use support::{Browser, TestDb};

const OWNER_PASSWORD: &str = "owner's long secret passphrase";
const INVITEE_PASSWORD: &str = "invitee's long secret passphrase";

/// Starts the server binary with `RUST_LOG=trace`, its output going to `log`.
async fn start_verbose(
    db: &TestDb,
    smtp: &SmtpServer,
    log: &std::path::Path,
) -> (tokio::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let output = std::fs::File::create(log).expect("log file");
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", &db.url)
        .env("PUBLIC_URL", &base)
        .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
        .env("SERVER_SECRET", "integration-test-secret-of-enough-length")
        .env("LEPTOS_SITE_ROOT", "../target/site")
        .env("RUST_LOG", "trace")
        .stdout(Stdio::from(output.try_clone().expect("log file")))
        .stderr(Stdio::from(output))
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary starts");
    let probe = reqwest::Client::new();
    for _ in 0..200 {
        if probe
            .get(format!("{base}/sign-in"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (child, base);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the server binary did not start: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

#[tokio::test]
async fn no_password_token_or_session_id_reaches_the_most_verbose_log() {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let folder = tempfile::tempdir().expect("folder");
    let log = folder.path().join("server.log");
    let (mut server, base) = start_verbose(&db, &smtp, &log).await;

    let owner = Browser::with_origin(&base, &base);
    let registered = owner
        .register("owner@example.com", "Olivia Owner", OWNER_PASSWORD)
        .await;
    assert_eq!(registered.status, 200, "{}", registered.body);
    let verify = smtp
        .link_token("owner@example.com", "/verify-email?token=")
        .await;
    assert_eq!(
        owner
            .call("auth/verify_email", &[("token", &verify)])
            .await
            .status,
        200
    );
    owner.sign_in("owner@example.com", OWNER_PASSWORD).await;
    let invited = owner
        .call(
            "team/invite_member",
            &[("email", "invitee@example.com"), ("role", "developer")],
        )
        .await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let invite = smtp
        .link_token("invitee@example.com", "/invite?token=")
        .await;
    let invitee = Browser::with_origin(&base, &base);
    let joined = invitee
        .call(
            "team/register_with_invite",
            &[
                ("token", &invite),
                ("display_name", "Ivan Invitee"),
                ("password", INVITEE_PASSWORD),
            ],
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let sessions = [
        owner.session_cookie().expect("owner's session"),
        invitee.session_cookie().expect("invitee's session"),
    ];
    assert_eq!(owner.call("auth/sign_out", &[]).await.status, 200);
    server.kill().await.expect("stop the server");

    let text = std::fs::read_to_string(&log).expect("log");
    assert!(
        text.contains("TRACE"),
        "the log is at its most verbose: {} bytes",
        text.len()
    );
    assert!(
        text.contains("/api/team/invite_member"),
        "requests are logged"
    );
    for (what, secret) in [
        ("the owner's password", OWNER_PASSWORD),
        ("the invitee's password", INVITEE_PASSWORD),
        ("the verification token", verify.as_str()),
        ("the invite token", invite.as_str()),
        ("the owner's session id", sessions[0].as_str()),
        ("the invitee's session id", sessions[1].as_str()),
    ] {
        assert!(!text.contains(secret), "{what} is in the log");
    }
}
