//! Jobs and timers (DESIGN: jobs): rows written in the transaction of the change that causes
//! them, claimed by any instance's worker under a lease, retried with backoff, and parked as
//! `dead` for staff once their attempts are spent.

use sqlx::FromRow;

use crate::db::{Lease, on_db};
use crate::{Db, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub dedupe: Option<String>,
    pub state: String,
    pub run_at: i64,
    pub attempts: i64,
    pub max_attempts: i64,
    pub leased_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, payload, dedupe, state, run_at, attempts, max_attempts, leased_by,
    last_error, created_at, finished_at";

/// A job to run at `run_at` or later. With a `dedupe` key, a second job with the same key is
/// not created (false is returned): that is how N instances queue a periodic tick once.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: &'a str,
    pub dedupe: Option<&'a str>,
    pub run_at: i64,
    pub max_attempts: i64,
}

/// Queues a job (periodic ticks; a job caused by a change would be queued in its
/// transaction the same way).
pub async fn enqueue(db: &Db, job: &NewJob<'_>, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "INSERT INTO jobs (kind, payload, dedupe, state, run_at, max_attempts, created_at)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6) ON CONFLICT (dedupe) DO NOTHING")
        .bind(job.kind).bind(job.payload).bind(job.dedupe).bind(job.run_at)
        .bind(job.max_attempts).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Claims up to `limit` due jobs for `worker` until `lease_until`: each gets one more attempt.
/// A job whose worker died is due again when its lease ends. On PostgreSQL concurrent workers
/// skip each other's rows (`SKIP LOCKED`); SQLite has one writer at a time anyway.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<JobRow>, StoreError> {
    let sql = format!(
        "UPDATE jobs SET state = 'running', run_at = $3, attempts = attempts + 1, leased_by = $4
         WHERE id IN (SELECT id FROM jobs WHERE state IN ('queued', 'running') AND run_at <= $1
                      ORDER BY run_at, id LIMIT $2{{lock}})
         RETURNING {COLUMNS}"
    );
    let lease = Lease {
        now,
        limit,
        lease_until,
        worker,
    };
    crate::db::claim(db, &sql, &lease).await
}

/// The claimed attempt finished: done. False when the lease was lost (another worker took the
/// job after this one's lease ended), in which case that worker's outcome counts.
pub async fn complete(db: &Db, job: &JobRow, worker: &str, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE jobs SET state = 'done', finished_at = $4, last_error = NULL
         WHERE id = $1 AND state = 'running' AND leased_by = $2 AND attempts = $3")
        .bind(job.id).bind(worker).bind(job.attempts).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The claimed attempt failed: queued again at `retry_at`, or dead when its attempts are spent.
pub async fn fail(
    db: &Db,
    job: &JobRow,
    worker: &str,
    error: &str,
    retry_at: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE jobs SET last_error = $4,
             state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
             run_at = $5,
             finished_at = CASE WHEN attempts >= max_attempts THEN $6 ELSE NULL END
         WHERE id = $1 AND state = 'running' AND leased_by = $2 AND attempts = $3")
        .bind(job.id).bind(worker).bind(job.attempts).bind(error).bind(retry_at).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Staff's retry button: a dead job is queued again with fresh attempts.
pub async fn retry(db: &Db, id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $2, finished_at = NULL
         WHERE id = $1 AND state = 'dead'")
        .bind(id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether a job with this id exists (a refused retry says "not found" or "not dead").
pub async fn exists(db: &Db, id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM jobs WHERE id = $1")
        .bind(id).fetch_one(p).await)?;
    Ok(n > 0)
}

/// Jobs in `state`, newest first, before `before_id`.
pub async fn list(
    db: &Db,
    state: &str,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<JobRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs WHERE state = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, JobRow>(sql)
        .bind(state).bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?)
}

/// How many jobs are in each state.
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state")
        .fetch_all(p).await)?)
}

/// Forgets finished jobs older than `before` (their effects are recorded elsewhere).
pub async fn purge_done(db: &Db, before: i64) -> Result<u64, StoreError> {
    Ok(on_db!(db, p => sqlx::query(
        "DELETE FROM jobs WHERE state = 'done' AND finished_at < $1")
        .bind(before).execute(p).await.map(|r| r.rows_affected()))?)
}
