//! The pruning job: what is no longer needed goes, what is still needed stays, and of
//! several servers on one database one prunes at a time.

use crate::support::TestDb;
use crate::support::process::{ServerProcess, free_port};
use app::server::clock::Clock;
use std::time::{Duration, Instant};

/// Runs each statement on `db`, binding `now` to `$1`.
async fn run(db: &TestDb, statements: &[&str], now: i64) {
    for statement in statements {
        sqlx::query(statement)
            .bind(now)
            .execute(&db.pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

/// The `kept` marks of `table` left, sorted.
async fn left(db: &TestDb, table: &str, column: &str) -> Vec<String> {
    let mut marks: Vec<String> = sqlx::query_scalar(&format!("SELECT {column} FROM {table}"))
        .fetch_all(&db.pool)
        .await
        .expect("rows");
    marks.sort();
    marks
}

#[tokio::test]
async fn the_pruning_job_removes_what_is_finished_past_the_retention_and_runs_once_across_servers()
{
    let db = TestDb::create().await;
    let folder = tempfile::tempdir().expect("folder");
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("PRUNE_INTERVAL_SECONDS", "1"),
        ("RETENTION_DAYS", "30"),
    ];
    let first = ServerProcess::start(free_port(), &env, &folder.path().join("first.log")).await;
    // The servers of this test are processes of their own, on the system's time.
    let now = Clock::default().now();
    // Each table gets rows to remove ("old-…") and rows to keep ("keep-…").
    run(
        &db,
        &[
            "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (900, 'owner@example.test', 'Owner', 'x', 0)",
            "INSERT INTO workspaces (id, name, created_at) VALUES (900, 'Pruned', 0)",
            "INSERT INTO projects (id, workspace_id, name, created_at) VALUES (900, 900, 'Pruned', 0)",
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('old-expired', 900, 0, $1 - 1), ('keep-valid', 900, 0, $1 + 3600)",
            "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at, used_at) VALUES \
             (900, 'old-used', 0, $1 + 3600, $1 - 31 * 86400), (900, 'keep-used-lately', 0, $1 + 3600, $1 - 86400), \
             (900, 'keep-pending', $1, $1 + 3600, NULL)",
            "INSERT INTO registrations (email, display_name, password_hash, token_hash, created_at, expires_at) VALUES \
             ('a@example.test', 'A', '', 'old-expired', 0, $1 - 31 * 86400), ('b@example.test', 'B', 'x', 'keep-waiting', $1, $1 + 3600)",
            "INSERT INTO invites (workspace_id, email, role, token_hash, created_at, expires_at, revoked_at) VALUES \
             (900, 'c@example.test', 'viewer', 'old-revoked', 0, $1 + 3600, $1 - 40 * 86400), \
             (900, 'd@example.test', 'viewer', 'keep-expired-lately', 0, $1 - 86400, NULL)",
            "INSERT INTO project_shares (project_id, email, role, token_hash, created_at, expires_at, ended_at, ended_how) VALUES \
             (900, 'e@example.test', 'viewer', 'old-ended', 0, 0, $1 - 31 * 86400, 'revoked'), \
             (900, 'f@example.test', 'viewer', 'keep-pending', $1, $1 + 3600, NULL, NULL)",
            "INSERT INTO outbox (message_id, kind, recipient, subject, text_body, html_body, created_at, next_attempt_at, sent_at) VALUES \
             ('old-sent', 'k', 'g@example.test', 's', '', '', 0, 0, $1 - 31 * 86400), \
             ('keep-sent-lately', 'k', 'g@example.test', 's', '', '', 0, 0, $1 - 86400), \
             ('keep-unsent', 'k', 'g@example.test', 's', 't', 'h', 0, $1 + 3600, NULL)",
            "INSERT INTO sign_in_queue (subject, next_at_ms) VALUES ('old-idle', ($1 - 2 * 86400) * 1000), ('keep-busy', $1 * 1000)",
        ],
        now,
    )
    .await;

    let expected = [
        ("sessions", "token_hash", vec!["keep-valid"]),
        (
            "password_resets",
            "token_hash",
            vec!["keep-pending", "keep-used-lately"],
        ),
        ("registrations", "token_hash", vec!["keep-waiting"]),
        ("invites", "token_hash", vec!["keep-expired-lately"]),
        ("project_shares", "token_hash", vec!["keep-pending"]),
        (
            "outbox",
            "message_id",
            vec!["keep-sent-lately", "keep-unsent"],
        ),
        ("sign_in_queue", "subject", vec!["keep-busy"]),
    ];
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let mut all_pruned = true;
        for (table, column, kept) in &expected {
            all_pruned &= left(&db, table, column).await == *kept;
        }
        if all_pruned {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not pruned: {:?}",
            std::fs::read_to_string(folder.path().join("first.log"))
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let nothing_old =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions WHERE token_hash LIKE 'old-%'")
            .fetch_one(&db.pool)
            .await
            .expect("count");
    assert_eq!(nothing_old, 0);

    // A second server on the same database: still at most one run a second in all.
    let second = ServerProcess::start(free_port(), &env, &folder.path().join("second.log")).await;
    let runs = || async {
        sqlx::query_scalar::<_, i64>("SELECT runs FROM background_jobs WHERE name = 'prune'")
            .fetch_one(&db.pool)
            .await
            .expect("runs")
    };
    let (before, started) = (runs().await, Instant::now());
    tokio::time::sleep(Duration::from_secs(4)).await;
    let (ran, seconds) = (runs().await - before, started.elapsed().as_secs_f64());
    assert!(ran >= 1, "the job ran while two servers were up");
    assert!(
        f64::from(u32::try_from(ran).expect("runs")) <= seconds.ceil() + 1.0,
        "{ran} runs in {seconds:.1} s: two servers both ran the job"
    );
    first.stop().await;
    second.stop().await;
}
