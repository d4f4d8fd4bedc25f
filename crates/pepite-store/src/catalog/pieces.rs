//! Pieces: creation, edits and state moves, each a single compare-and-set statement (C3).

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// A piece with its shop's public name.
#[derive(Debug, Clone, FromRow)]
pub struct PieceRow {
    pub id: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub state: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size_system: String,
    pub size_label: String,
    pub size_key: String,
    pub grade: String,
    pub colour: String,
    pub materials: String,
    pub description: String,
    pub measurements: String,
    pub price_cents: i64,
    pub weight_g: i64,
    pub country: String,
    pub open_to_offers: bool,
    pub cover_key: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub listed_at: Option<i64>,
    pub sold_at: Option<i64>,
    pub version: i64,
    /// C6/N6: an agreed price and until when it runs (read against now).
    pub agreed_cents: Option<i64>,
    pub agreed_until: Option<i64>,
}

impl PieceRow {
    /// C6: the price everyone sees and pays at `now`.
    pub fn current_price(&self, now: i64) -> i64 {
        pepite_domain::offers::current_price(
            self.price_cents,
            self.agreed_cents.zip(self.agreed_until),
            now,
        )
    }
}

pub(crate) const PIECE_COLUMNS: &str =
    "p.id, p.seller_id, s.shop_name, p.state, p.title, p.brand, p.category,
    p.size_system, p.size_label, p.size_key, p.grade, p.colour, p.materials, p.description,
    p.measurements, p.price_cents, p.weight_g, p.country, p.open_to_offers, p.cover_key,
    p.created_at, p.updated_at, p.listed_at, p.sold_at, p.version, p.agreed_cents, p.agreed_until";

/// Everything a seller describes, already validated, plus the derived search text.
#[derive(Debug, Clone)]
pub struct PieceValues {
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size_system: String,
    pub size_label: String,
    pub size_key: String,
    pub grade: String,
    pub colour: String,
    pub materials: String,
    pub description: String,
    pub measurements: String,
    pub price_cents: i64,
    pub weight_g: i64,
    pub open_to_offers: bool,
}

/// Inserts a draft (or, for bulk demo data, a piece in another state) for a seller; the
/// piece's country is the seller's.
pub async fn insert(
    tx: &mut Tx,
    seller_id: i64,
    v: &PieceValues,
    state: &str,
    now: i64,
) -> Result<i64, StoreError> {
    let listed_at = (state == "listed").then_some(now);
    let seq = next_change(tx).await?;
    let id = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO pieces (seller_id, state, title, brand, category, size_system, size_label, size_key,
             grade, colour, materials, description, measurements, price_cents, weight_g, country,
             open_to_offers, created_at, updated_at, listed_at, change_seq)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, s.country, $16, $17, $17, $18, $19
         FROM sellers s WHERE s.id = $1
         RETURNING id")
        .bind(seller_id).bind(state).bind(&v.title).bind(&v.brand).bind(&v.category)
        .bind(&v.size_system).bind(&v.size_label).bind(&v.size_key).bind(&v.grade).bind(&v.colour)
        .bind(&v.materials).bind(&v.description).bind(&v.measurements).bind(v.price_cents)
        .bind(v.weight_g).bind(v.open_to_offers).bind(now).bind(listed_at)
        .bind(seq).fetch_one(c).await)?;
    Ok(id)
}

/// Takes the next catalogue change number inside `tx` (see the `catalog_changes` migration):
/// the counter row stays locked until `tx` ends, so change numbers become visible in order.
pub(crate) async fn next_change(tx: &mut Tx) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE catalog_version SET seq = seq + 1 WHERE id = 1 RETURNING seq").fetch_one(c).await)?)
}

/// One piece by id, whatever its state; callers decide who may see it (C4, A4).
pub async fn by_id(db: &Db, id: i64) -> Result<Option<PieceRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {PIECE_COLUMNS} FROM pieces p JOIN sellers s ON s.id = p.seller_id WHERE p.id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, PieceRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// Rewrites a piece's description, only if it belongs to `seller_id` and is still editable,
/// and only if nobody changed it since `version` was read (lost updates are refused).
pub async fn update(
    db: &Db,
    id: i64,
    seller_id: i64,
    version: Option<i64>,
    v: &PieceValues,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let seq = next_change(&mut tx).await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET title = $3, brand = $4, category = $5, size_system = $6, size_label = $7,
             size_key = $8, grade = $9, colour = $10, materials = $11, description = $12,
             measurements = $13, price_cents = $14, weight_g = $15, open_to_offers = $16,
             updated_at = $17, version = version + 1, change_seq = $19
         WHERE id = $1 AND seller_id = $2 AND state IN ('draft', 'listed', 'withdrawn')
           AND ($18 IS NULL OR version = $18)")
        .bind(id).bind(seller_id).bind(&v.title).bind(&v.brand).bind(&v.category)
        .bind(&v.size_system).bind(&v.size_label).bind(&v.size_key).bind(&v.grade).bind(&v.colour)
        .bind(&v.materials).bind(&v.description).bind(&v.measurements).bind(v.price_cents)
        .bind(v.weight_g).bind(v.open_to_offers).bind(now).bind(version)
        .bind(seq).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n == 1)
}

