//! `server backup <file>`: a consistent copy of a SQLite database taken while a server
//! runs and others write, which a server then starts on.

use crate::support::process::{ServerProcess, free_port};
use crate::support::{TestDb, postgres_selected};
use sqlx::AnyPool;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Runs `server backup <file>` against `database_url`.
async fn backup(database_url: &str, file: &Path) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("backup")
        .arg(file)
        .env("DATABASE_URL", database_url)
        .output()
        .await
        .expect("the server binary runs")
}

/// Inserts rows into `personal_activity` until `stop`, and answers how many.
async fn write_until(pool: AnyPool, stop: Arc<AtomicBool>) -> i64 {
    let mut written = 0;
    while !stop.load(Ordering::Relaxed) {
        sqlx::query(
            "INSERT INTO personal_activity (email, actor, action, subject, created_at) \
             VALUES ('load@example.test', 'Load', 'wrote', 'a row', $1)",
        )
        .bind(written)
        .execute(&pool)
        .await
        .expect("a write");
        written += 1;
    }
    written
}

#[tokio::test]
async fn a_backup_taken_under_write_load_is_consistent_and_a_server_starts_on_it() {
    let db = TestDb::create().await;
    let folder = tempfile::tempdir().expect("folder");
    let copy = folder.path().join("packagento-backup.db");
    let server = ServerProcess::start(
        free_port(),
        &[("DATABASE_URL", &db.url), ("DEMO_DATA", "1")],
        &folder.path().join("server.log"),
    )
    .await;
    if postgres_selected() {
        let refused = backup(&db.url, &copy).await;
        assert_eq!(refused.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump"));
        assert!(!copy.exists());
        server.stop().await;
        return;
    }

    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_until(db.pool.clone(), stop.clone()));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let taken = backup(&db.url, &copy).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.expect("the writer");
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    assert!(String::from_utf8_lossy(&taken.stdout).contains("Backed up the database to"));
    // A second backup never overwrites a file.
    let again = backup(&db.url, &copy).await;
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    // The copy is whole, holds what was written before it (and not what came after),
    // and a server starts on it with the original's accounts.
    let copy_url = format!("sqlite://{}?mode=rw", copy.display());
    let restored_pool = AnyPool::connect(&copy_url).await.expect("the copy opens");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&restored_pool)
        .await
        .expect("integrity check");
    assert_eq!(check, "ok");
    let copied: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM personal_activity WHERE email = 'load@example.test'",
    )
    .fetch_one(&restored_pool)
    .await
    .expect("rows");
    assert!(
        copied > 0 && copied < written,
        "the copy holds {copied} of {written} rows written around it"
    );
    let users = "SELECT COUNT(*) FROM users";
    let (original_users, copied_users): (i64, i64) = (
        sqlx::query_scalar(users)
            .fetch_one(&db.pool)
            .await
            .expect("users"),
        sqlx::query_scalar(users)
            .fetch_one(&restored_pool)
            .await
            .expect("users"),
    );
    assert_eq!(copied_users, original_users);
    restored_pool.close().await;
    server.stop().await;
    let restored = ServerProcess::start(
        free_port(),
        &[("DATABASE_URL", &copy_url)],
        &folder.path().join("restored.log"),
    )
    .await;
    let ready = reqwest::get(format!("{}/readyz", restored.base_url))
        .await
        .expect("readyz");
    assert_eq!(ready.status().as_u16(), 200);
    restored.stop().await;
}
