//! No secret reaches the logs: the server binary runs with the most verbose logging,
//! as text and as JSON, while an owner registers, verifies, signs in and invites
//! someone who registers through the link and accepts; then the log is searched for
//! every password, link token and session id of the run. On both databases. Each
//! request's line names its route template, never its path or query.

use crate::support::mail::SmtpServer;
use crate::support::process::{ServerProcess, free_port};
use crate::support::{Browser, TestDb};

const OWNER_PASSWORD: &str = "owner's long secret passphrase";
const INVITEE_PASSWORD: &str = "invitee's long secret passphrase";

/// A link token sent in a query string, as a mail scanner would.
const QUERY_TOKEN: &str = "token-in-a-query-string-0123456789";

/// Runs the flow against a server logging with `format`, and checks the log holds no
/// secret of the run; answers the log.
async fn flow_log(format: &str) -> String {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let folder = tempfile::tempdir().expect("folder");
    let log = folder.path().join("server.log");
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("SMTP_URL", smtp_url.as_str()),
        ("RUST_LOG", "trace"),
        ("LOG_FORMAT", format),
    ];
    let server = ServerProcess::start(free_port(), &env, &log).await;
    let base = server.base_url.clone();

    let owner = Browser::with_origin(&base, &base);
    let registered = owner
        .register("owner@example.com", "Olivia Owner", OWNER_PASSWORD)
        .await;
    registered.expect_status(200);
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
    invited.expect_status(200);
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
    joined.expect_status(200);
    let sessions = [
        owner.session_cookie().expect("owner's session"),
        invitee.session_cookie().expect("invitee's session"),
    ];
    let scanned = Browser::with_origin(&base, &base)
        .get(&format!("/reset-password?token={QUERY_TOKEN}"))
        .await;
    assert_eq!(scanned.status, 200);
    assert_eq!(
        scanned.headers["x-request-id"].len(),
        16,
        "each answer names its request"
    );
    assert_eq!(
        owner.get("/projects/987654").await.status,
        200,
        "a page with an id"
    );
    owner.call("auth/sign_out", &[]).await.expect_status(200);
    server.stop().await;

    let text = std::fs::read_to_string(&log).expect("log");
    assert!(
        text.contains("TRACE"),
        "the log is at its most verbose: {} bytes",
        text.len()
    );
    for (what, secret) in [
        ("the owner's password", OWNER_PASSWORD),
        ("the invitee's password", INVITEE_PASSWORD),
        ("the verification token", verify.as_str()),
        ("the invite token", invite.as_str()),
        ("the owner's session id", sessions[0].as_str()),
        ("the invitee's session id", sessions[1].as_str()),
        ("a token in a query string", QUERY_TOKEN),
        ("a page's path with its id", "987654"),
    ] {
        assert!(!text.contains(secret), "{what} is in the log");
    }
    text
}

#[tokio::test]
async fn no_password_token_or_session_id_reaches_the_most_verbose_log() {
    let text = flow_log("text").await;
    assert!(
        text.contains("route=/projects/{id}") && text.contains("answered status=200"),
        "requests are logged with their route"
    );
}

#[tokio::test]
async fn json_logs_are_one_object_per_line_with_the_request_id_route_status_and_latency() {
    let text = flow_log("json").await;
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let answered: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["message"] == "answered")
        .collect();
    assert!(answered.len() >= 8, "{} request lines", answered.len());
    for line in &answered {
        assert!(
            line["timestamp"].is_string() && line["level"] == "INFO",
            "{line}"
        );
        assert!(
            line["status"].is_u64() && line["latency_ms"].is_f64(),
            "{line}"
        );
        let span = &line["span"];
        assert_eq!(
            span["request_id"].as_str().map(str::len),
            Some(16),
            "{line}"
        );
        let route = span["route"].as_str().expect("a route");
        assert!(!route.contains('?'), "{line}");
    }
    let routes: Vec<&str> = answered
        .iter()
        .filter_map(|line| line["span"]["route"].as_str())
        .collect();
    assert!(routes.contains(&"/projects/{id}"), "{routes:?}");
    assert!(routes.contains(&"/reset-password"), "{routes:?}");
}
