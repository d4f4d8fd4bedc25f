//! Payments made through the provider: one row per attempt, its provider reference and state.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub order_id: Option<i64>,
    pub instrument_id: Option<i64>,
    pub provider: String,
    pub provider_ref: Option<String>,
    pub method: String,
    pub amount_cents: i64,
    pub state: String,
    pub redirect_url: Option<String>,
    pub failure_code: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, order_id, instrument_id, provider, provider_ref, method, amount_cents,
    state, redirect_url, failure_code, created_at";

/// What a payment is for: an order or a gift card being bought.
#[derive(Debug, Clone, Copy)]
pub enum PaymentFor {
    Order(i64),
    Instrument(i64),
}

pub async fn insert(
    tx: &mut Tx,
    purpose: PaymentFor,
    provider: &str,
    method: &str,
    amount_cents: i64,
    now: i64,
) -> Result<i64, StoreError> {
    let (order, instrument) = match purpose {
        PaymentFor::Order(id) => (Some(id), None),
        PaymentFor::Instrument(id) => (None, Some(id)),
    };
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO payments (order_id, instrument_id, provider, method, amount_cents, state,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) RETURNING id")
        .bind(order).bind(instrument).bind(provider).bind(method).bind(amount_cents).bind(now)
        .fetch_one(c).await)?)
}

/// Records what the provider answered. Only a payment not yet final moves, so a late or
/// repeated answer never overwrites a settled one.
pub async fn record(
    db: &Db,
    id: i64,
    provider_ref: Option<&str>,
    state: &str,
    redirect_url: Option<&str>,
    failure_code: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE payments SET provider_ref = COALESCE($2, provider_ref), state = $3,
             redirect_url = $4, failure_code = $5, updated_at = $6
         WHERE id = $1 AND state IN ('pending', 'requires_action')")
        .bind(id).bind(provider_ref).bind(state).bind(redirect_url).bind(failure_code).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Same as [`record`], inside the transaction that settles what the payment was for.
pub async fn record_in(
    tx: &mut Tx,
    id: i64,
    provider_ref: Option<&str>,
    state: &str,
    failure_code: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE payments SET provider_ref = COALESCE($5, provider_ref), state = $2,
             failure_code = $3, redirect_url = NULL, updated_at = $4
         WHERE id = $1 AND state IN ('pending', 'requires_action')")
        .bind(id).bind(state).bind(failure_code).bind(now).bind(provider_ref)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A succeeded payment given back in full (it could not buy anything).
pub async fn mark_refunded(db: &Db, id: i64, now: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("UPDATE payments SET state = 'refunded', updated_at = $2 WHERE id = $1")
        .bind(id).bind(now).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<PaymentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM payments WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, PaymentRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The payments of an order, newest first.
pub async fn of_order(db: &Db, order_id: i64) -> Result<Vec<PaymentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM payments WHERE order_id = $1 ORDER BY id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, PaymentRow>(sql).bind(order_id).fetch_all(p).await)?)
}

/// The payment buying an instrument, newest first.
pub async fn of_instrument(db: &Db, instrument_id: i64) -> Result<Vec<PaymentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM payments WHERE instrument_id = $1 ORDER BY id DESC"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, PaymentRow>(sql).bind(instrument_id).fetch_all(p).await)?,
    )
}

pub async fn by_provider_ref(
    db: &Db,
    provider: &str,
    provider_ref: &str,
) -> Result<Option<PaymentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM payments WHERE provider = $1 AND provider_ref = $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, PaymentRow>(sql)
        .bind(provider).bind(provider_ref).fetch_optional(p).await)?)
}

/// Payments still `pending` that were last touched before `before`, oldest first: answers
/// that never came, for the job that asks the provider.
pub async fn unsettled(db: &Db, before: i64, limit: i64) -> Result<Vec<PaymentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM payments WHERE state = 'pending' AND updated_at <= $1
         ORDER BY id LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, PaymentRow>(sql).bind(before).bind(limit).fetch_all(p).await)?,
    )
}
