//! One handle over either backend. Each query is written once with `$N` placeholders and run
//! on the native pool of the backend in use; where the dialects differ the code says so.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::StoreError;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database. Cheap to clone; every clone shares the pool (and, on SQLite, the lock that
/// keeps a second process off the same file).
#[derive(Clone)]
pub struct Db {
    pub(crate) pool: Pool,
    /// This process's index of the catalogue's filterable attributes (see `catalog/facets.rs`).
    pub(crate) facets: Arc<crate::catalog::FacetIndex>,
    _exclusive: Option<Arc<File>>,
}

/// An open write transaction on either backend.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$p` bound to the backend's pool; each arm is compiled for its backend.
macro_rules! on_db {
    ($db:expr, $p:ident => $body:expr) => {
        match &$db.pool {
            $crate::db::Pool::Sqlite($p) => $body,
            $crate::db::Pool::Postgres($p) => $body,
        }
    };
}

/// Runs `$body` with `$c` bound to the transaction's connection.
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

pub(crate) use {on_db, on_tx};

/// A JSON object built by the database from `pairs` (`'key', expression, …`), as text: how
/// set-based statements write notification parameters for many rows at once.
pub(crate) fn json_object(backend: Backend, pairs: &str) -> String {
    match backend {
        Backend::Sqlite => format!("json_object({pairs})"),
        Backend::Postgres => format!("json_build_object({pairs})::text"),
    }
}

/// The parameters of a lease claim: rows due at `now`, at most `limit`, leased to `worker`
/// until `lease_until`.
pub(crate) struct Lease<'a> {
    pub now: i64,
    pub limit: i64,
    pub lease_until: i64,
    pub worker: &'a str,
}

/// Runs a claim written with `$1` now, `$2` limit, `$3` lease end, `$4` worker and `{lock}`
/// where the choice of rows ends: `FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent
/// workers skip each other's rows; nothing on SQLite, which has one writer at a time.
pub(crate) async fn claim<T>(db: &Db, sql: &str, lease: &Lease<'_>) -> Result<Vec<T>, StoreError>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let sql = |lock: &str| sqlx::AssertSqlSafe(sql.replace("{lock}", lock));
    Ok(match &db.pool {
        Pool::Sqlite(p) => {
            sqlx::query_as::<_, T>(sql(""))
                .bind(lease.now)
                .bind(lease.limit)
                .bind(lease.lease_until)
                .bind(lease.worker)
                .fetch_all(p)
                .await?
        }
        Pool::Postgres(p) => {
            sqlx::query_as::<_, T>(sql(" FOR UPDATE SKIP LOCKED"))
                .bind(lease.now)
                .bind(lease.limit)
                .bind(lease.lease_until)
                .bind(lease.worker)
                .fetch_all(p)
                .await?
        }
    })
}

/// `($1, $2), ($3, $4), …`: the placeholders of a multi-row `VALUES` list, so a batch of rows
/// costs one round trip instead of one per row.
pub(crate) fn values_list(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens `sqlite://path`, `sqlite::memory:` or `postgres://…`. A SQLite file is created if
    /// missing and locked for this process: a second process is refused with a clear message.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        Self::connect_with(url, default_pool_size()).await
    }

    /// Like [`Db::connect`] with an explicit pool size.
    pub async fn connect_with(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::Config(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db {
                pool: Pool::Postgres(pool),
                facets: Arc::default(),
                _exclusive: None,
            })
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Reads go through a shared memory map of the file instead of a copy per
                // connection: no read syscalls, one copy in memory whatever the pool size.
                .pragma("mmap_size", "4294967296")
                .pragma("cache_size", "-8000")
                .pragma("temp_store", "memory");
            let filename = options.get_filename().to_path_buf();
            let exclusive = if filename.as_os_str().is_empty() || filename == Path::new(":memory:")
            {
                None
            } else {
                Some(Arc::new(lock_database_file(&filename)?))
            };
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db {
                pool: Pool::Sqlite(pool),
                facets: Arc::default(),
                _exclusive: exclusive,
            })
        } else {
            Err(StoreError::Config(format!(
                "unsupported database URL (expected sqlite://… or postgres://…): {}",
                redact(url)
            )))
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend. On PostgreSQL sqlx holds an advisory
    /// lock while it runs, so several instances may start together.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Pool::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so the write lock is
    /// taken at once rather than failing with SQLITE_BUSY when a read upgrades to a write.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_db!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }

    /// The step names of both migration folders, so a test can prove they are kept in step.
    pub fn migration_steps() -> (Vec<String>, Vec<String>) {
        let names = |m: &sqlx::migrate::Migrator| {
            m.iter()
                .map(|s| format!("{}_{}", s.version, s.description))
                .collect::<Vec<_>>()
        };
        (names(&SQLITE_MIGRATIONS), names(&POSTGRES_MIGRATIONS))
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get() as u32)
        .unwrap_or(2);
    (cores * 4).clamp(4, 16)
}

/// Takes an exclusive advisory lock on `<database>.lock` for the life of the process.
/// SQLite is embedded: two processes writing one file through separate pools would each
/// believe they are alone (jobs claimed twice, sessions disagreeing), so the second is refused.
fn lock_database_file(db_path: &Path) -> Result<File, StoreError> {
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Config(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut lock_path = PathBuf::from(db_path);
    lock_path.as_mut_os_string().push(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| StoreError::Config(format!("cannot open {}: {e}", lock_path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Config(format!(
            "another Pépite process is already using the SQLite database {}; \
             stop it first, or use PostgreSQL to run several instances",
            db_path.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Config(format!(
            "cannot lock {}: {e}",
            lock_path.display()
        ))),
    }
}

/// Hides the password of a database URL before it is shown or logged.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A fingerprint of the PostgreSQL migrations (names and checksums): tests keep one migrated
/// template database per fingerprint and copy it for each test.
pub fn postgres_schema_fingerprint() -> String {
    let mut acc: u64 = 0xcbf2_9ce4_8422_2325;
    for m in POSTGRES_MIGRATIONS.iter() {
        for b in m.description.bytes().chain(m.checksum.iter().copied()) {
            acc = (acc ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{acc:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
