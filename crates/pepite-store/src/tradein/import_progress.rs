//! T1: how far a reference catalogue's import has gone, one row per upload's token, read by
//! the partner's page while the upload's request runs (on this instance or another).

use crate::db::on_db;
use crate::{Db, StoreError};

/// Starts counting an upload of `total` lines; false if the token is already taken (then
/// this upload shows no progress rather than another's).
pub async fn start(
    db: &Db,
    token: &str,
    programme_id: i64,
    total: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "INSERT INTO tradein_import_progress (token, programme_id, lines_total, lines_done, updated_at)
         VALUES ($1, $2, $3, 0, $4) ON CONFLICT (token) DO NOTHING")
        .bind(token).bind(programme_id).bind(total).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records that `done` lines are read and their good ones written.
pub async fn advance(db: &Db, token: &str, done: i64, now: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE tradein_import_progress SET lines_done = $2, updated_at = $3 WHERE token = $1")
        .bind(token).bind(done).bind(now).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// (lines done, lines in the file) of an upload to the programme, if it was started.
pub async fn of(db: &Db, token: &str, programme_id: i64) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT lines_done, lines_total FROM tradein_import_progress
         WHERE token = $1 AND programme_id = $2")
        .bind(token).bind(programme_id).fetch_optional(p).await)?)
}
