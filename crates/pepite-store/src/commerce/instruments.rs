//! Stored-value instruments (G1, G2, later T7 vouchers): created awaiting their payment,
//! activated once paid, spent and given back by compare-and-set on their balance.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct InstrumentRow {
    pub id: i64,
    pub kind: String,
    pub code: String,
    pub state: String,
    pub initial_cents: i64,
    pub balance_cents: i64,
    pub purchaser_id: Option<i64>,
    pub recipient_name: String,
    pub recipient_email: String,
    pub sender_name: String,
    pub message: String,
    pub created_at: i64,
    pub expires_at: i64,
}

const COLUMNS: &str = "id, kind, code, state, initial_cents, balance_cents, purchaser_id,
    recipient_name, recipient_email, sender_name, message, created_at, expires_at";

#[derive(Debug, Clone)]
pub struct NewInstrument {
    pub kind: &'static str,
    pub code: String,
    pub initial_cents: i64,
    pub purchaser_id: Option<i64>,
    pub recipient_name: String,
    pub recipient_email: String,
    pub sender_name: String,
    pub message: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Inserts an instrument awaiting payment, with a zero balance until it is paid.
pub async fn insert(tx: &mut Tx, n: &NewInstrument) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO instruments (kind, code, state, initial_cents, balance_cents, purchaser_id,
             recipient_name, recipient_email, sender_name, message, created_at, expires_at)
         VALUES ($1, $2, 'awaiting_payment', $3, 0, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(n.kind).bind(&n.code).bind(n.initial_cents).bind(n.purchaser_id)
        .bind(&n.recipient_name).bind(&n.recipient_email).bind(&n.sender_name).bind(&n.message)
        .bind(n.created_at).bind(n.expires_at).fetch_one(c).await)?)
}

/// Paid: the balance becomes the bought amount. False if it was not awaiting payment.
pub async fn activate(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE instruments SET state = 'active', balance_cents = initial_cents
         WHERE id = $1 AND state = 'awaiting_payment'")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The payment for it failed: it never becomes usable.
pub async fn mark_failed(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE instruments SET state = 'failed' WHERE id = $1 AND state = 'awaiting_payment'")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// G2/O10: takes `amount` off an active, unexpired instrument if its balance covers it. One
/// statement: two checkouts spending the same card can never take it below zero.
pub async fn spend(tx: &mut Tx, id: i64, amount: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE instruments SET balance_cents = balance_cents - $2
         WHERE id = $1 AND state = 'active' AND expires_at > $3 AND balance_cents >= $2")
        .bind(id).bind(amount).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Gives back what an order had taken (its payment failed; later: R5 refunds).
pub async fn give_back(tx: &mut Tx, id: i64, amount: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE instruments SET balance_cents = balance_cents + $2 WHERE id = $1")
        .bind(id).bind(amount).execute(c).await.map(|_| ()))?;
    Ok(())
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<InstrumentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM instruments WHERE code = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, InstrumentRow>(sql).bind(code).fetch_optional(p).await)?)
}

/// The trade-in programme whose credit a voucher came from (none for a gift card).
pub async fn programme_of(db: &Db, id: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, Option<i64>>(
        "SELECT programme_id FROM instruments WHERE id = $1")
        .bind(id).fetch_optional(p).await)?
    .flatten())
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<InstrumentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM instruments WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, InstrumentRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The instruments a person bought, newest first.
pub async fn of_purchaser(db: &Db, user_id: i64) -> Result<Vec<InstrumentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM instruments WHERE purchaser_id = $1 ORDER BY id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, InstrumentRow>(sql).bind(user_id).fetch_all(p).await)?)
}
