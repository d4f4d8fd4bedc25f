//! T6/T7: store credit per person and programme, voucher requests and the vouchers they
//! become. Every balance moves by one compare-and-set that cannot go below zero.

use sqlx::FromRow;

use crate::commerce::instruments::InstrumentRow;
use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// T6: adds to a person's credit with a programme (the first credit opens the balance).
pub async fn add(
    tx: &mut Tx,
    programme_id: i64,
    user_id: i64,
    amount: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO store_credits (programme_id, user_id, balance_cents) VALUES ($1, $2, $3)
         ON CONFLICT (programme_id, user_id)
         DO UPDATE SET balance_cents = store_credits.balance_cents + excluded.balance_cents")
        .bind(programme_id).bind(user_id).bind(amount).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// T7: takes `amount` off the credit if it covers it; false (nothing taken) otherwise.
pub async fn take(
    tx: &mut Tx,
    programme_id: i64,
    user_id: i64,
    amount: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE store_credits SET balance_cents = balance_cents - $3
         WHERE programme_id = $1 AND user_id = $2 AND balance_cents >= $3")
        .bind(programme_id).bind(user_id).bind(amount).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A person's credit with each programme they have one with.
#[derive(Debug, Clone, FromRow)]
pub struct CreditRow {
    pub programme_id: i64,
    pub programme_name: String,
    pub balance_cents: i64,
}

pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<CreditRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CreditRow>(
        "SELECT c.programme_id, p.name AS programme_name, c.balance_cents
         FROM store_credits c JOIN tradein_programmes p ON p.id = c.programme_id
         WHERE c.user_id = $1 ORDER BY p.name")
        .bind(user_id).fetch_all(p).await)?)
}

pub async fn balance(db: &Db, programme_id: i64, user_id: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COALESCE(MAX(balance_cents), 0) FROM store_credits
         WHERE programme_id = $1 AND user_id = $2")
        .bind(programme_id).bind(user_id).fetch_one(p).await)?)
}

/// The balance as this transaction sees it (after its own writes).
pub async fn balance_in(tx: &mut Tx, programme_id: i64, user_id: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COALESCE(MAX(balance_cents), 0) FROM store_credits
         WHERE programme_id = $1 AND user_id = $2")
        .bind(programme_id).bind(user_id).fetch_one(c).await)?)
}

/// P2: the sum of every stored credit balance (the liability the ledger must show).
pub async fn total(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(balance_cents), 0) AS BIGINT) FROM store_credits")
        .fetch_one(p).await)?)
}

#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub programme_id: i64,
    pub user_id: i64,
    pub amount_cents: i64,
    pub issue_at: i64,
    pub state: String,
    pub instrument_id: Option<i64>,
    pub created_at: i64,
}

const REQUEST: &str = "SELECT id, programme_id, user_id, amount_cents, issue_at, state,
    instrument_id, created_at FROM voucher_requests";

pub async fn insert_request(
    tx: &mut Tx,
    programme_id: i64,
    user_id: i64,
    amount: i64,
    issue_at: i64,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO voucher_requests (programme_id, user_id, amount_cents, issue_at, state, created_at)
         VALUES ($1, $2, $3, $4, 'scheduled', $5) RETURNING id")
        .bind(programme_id).bind(user_id).bind(amount).bind(issue_at).bind(now)
        .fetch_one(c).await)?)
}

pub async fn request(db: &Db, id: i64) -> Result<Option<RequestRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{REQUEST} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, RequestRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A person's requests, newest first.
pub async fn requests_of(db: &Db, user_id: i64) -> Result<Vec<RequestRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{REQUEST} WHERE user_id = $1 ORDER BY id DESC"));
    Ok(on_db!(db, p => sqlx::query_as::<_, RequestRow>(sql).bind(user_id).fetch_all(p).await)?)
}

/// Requests whose date has come, oldest first.
pub async fn due_requests(db: &Db, now: i64, limit: i64) -> Result<Vec<RequestRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{REQUEST} WHERE state = 'scheduled' AND issue_at <= $1 ORDER BY issue_at, id LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RequestRow>(sql).bind(now).bind(limit).fetch_all(p).await)?,
    )
}