/// C3: lists a draft or withdrawn piece of `seller_id` that has at least one photo.
pub async fn list_for_sale(db: &Db, id: i64, seller_id: i64, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let seq = next_change(&mut tx).await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET state = 'listed', listed_at = $3, updated_at = $3, version = version + 1,
             change_seq = $4
         WHERE id = $1 AND seller_id = $2 AND state IN ('draft', 'withdrawn')
           AND EXISTS (SELECT 1 FROM photos ph WHERE ph.piece_id = pieces.id)")
        .bind(id).bind(seller_id).bind(now).bind(seq).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n == 1)
}

/// C3: a seller withdraws a listed piece. (Pieces in a paid order are no longer `listed`,
/// so they cannot be withdrawn.)
pub async fn withdraw(db: &Db, id: i64, seller_id: i64, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let seq = next_change(&mut tx).await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET state = 'withdrawn', updated_at = $3, version = version + 1, change_seq = $4
         WHERE id = $1 AND seller_id = $2 AND state = 'listed'")
        .bind(id).bind(seller_id).bind(now).bind(seq).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n == 1)
}

/// C3/K1: the sale itself: one compare-and-set; of many concurrent buyers exactly one wins.
pub async fn mark_sold(db: &Db, id: i64, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let seq = next_change(&mut tx).await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET state = 'sold', sold_at = $2, updated_at = $2, version = version + 1, change_seq = $3
         WHERE id = $1 AND state = 'listed'")
        .bind(id).bind(now).bind(seq).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n == 1)
}

/// C3/L1: a sold piece is listed again (after a return; staff for now), and in the same
/// transaction every alert on it fires. False if it was not sold.
pub async fn relist(db: &Db, id: i64, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let seq = next_change(&mut tx).await?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET state = 'listed', sold_at = NULL, listed_at = $2, updated_at = $2,
             version = version + 1, change_seq = $3
         WHERE id = $1 AND state = 'sold'")
        .bind(id).bind(now).bind(seq).execute(c).await.map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(false);
    }
    crate::alerts::fire(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// C4: whether a sold piece concerns this person: they bought it, set an alert on it or made
/// an offer on it.
pub async fn concerns(db: &Db, piece_id: i64, user_id: i64) -> Result<bool, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT (SELECT COUNT(*) FROM alerts WHERE piece_id = $1 AND user_id = $2)
              + (SELECT COUNT(*) FROM offers WHERE piece_id = $1 AND buyer_id = $2)
              + (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
                 WHERE l.piece_id = $1 AND o.buyer_id = $2 AND o.state = 'paid')")
        .bind(piece_id).bind(user_id).fetch_one(p).await)?
        > 0)
}

/// Deletes a draft that was never listed (a seller's mistake); listed history is kept.
pub async fn delete_draft(db: &Db, id: i64, seller_id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "DELETE FROM pieces WHERE id = $1 AND seller_id = $2 AND state = 'draft'")
        .bind(id).bind(seller_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A seller's own pieces, newest first, optionally in one state (A4: only their own).
pub async fn of_seller(
    db: &Db,
    seller_id: i64,
    state: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<PieceRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {PIECE_COLUMNS} FROM pieces p JOIN sellers s ON s.id = p.seller_id
         WHERE p.seller_id = $1 AND ($2 IS NULL OR p.state = $2) AND p.id < $3
         ORDER BY p.id DESC LIMIT $4"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, PieceRow>(sql)
        .bind(seller_id).bind(state).bind(before_id.unwrap_or(i64::MAX)).bind(limit)
        .fetch_all(p).await)?)
}

/// Counts of a seller's pieces per state, for the seller space's tabs.
pub async fn counts_of_seller(db: &Db, seller_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT state, COUNT(*) FROM pieces WHERE seller_id = $1 GROUP BY state ORDER BY state")
        .bind(seller_id).fetch_all(p).await)?)
}

/// The back office's view of every piece, newest first, optionally in one state.
pub async fn all(
    db: &Db,
    state: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<PieceRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {PIECE_COLUMNS} FROM pieces p JOIN sellers s ON s.id = p.seller_id
         WHERE ($1 IS NULL OR p.state = $1) AND p.id < $2 ORDER BY p.id DESC LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, PieceRow>(sql)
        .bind(state).bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?)
}
