//! On SQLite the store's reads keep their connections for the next read (sqlx pings
//! every connection it takes back, a round trip to the connection's thread), never
//! more than `READERS` of them, while a transaction takes a connection of the pool's
//! and gives it back; on PostgreSQL every connection goes back to the pool.

use crate::support::spawn_app;
use app::server::store::{Engine, READERS, Store};
use std::time::Duration;
use tokio::task::JoinSet;

#[tokio::test]
async fn reads_keep_their_connections_on_sqlite_and_transactions_give_theirs_back() {
    let app = spawn_app().await;
    let engine = Engine::from_url(&app.db.url).expect("engine");
    let store = Store::connect(&app.db.url, engine).await.expect("store");
    let pool = store.pool().clone();
    // Twice as many reads at once as there are readers, twice over.
    for _ in 0..2 {
        let mut reads = JoinSet::new();
        for _ in 0..2 * READERS {
            let store = store.clone();
            reads.spawn(async move { store.active_sessions(0).await });
        }
        while let Some(read) = reads.join_next().await {
            read.expect("read ran").expect("read");
        }
    }
    // What goes back to the pool goes back in a task of its own: give it time.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let opened = usize::try_from(pool.size()).expect("size");
    match engine {
        Engine::Sqlite => {
            assert_eq!(pool.num_idle(), 0, "the reads' connections are kept");
            assert!(
                (1..=READERS).contains(&opened),
                "{opened} connections opened for reads, more than {READERS}"
            );
        }
        Engine::Postgres => assert_eq!(pool.num_idle(), opened, "all given back"),
    }

    let mut tx = store.write_tx().await.expect("transaction");
    sqlx::query("DELETE FROM sessions WHERE expires_at < 0")
        .execute(&mut *tx)
        .await
        .expect("delete");
    tx.commit().await.expect("commit");
    let mut waited = 0;
    while pool.num_idle() == 0 && waited < 40 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += 1;
    }
    assert!(
        pool.num_idle() >= 1,
        "the transaction's connection went back to the pool"
    );
    // And the reads still find theirs.
    assert_eq!(store.active_sessions(0).await.expect("read"), 0);
}
