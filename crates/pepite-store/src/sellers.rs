//! Sellers' shops (C1, A3): the public face of a seller, never their contact details.

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct SellerRow {
    pub id: i64,
    pub user_id: i64,
    pub shop_name: String,
    pub country: String,
    pub kind: String,
    pub open_to_offers: bool,
    pub bio: String,
    pub created_at: i64,
}

pub struct SellerValues<'a> {
    pub shop_name: &'a str,
    pub shop_key: &'a str,
    pub country: &'a str,
    pub kind: &'a str,
    pub open_to_offers: bool,
    pub bio: &'a str,
}

const COLUMNS: &str = "id, user_id, shop_name, country, kind, open_to_offers, bio, created_at";

/// Opens a shop. A person has at most one (`Conflict` on `user_id`); shop names are unique
/// once folded (`Conflict` on `shop_key`).
/// A new seller of shop `shop_id` (P3).
pub async fn insert(
    db: &Db,
    user_id: i64,
    shop_id: i64,
    v: &SellerValues<'_>,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO sellers (user_id, shop_name, shop_key, country, kind, open_to_offers, bio, created_at, shop_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(user_id).bind(v.shop_name).bind(v.shop_key).bind(v.country).bind(v.kind)
        .bind(v.open_to_offers).bind(v.bio).bind(now).bind(shop_id).fetch_one(p).await)?)
}

pub async fn update(db: &Db, seller_id: i64, v: &SellerValues<'_>) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE sellers SET shop_name = $2, shop_key = $3, country = $4, kind = $5,
                open_to_offers = $6, bio = $7 WHERE id = $1")
        .bind(seller_id).bind(v.shop_name).bind(v.shop_key).bind(v.country).bind(v.kind)
        .bind(v.open_to_offers).bind(v.bio).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn by_user(db: &Db, user_id: i64) -> Result<Option<SellerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM sellers WHERE user_id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, SellerRow>(sql).bind(user_id).fetch_optional(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<SellerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM sellers WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, SellerRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A shop as the public sees it: a closed one (its owner closed their account) is missing.
pub async fn open_by_id(db: &Db, id: i64) -> Result<Option<SellerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sellers WHERE id = $1 AND closed_at IS NULL"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, SellerRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A shop's track record for buyers: pieces it has sold here, since when it sells, and the
/// language its owner uses (the one its pieces are described in).
pub async fn track_record(db: &Db, id: i64) -> Result<Option<(i64, i64, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT (SELECT COUNT(*) FROM pieces WHERE seller_id = $1 AND state = 'sold'),
                s.created_at, u.language
         FROM sellers s JOIN users u ON u.id = s.user_id WHERE s.id = $1")
        .bind(id).fetch_optional(p).await)?)
}

/// Shops in name order, for the back office and the API.
pub async fn list(
    db: &Db,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<SellerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sellers WHERE id > $1 ORDER BY id LIMIT $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, SellerRow>(sql)
        .bind(after_id.unwrap_or(0)).bind(limit).fetch_all(p).await)?)
}

/// The shop names of these sellers (finance reads ledger accounts by seller id); unknown ids
/// are left out. Asked in chunks so a long list stays within either backend's bind limit.
pub async fn names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
    let mut names = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT id, shop_name FROM sellers WHERE id IN ({}) ORDER BY id",
            marks.join(", ")
        ));
        let rows = on_db!(db, p => {
            let mut q = sqlx::query_as::<_, (i64, String)>(sql);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        names.extend(rows);
    }
    Ok(names)
}