/// The request becomes voucher `instrument_id`, once.
pub async fn mark_issued(tx: &mut Tx, id: i64, instrument_id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE voucher_requests SET state = 'issued', instrument_id = $2
         WHERE id = $1 AND state = 'scheduled'")
        .bind(id).bind(instrument_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The person withdraws a request still waiting for its date.
pub async fn cancel_request(tx: &mut Tx, id: i64, user_id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE voucher_requests SET state = 'cancelled'
         WHERE id = $1 AND user_id = $2 AND state = 'scheduled'")
        .bind(id).bind(user_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A voucher to write: active at once, for its owner, with the programme it draws on.
#[derive(Debug, Clone)]
pub struct NewVoucher<'a> {
    pub code: &'a str,
    pub amount_cents: i64,
    pub owner_id: i64,
    pub owner_name: &'a str,
    pub programme_id: i64,
    pub issued_at: i64,
    pub expires_at: i64,
}

pub async fn insert_voucher(tx: &mut Tx, v: &NewVoucher<'_>) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO instruments (kind, code, state, initial_cents, balance_cents, purchaser_id,
             recipient_name, programme_id, created_at, expires_at)
         VALUES ('voucher', $1, 'active', $2, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(v.code).bind(v.amount_cents).bind(v.owner_id).bind(v.owner_name)
        .bind(v.programme_id).bind(v.issued_at).bind(v.expires_at).fetch_one(c).await)?)
}

/// A voucher with the programme it draws on.
#[derive(Debug, Clone, FromRow)]
pub struct VoucherRow {
    #[sqlx(flatten)]
    pub instrument: InstrumentRow,
    pub programme_id: i64,
    pub reminded_at: Option<i64>,
}

const VOUCHER: &str = "SELECT id, kind, code, state, initial_cents, balance_cents, purchaser_id,
    recipient_name, recipient_email, sender_name, message, created_at, expires_at, programme_id,
    reminded_at FROM instruments";

/// A person's vouchers, newest first.
pub async fn vouchers_of(db: &Db, user_id: i64) -> Result<Vec<VoucherRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{VOUCHER} WHERE kind = 'voucher' AND purchaser_id = $1 ORDER BY id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, VoucherRow>(sql).bind(user_id).fetch_all(p).await)?)
}

pub async fn voucher_by_code(db: &Db, code: &str) -> Result<Option<VoucherRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{VOUCHER} WHERE kind = 'voucher' AND code = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, VoucherRow>(sql).bind(code).fetch_optional(p).await)?)
}

/// T7: vouchers with money left that end before `until` and were not reminded yet.
pub async fn ending_unreminded(
    db: &Db,
    now: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<VoucherRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{VOUCHER} WHERE kind = 'voucher' AND state = 'active' AND balance_cents > 0
           AND reminded_at IS NULL AND expires_at > $1 AND expires_at <= $2
         ORDER BY expires_at, id LIMIT $3"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, VoucherRow>(sql).bind(now).bind(until).bind(limit).fetch_all(p).await)?,
    )
}

/// Marks the month-before notice as sent, once.
pub async fn mark_reminded(tx: &mut Tx, id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE instruments SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T7: vouchers past their end that still hold money.
pub async fn expired_with_balance(
    db: &Db,
    now: i64,
    limit: i64,
) -> Result<Vec<VoucherRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{VOUCHER} WHERE kind = 'voucher' AND state = 'active' AND balance_cents > 0
           AND expires_at <= $1 ORDER BY expires_at, id LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, VoucherRow>(sql).bind(now).bind(limit).fetch_all(p).await)?,
    )
}

/// Empties an expired voucher if it still holds `seen` (a redemption reversed meanwhile makes
/// the next run see the new balance).
pub async fn expire(tx: &mut Tx, id: i64, seen: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE instruments SET balance_cents = 0
         WHERE id = $1 AND balance_cents = $2 AND expires_at <= $3")
        .bind(id).bind(seen).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
