//! Hostile input through HTTP: every argument of every server function and page in
//! `permissions.md` gets malformed, wrong-typed, Unicode-edge and oversized values, or
//! goes missing, sent by the owner (who may do the most), on the demo data. Never a
//! 5xx; a refused request writes nothing; a 1 MB value gets 413.

use crate::support::Answer;
use crate::support::matrix::{World, rows, send_as};

/// The owner's column in the table.
const OWNER: usize = 1;

/// Values each argument gets in turn, the others keeping the table's.
const HOSTILE: &[&str] = &[
    "",
    "   ",
    "-1",
    "0",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "1e3",
    "abc",
    "true",
    "\u{0}",
    "\u{202E}gnp.exe",
    "🙂🙂🙂",
    "e\u{301}\u{301}\u{301}\u{301}",
    "\u{FEFF}",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "%00%ff",
    "\\\\'\"",
];

/// A value just under the body cap, and one far over it.
const LONG: usize = 60_000;
const ONE_MEGABYTE: usize = 1 << 20;

/// How many rows each table a request could write to holds, in one query.
async fn fingerprint(world: &World) -> Vec<i64> {
    const TABLES: [&str; 18] = [
        "users",
        "registrations",
        "password_resets",
        "email_changes",
        "workspaces",
        "memberships",
        "invites",
        "projects",
        "project_licences",
        "licences",
        "project_tokens",
        "project_grants",
        "project_shares",
        "activity",
        "outbox",
        "subscriptions",
        "invoices",
        "refund_requests",
    ];
    let counts: Vec<String> = TABLES
        .iter()
        .map(|table| format!("(SELECT COUNT(*) FROM {table})"))
        .collect();
    let row = sqlx::query(&format!("SELECT {}", counts.join(", ")))
        .fetch_one(&world.app.db.pool)
        .await
        .expect("fingerprint");
    (0..TABLES.len())
        .map(|i| sqlx::Row::get::<i64, _>(&row, i))
        .collect()
}

#[tokio::test]
async fn hostile_input_never_errs_on_the_server_and_a_refusal_writes_nothing() {
    let mut world = World::new().await;
    let mut problems = Vec::new();
    for row in rows() {
        // Ending the owner's session would end the run; those take no input anyway.
        if row.args.is_empty() || row.path.starts_with("auth/sign_out") {
            continue;
        }
        let arguments = world.arguments(&row, OWNER).await;
        for (position, (name, _)) in arguments.iter().enumerate() {
            let long = "a".repeat(LONG);
            let huge = "a".repeat(ONE_MEGABYTE);
            // Long values go in bodies; a URL that long is the HTTP library's to refuse.
            let bodies_only = if row.method == "POST" {
                vec![Some(long), Some(huge)]
            } else {
                Vec::new()
            };
            let values = HOSTILE
                .iter()
                .map(|v| Some((*v).to_owned()))
                .chain(bodies_only)
                .chain([None]);
            for value in values {
                let mut sent = arguments.clone();
                match &value {
                    Some(value) => sent[position].1.clone_from(value),
                    None => {
                        sent.remove(position);
                    }
                }
                let before = fingerprint(&world).await;
                let answer: Answer = send_as(&world.browsers[OWNER], &row, &sent).await;
                let shown: String = value
                    .as_deref()
                    .unwrap_or("(missing)")
                    .chars()
                    .take(24)
                    .collect();
                let what = format!("{} {} with {name}={shown:?}", row.method, row.path);
                if answer.status >= 500 {
                    problems.push(format!("{what}: {} {}", answer.status, answer.body));
                }
                if value.as_ref().is_some_and(|v| v.len() == ONE_MEGABYTE) && answer.status != 413 {
                    problems.push(format!("{what}: {} instead of 413", answer.status));
                }
                if answer.status >= 400 && fingerprint(&world).await != before {
                    problems.push(format!("{what}: refused with {} but wrote", answer.status));
                }
            }
        }
    }
    let alive = world.browsers[OWNER].get("/sign-in").await;
    assert_eq!(alive.status, 200, "the server still answers");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
