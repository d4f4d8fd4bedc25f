//! R5: refunds of some lines of an order. A refund row is written once per cause (its
//! `dedupe`), takes its lines by a compare-and-set (a line refunded or already payable to its
//! seller is not taken), and numbers its credit note from its own unbroken yearly counter, all
//! in the caller's transaction. The card part stays 'owed' until the provider has made it.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// A sold line as a refund needs it.
#[derive(Debug, Clone, FromRow)]
pub struct RefundableLine {
    pub piece_id: i64,
    pub seller_id: i64,
    pub parcel: i64,
    pub title: String,
    pub price_cents: i64,
    pub commission_cents: i64,
}

/// Counts a refund on the order row, which takes its lock for the rest of the transaction:
/// refunds of one order then run one after the other, and a cancellation (which requires
/// `refund_count = 0`) cannot also give back what this refund gives (F5).
pub async fn count_on_order(tx: &mut Tx, order_id: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE orders SET refund_count = refund_count + 1 WHERE id = $1")
        .bind(order_id).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// The refund written for `dedupe`, read inside the transaction that would write it.
pub async fn id_by_dedupe(tx: &mut Tx, dedupe: &str) -> Result<Option<i64>, StoreError> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar::<_, i64>("SELECT id FROM refunds WHERE dedupe = $1")
        .bind(dedupe).fetch_optional(c).await)?,
    )
}

/// Every line of an order, by piece (shares are fixed by the whole order).
pub async fn order_lines(tx: &mut Tx, order_id: i64) -> Result<Vec<RefundableLine>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, RefundableLine>(
        "SELECT piece_id, seller_id, parcel, title, price_cents, commission_cents
         FROM order_lines WHERE order_id = $1 ORDER BY piece_id")
        .bind(order_id).fetch_all(c).await)?)
}

/// The pieces of a paid, uncancelled order that a refund could still take: not refunded, not
/// payable to their seller, not held by a return (what [`take_lines`] takes for staff).
pub async fn open_lines(db: &Db, order_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT l.piece_id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.order_id = $1 AND o.state = 'paid' AND o.cancelled_at IS NULL
           AND l.refunded_at IS NULL AND l.payable_at IS NULL AND l.return_asked_at IS NULL
         ORDER BY l.piece_id")
        .bind(order_id).fetch_all(p).await)?)
}

/// (parcel, shipping charged) of an order.
pub async fn parcel_charges(tx: &mut Tx, order_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(
        "SELECT parcel, shipping_cents FROM order_parcels WHERE order_id = $1 ORDER BY parcel")
        .bind(order_id).fetch_all(c).await)?)
}

/// R5: takes `pieces` of a paid, uncancelled order for a refund. True only when every one was
/// taken (none refunded before, none payable to its seller, and none held by a return unless
/// `of_a_return`: a line a return claimed is refunded by that return); the caller rolls back
/// otherwise.
pub async fn take_lines(
    tx: &mut Tx,
    order_id: i64,
    pieces: &[i64],
    of_a_return: bool,
    now: i64,
) -> Result<bool, StoreError> {
    let mut taken = 0;
    for &piece_id in pieces {
        taken += on_tx!(tx, c => sqlx::query(
            "UPDATE order_lines SET refunded_at = $3
             WHERE order_id = $1 AND piece_id = $2 AND refunded_at IS NULL AND payable_at IS NULL
               AND ($4 OR return_asked_at IS NULL)
               AND EXISTS (SELECT 1 FROM orders o WHERE o.id = $1 AND o.state = 'paid'
                                                    AND o.cancelled_at IS NULL)")
            .bind(order_id).bind(piece_id).bind(now).bind(of_a_return)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(taken == pieces.len() as u64)
}

/// What earlier refunds of an order gave back: (card part, [(instrument, amount)]).
pub async fn refunded_so_far(
    tx: &mut Tx,
    order_id: i64,
) -> Result<(i64, Vec<(i64, i64)>), StoreError> {
    let card = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(card_cents), 0) AS BIGINT) FROM refunds WHERE order_id = $1")
        .bind(order_id).fetch_one(c).await)?;
    let parts = on_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(
        "SELECT ri.instrument_id, CAST(SUM(ri.amount_cents) AS BIGINT) FROM refund_instruments ri
         JOIN refunds r ON r.id = ri.refund_id WHERE r.order_id = $1
         GROUP BY ri.instrument_id ORDER BY ri.instrument_id")
        .bind(order_id).fetch_all(c).await)?;
    Ok((card, parts))
}

