//! The sandbox payment provider's own books (O7): its payments and refunds, kept in the
//! database so that references never restart and every instance sees the same payments.
//! Each change is one compare-and-set statement or one transaction; nothing is read then written.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SandboxPayment {
    pub id: i64,
    pub fingerprint: String,
    pub reference: String,
    pub amount_cents: i64,
    /// succeeded, requires_action, declined or canceled.
    pub status: String,
    pub decline_code: Option<String>,
    pub refunded_cents: i64,
}

const COLUMNS: &str =
    "id, fingerprint, reference, amount_cents, status, decline_code, refunded_cents";

/// A payment to record under an idempotency key.
#[derive(Debug, Clone)]
pub struct NewSandboxPayment<'a> {
    pub idempotency_key: &'a str,
    pub fingerprint: &'a str,
    pub reference: &'a str,
    pub amount_cents: i64,
    pub status: &'a str,
    pub decline_code: Option<&'a str>,
}

/// Records the payment, or finds the one already made under its key: (payment, made now).
pub async fn charge(
    db: &Db,
    new: &NewSandboxPayment<'_>,
) -> Result<(SandboxPayment, bool), StoreError> {
    let insert = sqlx::AssertSqlSafe(format!(
        "INSERT INTO sandbox_payments (idempotency_key, fingerprint, reference, amount_cents,
             status, decline_code)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING {COLUMNS}"
    ));
    let made = on_db!(db, p => sqlx::query_as::<_, SandboxPayment>(insert)
        .bind(new.idempotency_key).bind(new.fingerprint).bind(new.reference)
        .bind(new.amount_cents).bind(new.status).bind(new.decline_code)
        .fetch_optional(p).await)?;
    if let Some(made) = made {
        return Ok((made, true));
    }
    let select = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sandbox_payments WHERE idempotency_key = $1"
    ));
    let seen = on_db!(db, p => sqlx::query_as::<_, SandboxPayment>(select)
        .bind(new.idempotency_key).fetch_one(p).await)?;
    Ok((seen, false))
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<SandboxPayment>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sandbox_payments WHERE id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, SandboxPayment>(sql).bind(id).fetch_optional(p).await)?)
}

/// Every payment, in the order they were made (for tests).
pub async fn all(db: &Db) -> Result<Vec<SandboxPayment>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sandbox_payments ORDER BY id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, SandboxPayment>(sql).fetch_all(p).await)?)
}

/// The payment made for our `reference`: a succeeded one if any, else the latest attempt.
pub async fn for_reference(db: &Db, reference: &str) -> Result<Option<SandboxPayment>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sandbox_payments WHERE reference = $1
         ORDER BY CASE WHEN status = 'succeeded' THEN 0 ELSE 1 END, id DESC LIMIT 1"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, SandboxPayment>(sql).bind(reference).fetch_optional(p).await)?,
    )
}

/// Moves a payment from `from` to `to` (with its decline code); false if it was not in `from`.
pub async fn transition(
    db: &Db,
    id: i64,
    from: &[&str],
    to: &str,
    decline_code: Option<&str>,
) -> Result<bool, StoreError> {
    // `from` holds our own status names only, never input.
    let from: Vec<String> = from.iter().map(|s| format!("'{s}'")).collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE sandbox_payments SET status = $2, decline_code = $3
         WHERE id = $1 AND status IN ({})",
        from.join(", ")
    ));
    let n = on_db!(db, p => sqlx::query(sql).bind(id).bind(to).bind(decline_code)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// What a refund request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundResult {
    /// Refunded now, or earlier under the same key: the refund's id.
    Done(i64),
    /// The key was used for another refund.
    KeyReused,
    /// The payment has not succeeded, or less than the amount remains refundable.
    Refused,
}

/// Refunds `amount_cents` of payment `payment_id` once per key: the refund row and the
/// payment's refunded total are written in one transaction, the total by compare-and-set.
pub async fn refund(
    db: &Db,
    idempotency_key: &str,
    payment_id: i64,
    amount_cents: i64,
) -> Result<RefundResult, StoreError> {
    let mut tx = db.begin().await?;
    let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO sandbox_refunds (idempotency_key, payment_id, amount_cents)
         VALUES ($1, $2, $3) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")
        .bind(idempotency_key).bind(payment_id).bind(amount_cents).fetch_optional(c).await)?;
    let Some(id) = id else {
        drop(tx);
        let seen = on_db!(db, p => sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT id, payment_id, amount_cents FROM sandbox_refunds WHERE idempotency_key = $1")
            .bind(idempotency_key).fetch_one(p).await)?;
        return Ok(if (seen.1, seen.2) == (payment_id, amount_cents) {
            RefundResult::Done(seen.0)
        } else {
            RefundResult::KeyReused
        });
    };
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE sandbox_payments SET refunded_cents = refunded_cents + $2
         WHERE id = $1 AND status = 'succeeded' AND refunded_cents + $2 <= amount_cents")
        .bind(payment_id).bind(amount_cents).execute(c).await.map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(RefundResult::Refused);
    }
    tx.commit().await?;
    Ok(RefundResult::Done(id))
}
