//! The database, behind methods that speak the domain's types.
//!
//! One set of SQL strings runs on SQLite and PostgreSQL through sqlx's `Any` driver.
//! Every use case that writes is one transaction, including the email it queues.

pub mod access_review;
mod accounts;
mod activity;
mod billing;
mod catalogue;
pub mod fault;
mod invites;
mod joining;
mod key_warnings;
mod keys;
mod licence_sales;
mod member_list;
mod members;
mod outbox;
mod password_resets;
mod profile;
mod project_access;
mod project_licences;
mod project_members;
mod projects;
mod pruning;
mod read_connections;
mod repository;
mod sessions;
mod share_ends;
mod share_records;
mod shared_with_me;
mod shares;
mod sign_in_limits;
mod verification;
mod workspaces;

pub use accounts::{Credentials, NewAccount, VERIFICATION_SECONDS};
pub use activity::{EmailedLink, Event};
pub use invites::{INVITE_SECONDS, InviteLetter, NewInvite};
pub use joining::{Accepted, InviteLink};
pub use key_warnings::KeyEndingLetter;
pub use keys::{KeyMaterial, MAX_ACTIVE_KEYS};
pub use outbox::{OutgoingEmail, QueuedEmail};
pub use profile::EmailChangeLetters;
pub use project_access::{ProjectChange, ProjectFacts};
pub use pruning::Pruned;
pub use read_connections::READERS;
pub use repository::{RepositoryKey, ServedRelease};
pub use sessions::SessionUser;
pub use share_ends::ShareEndLetter;
pub use share_records::{SHARE_SECONDS, ShareLetter};
pub use shared_with_me::ShareLink;
pub use verification::LinkStatus;

/// The name of the workspace every account gets: named after its owner.
pub fn personal_workspace_name(display_name: &str) -> String {
    format!("{display_name}'s workspace")
}

/// Parses the text `value` of a column with `parse`; a value it refuses is a decoding
/// error, since the database holds only what the store wrote.
pub(super) fn decoded<T, E>(
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, sqlx::Error>
where
    E: std::error::Error + Send + Sync + 'static,
{
    parse(value).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

use read_connections::{ReadConnection, Readers};
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Which database engine the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The embedded default: one file, one machine.
    Sqlite,
    /// Several stateless servers against one database.
    Postgres,
}

impl Engine {
    /// The engine a `DATABASE_URL` names, if any.
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// How long a request waits for a connection (or on SQLite a turn to read), then
/// answers 503.
const CONNECTION_WAIT: Duration = Duration::from_secs(5);

/// A pool of database connections; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// On SQLite, the connections kept for reads (see [`read_connections`]).
    readers: Option<Arc<Readers>>,
    /// How many calls are waiting for a connection (sqlx does not say), or on SQLite
    /// for the write lock.
    waiting: Arc<AtomicUsize>,
}

/// Counts one wait for a connection while it lasts, also when the wait is cancelled.
struct Waiter<'a>(&'a AtomicUsize);

impl<'a> Waiter<'a> {
    fn start(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(count)
    }
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A write transaction.
pub type Tx = Transaction<'static, Any>;

impl Store {
    /// Connects to `url`. SQLite runs in WAL mode with a busy timeout and foreign keys on.
    pub async fn connect(url: &str, engine: Engine) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            // On SQLite, the readers' connections and two for transactions (one
            // writes at a time).
            .max_connections(if engine == Engine::Sqlite {
                u32::try_from(READERS + 2).unwrap_or(8)
            } else {
                16
            })
            .acquire_timeout(CONNECTION_WAIT)
            // A SQLite connection is a file opened by this process: it cannot go stale,
            // and pinging it before each use is a round trip to its worker thread per
            // statement. A PostgreSQL connection can (a restarted server), so it is pinged.
            .test_before_acquire(engine != Engine::Sqlite)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        Ok(Self {
            pool,
            engine,
            readers: (engine == Engine::Sqlite).then(|| Arc::new(Readers::new())),
            waiting: Arc::default(),
        })
    }

    /// The connection pool, for migrations.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// How many of the store's calls are waiting for a connection right now (on SQLite,
    /// a write transaction also waits here for the write lock).
    pub fn waiting_for_connection(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    /// A connection to read with; every read of the store goes through here, so the
    /// wait for one is counted. On SQLite it is one kept from an earlier read.
    async fn conn(&self) -> Result<ReadConnection<'_>, sqlx::Error> {
        let _waiter = Waiter::start(&self.waiting);
        match &self.readers {
            Some(readers) => readers.take(&self.pool, CONNECTION_WAIT).await,
            None => Ok(ReadConnection::pooled(self.pool.acquire().await?)),
        }
    }

    /// A plain transaction (no write lock taken first), its wait counted as in [`Self::conn`].
    async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let _waiter = Waiter::start(&self.waiting);
        self.pool.begin().await
    }

    /// The engine behind this store.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The newest migration applied to the database, for the readiness probe.
    pub async fn applied_migration(&self) -> Result<Option<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *self.conn().await?)
            .await
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so a read-then-write transaction waits for its turn instead
    /// of failing with "database is locked".
    pub async fn write_tx(&self) -> Result<Tx, sqlx::Error> {
        let _waiter = Waiter::start(&self.waiting);
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }
}
