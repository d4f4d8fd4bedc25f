//! Discount codes (O8): the rule as JSON, and a use counter moved by compare-and-set.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct DiscountRow {
    pub id: i64,
    pub code: String,
    pub rule: String,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, code, rule, max_uses, uses, active, created_at, updated_at";

/// Creates a code; a code already taken is a `Conflict` on `discount_codes.code`.
pub async fn insert(
    db: &Db,
    code: &str,
    rule_json: &str,
    max_uses: Option<i64>,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO discount_codes (code, rule, max_uses, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id")
        .bind(code).bind(rule_json).bind(max_uses).bind(now).fetch_one(p).await)?)
}

/// Rewrites a code's rule and whether it is active. The use limit may not go below the uses
/// already made (the check constraint refuses it).
pub async fn update(
    db: &Db,
    id: i64,
    rule_json: &str,
    max_uses: Option<i64>,
    active: bool,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE discount_codes SET rule = $2, max_uses = $3, active = $4, updated_at = $5 WHERE id = $1")
        .bind(id).bind(rule_json).bind(max_uses).bind(active).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<DiscountRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM discount_codes WHERE code = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, DiscountRow>(sql).bind(code).fetch_optional(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<DiscountRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM discount_codes WHERE id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, DiscountRow>(sql).bind(id).fetch_optional(p).await)?)
}

pub async fn all(db: &Db) -> Result<Vec<DiscountRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM discount_codes ORDER BY id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, DiscountRow>(sql).fetch_all(p).await)?)
}

/// Counts one use if the code is active and not used up. The row stays locked until the
/// transaction ends, so the per-customer count that follows is read by one checkout at a time.
pub async fn take_use(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE discount_codes SET uses = uses + 1
         WHERE id = $1 AND active AND (max_uses IS NULL OR uses < max_uses)")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Gives a use back (the order's payment failed).
pub async fn give_back_use(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE discount_codes SET uses = uses - 1 WHERE id = $1 AND uses > 0")
        .bind(id).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// How many live or paid orders of this customer used the code (excluding `except_order`).
pub async fn customer_uses(
    tx: &mut Tx,
    id: i64,
    user_id: i64,
    except_order: i64,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM orders WHERE discount_code_id = $1 AND buyer_id = $2
           AND state IN ('awaiting_payment', 'paid') AND id <> $3")
        .bind(id).bind(user_id).bind(except_order).fetch_one(c).await)?)
}

/// The same count outside a transaction, for showing the cart.
pub async fn customer_uses_now(db: &Db, id: i64, user_id: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM orders WHERE discount_code_id = $1 AND buyer_id = $2
           AND state IN ('awaiting_payment', 'paid')")
        .bind(id).bind(user_id).fetch_one(p).await)?)
}
