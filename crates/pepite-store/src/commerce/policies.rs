//! Each shop's policy as data (P3): one JSON document per shop with a version, saved by
//! compare-and-set.

use crate::db::on_db;
use crate::{Db, StoreError};

/// The shop's saved policy document and its version, if one was ever saved.
pub async fn load(db: &Db, shop_id: i64) -> Result<Option<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT body, version FROM shop_policies WHERE shop_id = $1")
        .bind(shop_id).fetch_optional(p).await)?)
}

/// Saves a new version if the saved one is still `expected_version` (0 = none saved yet):
/// two admins editing at once cannot silently overwrite each other.
pub async fn save(
    db: &Db,
    shop_id: i64,
    body: &str,
    expected_version: i64,
    user_id: Option<i64>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = if expected_version == 0 {
        on_db!(db, p => sqlx::query(
            "INSERT INTO shop_policies (shop_id, body, version, updated_at, updated_by)
             VALUES ($1, $2, 1, $3, $4) ON CONFLICT (shop_id) DO NOTHING")
            .bind(shop_id).bind(body).bind(now).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?
    } else {
        on_db!(db, p => sqlx::query(
            "UPDATE shop_policies SET body = $2, version = version + 1, updated_at = $4, updated_by = $5
             WHERE shop_id = $1 AND version = $3")
            .bind(shop_id).bind(body).bind(expected_version).bind(now).bind(user_id)
            .execute(p).await.map(|r| r.rows_affected()))?
    };
    Ok(n == 1)
}
