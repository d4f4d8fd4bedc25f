//! The shop's policy as data (P3): one JSON document with a version, saved by compare-and-set.

use crate::db::on_db;
use crate::{Db, StoreError};

/// The saved policy document and its version, if an admin ever saved one.
pub async fn load(db: &Db) -> Result<Option<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT body, version FROM policies WHERE id = 1").fetch_optional(p).await)?)
}

/// Saves a new version if the saved one is still `expected_version` (0 = none saved yet):
/// two admins editing at once cannot silently overwrite each other.
pub async fn save(
    db: &Db,
    body: &str,
    expected_version: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = if expected_version == 0 {
        on_db!(db, p => sqlx::query(
            "INSERT INTO policies (id, body, version, updated_at, updated_by) VALUES (1, $1, 1, $2, $3)
             ON CONFLICT (id) DO NOTHING")
            .bind(body).bind(now).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?
    } else {
        on_db!(db, p => sqlx::query(
            "UPDATE policies SET body = $1, version = version + 1, updated_at = $3, updated_by = $4
             WHERE id = 1 AND version = $2")
            .bind(body).bind(expected_version).bind(now).bind(user_id)
            .execute(p).await.map(|r| r.rows_affected()))?
    };
    Ok(n == 1)
}
