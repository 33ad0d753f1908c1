//! The connections the store reads with, kept between reads on SQLite.
//!
//! sqlx pings every connection that goes back to its pool, and a ping of a SQLite
//! connection is a round trip to the thread that connection runs on, as long as a
//! short statement's: each read cost two round trips. A SQLite connection is a file
//! this process opened; it cannot go stale. So on SQLite the store keeps the
//! connections it read with and hands them out again, [`READERS`] at a time, without
//! that ping (5 to 12% less server CPU per page, README's Benchmarks). Transactions
//! take theirs from the pool, as before, and give them back to it; the pool holds two
//! connections more than the readers may keep, for them (one writes at a time). On
//! PostgreSQL a connection can go stale (a restarted server), so every read takes one
//! from the pool and gives it back.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool};
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// How many reads run at once on SQLite, each on a connection of its own.
pub const READERS: usize = 6;

/// The SQLite connections kept for reads, and the turns to read with them.
pub(super) struct Readers {
    idle: Mutex<Vec<PoolConnection<Any>>>,
    turns: Semaphore,
}

impl Readers {
    /// No connection kept yet, [`READERS`] turns free.
    pub(super) fn new() -> Self {
        Self {
            idle: Mutex::new(Vec::with_capacity(READERS)),
            turns: Semaphore::new(READERS),
        }
    }

    /// A connection to read with: one kept from an earlier read, or a new one from
    /// `pool`, once a turn is free; `PoolTimedOut` when none is within `wait`, as the
    /// pool would say.
    pub(super) async fn take<'a>(
        &'a self,
        pool: &AnyPool,
        wait: Duration,
    ) -> Result<ReadConnection<'a>, sqlx::Error> {
        let turn = tokio::time::timeout(wait, self.turns.acquire())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let kept = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match kept {
            Some(conn) => conn,
            None => pool.acquire().await?,
        };
        Ok(ReadConnection {
            conn: Some(conn),
            keep: Some((self, turn)),
        })
    }
}

/// A connection a read runs on: kept for the next read when it came from [`Readers`],
/// else given back to the pool, when it is dropped.
pub(super) struct ReadConnection<'a> {
    /// `None` only while it is dropped.
    conn: Option<PoolConnection<Any>>,
    /// Where it is kept, with the turn that ends when it is.
    keep: Option<(&'a Readers, SemaphorePermit<'a>)>,
}

impl ReadConnection<'_> {
    /// A connection from the pool that goes back to it.
    pub(super) fn pooled(conn: PoolConnection<Any>) -> Self {
        Self {
            conn: Some(conn),
            keep: None,
        }
    }
}

impl Deref for ReadConnection<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        match &self.conn {
            Some(conn) => conn,
            None => unreachable!("a read connection is only taken while it is dropped"),
        }
    }
}

impl DerefMut for ReadConnection<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.conn {
            Some(conn) => conn,
            None => unreachable!("a read connection is only taken while it is dropped"),
        }
    }
}

impl Drop for ReadConnection<'_> {
    fn drop(&mut self) {
        // Kept before the turn ends (the turn is dropped after this), so whoever gets
        // the turn finds the connection.
        if let (Some(conn), Some((readers, _turn))) = (self.conn.take(), &self.keep) {
            readers
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
        }
    }
}
