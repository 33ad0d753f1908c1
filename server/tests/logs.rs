//! No secret reaches the logs: the server binary runs with the most verbose logging
//! while an owner registers, verifies, signs in and invites someone who registers
//! through the link and accepts; then the log is searched for every password, link
//! token and session id of the run. On both databases.

use crate::support::mail::SmtpServer;
use crate::support::process::{ServerProcess, free_port};
use crate::support::{Browser, TestDb};

const OWNER_PASSWORD: &str = "owner's long secret passphrase";
const INVITEE_PASSWORD: &str = "invitee's long secret passphrase";

#[tokio::test]
async fn no_password_token_or_session_id_reaches_the_most_verbose_log() {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let folder = tempfile::tempdir().expect("folder");
    let log = folder.path().join("server.log");
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("SMTP_URL", smtp_url.as_str()),
        ("RUST_LOG", "trace"),
    ];
    let server = ServerProcess::start(free_port(), &env, &log).await;
    let base = server.base_url.clone();

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
        .register_with_link(
            "team/register_with_invite",
            &invite,
            "Ivan Invitee",
            INVITEE_PASSWORD,
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let sessions = [
        owner.session_cookie().expect("owner's session"),
        invitee.session_cookie().expect("invitee's session"),
    ];
    assert_eq!(owner.call("auth/sign_out", &[]).await.status, 200);
    server.stop().await;

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
