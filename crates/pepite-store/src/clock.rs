//! The manual clock's stored instant, shared by every instance (DESIGN: time from a `Clock`).

use crate::db::on_db;
use crate::{Db, StoreError};

/// The manual clock's instant, if it was ever set.
pub async fn get(db: &Db) -> Result<Option<i64>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT now_us FROM manual_clock WHERE id = 1")
        .fetch_optional(p).await)?,
    )
}

/// Sets the manual clock, only if it was never set: the first instance to start fixes it.
pub async fn init(db: &Db, now_us: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO manual_clock (id, now_us) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .bind(now_us).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Moves the manual clock to `now_us`.
pub async fn set(db: &Db, now_us: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO manual_clock (id, now_us) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET now_us = excluded.now_us")
        .bind(now_us).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Advances the manual clock by `delta_us` in one statement and returns the new instant.
pub async fn advance(db: &Db, delta_us: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "UPDATE manual_clock SET now_us = now_us + $1 WHERE id = 1 RETURNING now_us")
        .bind(delta_us).fetch_optional(p).await)?)
}
