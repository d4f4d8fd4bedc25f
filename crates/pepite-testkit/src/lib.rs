//! Test support: a fresh database per test on SQLite or PostgreSQL, and the `both_backends!`
//! macro that runs one test body on each. With `CI` set, PostgreSQL must be reachable;
//! without it, PostgreSQL tests say loudly that they were skipped. `browser` drives headless
//! Chromium for end-to-end page tests; `pdf` reads documents with poppler and qpdf.

pub mod browser;
pub mod pdf;
pub mod s3;
pub mod smtp;
pub mod stripe_fake;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use pepite_store::Db;
use rand::Rng;
use sqlx::Connection;

/// A database that exists for one test and is removed when dropped.
pub struct TestDb {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(PathBuf),
    Postgres { admin_url: String, name: String },
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_suffix() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let r: u32 = rand::rng().random();
    format!("{}_{n}_{r:08x}", std::process::id())
}

/// Whether the run is a CI run, where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| !v.is_empty() && v != "false" && v != "0")
        .unwrap_or(false)
}

/// The last 30 lines of a helper process's log, to say why it would not start or answer.
pub(crate) fn log_tail(what: &str, log: &std::path::Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(30);
    format!(
        "{what} log ({}):\n{}",
        log.display(),
        lines[start..].join("\n")
    )
}

/// The PostgreSQL server tests use: `PEPITE_TEST_POSTGRES_URL`, or the local default.
pub fn postgres_admin_url() -> String {
    std::env::var("PEPITE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A migrated SQLite database in a fresh temporary file.
pub async fn sqlite() -> TestDb {
    sqlite_with(4).await
}

/// The same with a pool of `max_connections` (one: whatever waits for a second connection
/// fails instead of passing).
pub async fn sqlite_with(max_connections: u32) -> TestDb {
    let dir = std::env::temp_dir().join("pepite-tests");
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(format!("t{}.db", unique_suffix()));
    let db = Db::connect_with(&format!("sqlite://{}", path.display()), max_connections)
        .await
        .expect("open SQLite");
    db.migrate().await.expect("migrate SQLite");
    TestDb {
        db,
        cleanup: Cleanup::SqliteFile(path),
    }
}

impl TestDb {
    /// The database's URL on PostgreSQL, for a separate process to open (`None` on SQLite).
    pub fn postgres_url(&self) -> Option<String> {
        match &self.cleanup {
            Cleanup::Postgres { admin_url, name } => Some(database_url(admin_url, name)),
            Cleanup::SqliteFile(_) => None,
        }
    }

    /// Another handle on the same PostgreSQL database with its own pool and caches, as a
    /// second `pepite serve` instance would have (`None` on SQLite: one process per file).
    pub async fn another_instance(&self) -> Option<Db> {
        match &self.cleanup {
            Cleanup::Postgres { admin_url, name } => Some(
                Db::connect_with(&database_url(admin_url, name), 4)
                    .await
                    .expect("second handle"),
            ),
            Cleanup::SqliteFile(_) => None,
        }
    }
}

/// Says that a PostgreSQL test could not run; in CI that is a failure, not a skip.
pub fn skip_or_fail(what: &str, why: &str) {
    if in_ci() {
        panic!("{what} cannot run in CI: {why}");
    }
    eprintln!("\n*** SKIPPED {what}: {why} (set CI=true to make this a failure) ***\n");
}

/// A migrated PostgreSQL database copied from a template, or `None` (loudly) when no server
/// answers outside CI.
pub async fn postgres() -> Option<TestDb> {
    let admin_url = postgres_admin_url();
    let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
        Ok(c) => c,
        Err(e) => {
            skip_or_fail("PostgreSQL test", &format!("no server at {admin_url}: {e}"));
            return None;
        }
    };
    let template = format!("pepite_tpl_{}", pepite_store::postgres_schema_fingerprint());
    ensure_template(&mut admin, &admin_url, &template).await;
    let name = format!("pepite_t_{}", unique_suffix());
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE {template}"
    )))
    .execute(&mut admin)
    .await
    .expect("create test database");
    let _ = admin.close().await;
    let db = Db::connect_with(&database_url(&admin_url, &name), 4)
        .await
        .expect("open test database");
    Some(TestDb {
        db,
        cleanup: Cleanup::Postgres { admin_url, name },
    })
}

async fn ensure_template(admin: &mut sqlx::PgConnection, admin_url: &str, template: &str) {
    // One process builds the template; the others wait on the same advisory lock.
    sqlx::query("SELECT pg_advisory_lock(7411)")
        .execute(&mut *admin)
        .await
        .expect("lock");
    let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(template)
        .fetch_optional(&mut *admin)
        .await
        .expect("look up template");
    if exists.is_none() {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {template}")))
            .execute(&mut *admin)
            .await
            .expect("create template");
        let db = Db::connect_with(&database_url(admin_url, template), 1)
            .await
            .expect("open template");
        db.migrate().await.expect("migrate template");
        db.close().await;
    }
    sqlx::query("SELECT pg_advisory_unlock(7411)")
        .execute(&mut *admin)
        .await
        .expect("unlock");
}

/// The same server URL with another database name.
pub fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let server = match base.rfind('/') {
        Some(i) if i > base.find("://").map(|s| s + 2).unwrap_or(0) => &base[..i],
        _ => base,
    };
    format!("{server}/{name}{query}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm", ".lock"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a separate thread gets its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async {
                        let mut admin = sqlx::PgConnection::connect(&url).await.ok()?;
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut admin)
                        .await
                        .ok()
                    })
                })
                .join();
            }
        }
    }
}

/// Runs one async test body against a fresh SQLite database and a fresh PostgreSQL database,
/// as two tests named `<name>::sqlite` and `<name>::postgres`.
///
/// ```ignore
/// both_backends!(async fn c5_search_folds_accents(db) { ... });
/// ```
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($db: ::pepite_store::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::sqlite().await;
                body(t.db.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) = $crate::postgres().await {
                    body(t.db.clone()).await;
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_swaps_the_name() {
        assert_eq!(
            database_url("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            database_url("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