/// The next credit-note number of `year` (1, 2, … with no gap: the counter moves in the
/// refund's transaction).
pub async fn next_credit_note(tx: &mut Tx, year: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO credit_note_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = credit_note_counters.last + 1 RETURNING last")
        .bind(year).fetch_one(c).await)?)
}

/// A refund to write.
#[derive(Debug, Clone)]
pub struct NewRefund<'a> {
    pub order_id: i64,
    pub dedupe: &'a str,
    pub reason: &'a str,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub fees_cents: i64,
    pub deducted_cents: i64,
    pub total_cents: i64,
    pub card_cents: i64,
    pub instruments_cents: i64,
    pub credit_note_number: &'a str,
}

/// Inserts the refund unless one with the same dedupe exists (None then).
pub async fn insert(tx: &mut Tx, r: &NewRefund<'_>, now: i64) -> Result<Option<i64>, StoreError> {
    let state = if r.card_cents > 0 { "owed" } else { "made" };
    let made_at = (r.card_cents == 0).then_some(now);
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO refunds (order_id, dedupe, reason, goods_cents, shipping_cents, fees_cents,
                              deducted_cents, total_cents, card_cents, instruments_cents,
                              credit_note_number, state, created_at, made_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (dedupe) DO NOTHING RETURNING id")
        .bind(r.order_id).bind(r.dedupe).bind(r.reason).bind(r.goods_cents)
        .bind(r.shipping_cents).bind(r.fees_cents).bind(r.deducted_cents).bind(r.total_cents)
        .bind(r.card_cents).bind(r.instruments_cents).bind(r.credit_note_number).bind(state)
        .bind(now).bind(made_at)
        .fetch_optional(c).await)?)
}

/// A refunded line with its shares: (piece, price, discount, shipping, fees).
pub type RefundLineShare = (i64, i64, i64, i64, i64);

/// Records the refund's lines and the gift-card parts it credited back.
pub async fn insert_parts(
    tx: &mut Tx,
    refund_id: i64,
    order_id: i64,
    lines: &[RefundLineShare],
    instruments: &[(i64, i64)],
) -> Result<(), StoreError> {
    for &(piece_id, price, discount, shipping, fees) in lines {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO refund_lines (refund_id, order_id, piece_id, price_cents, discount_cents,
                                       shipping_cents, fees_cents)
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(refund_id).bind(order_id).bind(piece_id).bind(price).bind(discount)
            .bind(shipping).bind(fees)
            .execute(c).await.map(|_| ()))?;
    }
    for &(instrument_id, amount) in instruments {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO refund_instruments (refund_id, instrument_id, amount_cents)
             VALUES ($1, $2, $3)")
            .bind(refund_id).bind(instrument_id).bind(amount)
            .execute(c).await.map(|_| ()))?;
    }
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct RefundRow {
    pub id: i64,
    pub order_id: i64,
    pub dedupe: String,
    pub reason: String,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub fees_cents: i64,
    pub deducted_cents: i64,
    pub total_cents: i64,
    pub card_cents: i64,
    pub instruments_cents: i64,
    pub credit_note_number: String,
    pub state: String,
    pub created_at: i64,
    pub made_at: Option<i64>,
}

const COLUMNS: &str = "id, order_id, dedupe, reason, goods_cents, shipping_cents, fees_cents,
    deducted_cents, total_cents, card_cents, instruments_cents, credit_note_number, state,
    created_at, made_at";

pub async fn by_dedupe(db: &Db, dedupe: &str) -> Result<Option<RefundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM refunds WHERE dedupe = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, RefundRow>(sql).bind(dedupe).fetch_optional(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<RefundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM refunds WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, RefundRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// An order's refunds, oldest first.
pub async fn of_order(db: &Db, order_id: i64) -> Result<Vec<RefundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM refunds WHERE order_id = $1 ORDER BY id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, RefundRow>(sql).bind(order_id).fetch_all(p).await)?)
}

/// The pieces a refund covers.
pub async fn pieces_of(db: &Db, refund_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT piece_id FROM refund_lines WHERE refund_id = $1 ORDER BY piece_id")
        .bind(refund_id).fetch_all(p).await)?)
}

/// The provider made the card part: 'owed' → 'made', once. True when this call did it.
pub async fn mark_made(tx: &mut Tx, id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE refunds SET state = 'made', made_at = $2 WHERE id = $1 AND state = 'owed'")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Refunds whose card part is still owed, written before `before` (left to the request that
/// wrote them until then), oldest first.
pub async fn owed(db: &Db, before: i64, limit: i64) -> Result<Vec<RefundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM refunds WHERE state = 'owed' AND created_at < $1
         ORDER BY created_at, id LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RefundRow>(sql).bind(before).bind(limit).fetch_all(p).await)?,
    )
}
