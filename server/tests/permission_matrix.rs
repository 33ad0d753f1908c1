//! The permission matrix, black-box: every principal against every server function
//! and route, through HTTP, on the demo data, with the outcomes read from
//! `permissions.md` beside this file. A cell that differs fails the test, and so does
//! a server function or page of the router without a row.

use crate::support::matrix::{PRINCIPALS, World, rows};
use std::collections::BTreeSet;

#[tokio::test]
async fn every_principal_gets_exactly_what_the_matrix_says() {
    let rows = rows();
    let functions: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let covered: BTreeSet<String> = rows
        .iter()
        .filter(|row| row.method == "POST")
        .map(|row| row.path.clone())
        .collect();
    assert_eq!(covered, functions, "one row per server function");
    let pages: BTreeSet<String> = server::support::page_routes().into_iter().collect();
    let covered: BTreeSet<String> = rows
        .iter()
        .filter(|row| row.method == "GET")
        .filter(|row| {
            !row.path.starts_with("/composer") && !row.path.starts_with("/org/access-review/")
        })
        .map(|row| row.path.clone())
        .collect();
    assert_eq!(covered, pages, "one row per page of the router");

    let mut world = World::new().await;
    let mut wrong = Vec::new();
    let mut observed = Vec::new();
    for row in &rows {
        // An hour passes between rows: the objects each row makes (a share, an invite
        // per column) never meet the sending limit of their sender.
        world.app.clock.advance(3_600);
        let mut line = Vec::new();
        for (column, principal) in PRINCIPALS.iter().enumerate() {
            let answer = world.send(row, column).await;
            let got = answer.status.to_string();
            if got != row.expected[column] {
                wrong.push(format!(
                    "{} {} as {principal}: {got}, the matrix says {} ({})",
                    row.method,
                    row.path,
                    row.expected[column],
                    answer.body.chars().take(200).collect::<String>()
                ));
            }
            if answer.status == 403 && row.method == "POST" {
                assert!(
                    answer.json()["Forbidden"].is_string(),
                    "a 403 says why: {}",
                    answer.body
                );
            }
            assert!(
                answer.status < 500,
                "{} as {principal}: {}",
                row.path,
                answer.body
            );
            line.push(got);
        }
        observed.push(format!("{} {}: {}", row.method, row.path, line.join(" | ")));
        if row.path.starts_with("auth/sign_out") {
            world.sign_in_again().await;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ from permissions.md:\n{}\n\nobserved:\n{}",
        wrong.len(),
        wrong.join("\n"),
        observed.join("\n")
    );
}
