//! P3: shops as rows. Each names its host, kind, languages and (for a brand's resale shop) its
//! programme; its policy is a row of `shop_policies` (`commerce::policies`). A seller sells
//! in one shop and an order is placed in one, by their `shop_id`.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct ShopRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub host: Option<String>,
    /// Language codes separated by commas, the default first (`fr,en`).
    pub languages: String,
    pub programme_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a shop row holds besides its id and bookkeeping.
pub struct ShopValues<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub host: Option<&'a str>,
    pub languages: &'a str,
    pub programme_id: Option<i64>,
}

const SHOP: &str = "SELECT id, slug, name, kind, host, languages, programme_id, version, created_at, updated_at FROM shops";

/// Every shop, first first.
pub async fn all(db: &Db) -> Result<Vec<ShopRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SHOP} ORDER BY id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ShopRow>(sql).fetch_all(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ShopRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SHOP} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ShopRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The brand's resale shop of a trade-in programme, if one was opened.
pub async fn of_programme(db: &Db, programme_id: i64) -> Result<Option<ShopRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{SHOP} WHERE programme_id = $1"));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ShopRow>(sql).bind(programme_id).fetch_optional(p).await)?,
    )
}

/// A new shop with its first policy, in one transaction; a taken slug, host or programme is
/// the unique constraint's conflict.
pub async fn insert(
    tx: &mut Tx,
    v: &ShopValues<'_>,
    policy: &str,
    user_id: Option<i64>,
    now: i64,
) -> Result<i64, StoreError> {
    let id = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO shops (slug, name, kind, host, languages, programme_id, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id")
        .bind(v.slug).bind(v.name).bind(v.kind).bind(v.host).bind(v.languages)
        .bind(v.programme_id).bind(now).fetch_one(c).await)?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO shop_policies (shop_id, body, version, updated_at, updated_by)
         VALUES ($1, $2, 1, $3, $4)")
        .bind(id).bind(policy).bind(now).bind(user_id).execute(c).await.map(|_| ()))?;
    Ok(id)
}

/// Changes a shop if it is still at `expected_version`; false when someone changed it first.
/// Its kind and programme are kept: pieces and orders were placed under them.
pub async fn update(
    db: &Db,
    id: i64,
    v: &ShopValues<'_>,
    expected_version: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE shops SET slug = $2, name = $3, host = $4, languages = $5,
                version = version + 1, updated_at = $7
         WHERE id = $1 AND version = $6")
        .bind(id).bind(v.slug).bind(v.name).bind(v.host).bind(v.languages)
        .bind(expected_version).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The sellers listing in each shop other than the first, by shop: few (a brand's resale
/// shop has one), which is what lets the first shop's search leave them out cheaply.
pub async fn sellers_outside_first(db: &Db) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT shop_id, id FROM sellers WHERE shop_id <> 1 ORDER BY shop_id, id")
        .fetch_all(p).await)?)
}

/// Moves a seller into a shop (a programme's seller into its resale shop).
pub async fn place_seller(db: &Db, seller_id: i64, shop_id: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("UPDATE sellers SET shop_id = $2 WHERE id = $1")
        .bind(seller_id).bind(shop_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The shop a piece is sold in, through its seller.
pub async fn of_piece(db: &Db, piece_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT s.shop_id FROM pieces p JOIN sellers s ON s.id = p.seller_id WHERE p.id = $1")
        .bind(piece_id).fetch_optional(p).await)?)
}

/// The shop an order was placed in.
pub async fn of_order(db: &Db, order_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT shop_id FROM orders WHERE id = $1")
        .bind(order_id).fetch_optional(p).await)?,
    )
}

/// The shop a seller sells in.
pub async fn of_seller(db: &Db, seller_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT shop_id FROM sellers WHERE id = $1")
        .bind(seller_id).fetch_optional(p).await)?,
    )
}
