//! Attempt counters kept in the database, so a limit holds across every instance.

use crate::db::on_db;
use crate::{Db, StoreError};

/// Counts one attempt in `bucket` for the window starting at `window_start` and returns the
/// count including this one. One upsert: concurrent attempts can never read the same count.
pub async fn hit(db: &Db, bucket: &str, window_start: i64) -> Result<i64, StoreError> {
    hit_n(db, bucket, window_start, 1).await
}

/// Counts `n` at once in a bucket's window (megabytes of files, say); the new total.
pub async fn hit_n(db: &Db, bucket: &str, window_start: i64, n: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO throttle (bucket, window_start, hits) VALUES ($1, $2, $3)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = throttle.hits + $3
         RETURNING hits")
        .bind(bucket).bind(window_start).bind(n).fetch_one(p).await)?)
}

/// Forgets a bucket's count for a window (a successful sign-in clears its account's count).
pub async fn clear(db: &Db, bucket: &str, window_start: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM throttle WHERE bucket = $1 AND window_start = $2")
        .bind(bucket).bind(window_start).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn purge_before(db: &Db, cutoff: i64) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM throttle WHERE window_start < $1")
        .bind(cutoff).execute(p).await.map(|r| r.rows_affected()))?,
    )
}
