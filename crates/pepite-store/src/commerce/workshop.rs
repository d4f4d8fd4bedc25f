//! The workshop's side of a grouped order (F2, F6, late pieces): each piece sent by its seller,
//! received, checked, decided by the buyer when it failed, or cancelled when it never came;
//! then the order's one parcel packed and shipped. Every move is one compare-and-set that also
//! requires the order to be paid and not cancelled (F5), so a double scan, two benches or a
//! timer and a buyer racing change a piece once, and the caller learns whether it was this call.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// A grouped order's line as the workshop, its seller and its buyer follow it.
#[derive(Debug, Clone, FromRow)]
pub struct WorkshopLine {
    pub order_id: i64,
    pub number: Option<String>,
    pub buyer_id: i64,
    pub paid_at: Option<i64>,
    pub piece_id: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub price_cents: i64,
    pub cover_key: Option<String>,
    pub sent_at: Option<i64>,
    pub sent_carrier: Option<String>,
    pub sent_tracking: Option<String>,
    pub arrived_at: Option<i64>,
    /// `passed` or `failed`, once checked.
    pub check_state: Option<String>,
    pub check_note: Option<String>,
    pub checked_at: Option<i64>,
    /// F6: `drop` or `keep`, once the buyer (or the delay) chose; due by `choice_due`.
    pub choice: Option<String>,
    pub choice_due: Option<i64>,
    pub choice_at: Option<i64>,
    pub reminded_day: Option<i64>,
    /// The line left the order: `qc_drop` (F6) or `late`.
    pub withdrawn_at: Option<i64>,
    pub withdrawn_reason: Option<String>,
}

impl WorkshopLine {
    /// F2: nothing stops the parcel on this line's account: it passed, was kept as is after
    /// failing (F6), or left the order.
    pub fn resolved(&self) -> bool {
        self.withdrawn_at.is_some()
            || self.check_state.as_deref() == Some("passed")
            || self.choice.as_deref() == Some("keep")
    }
}

const LINE_COLUMNS: &str = "l.order_id, o.number, o.buyer_id, o.paid_at, l.piece_id,
    l.seller_id, s.shop_name, l.title, l.brand, l.size_label, l.price_cents, p.cover_key,
    l.sent_at, l.sent_carrier, l.sent_tracking, l.arrived_at, l.check_state, l.check_note,
    l.checked_at, l.choice, l.choice_due, l.choice_at, l.reminded_day, l.withdrawn_at,
    l.withdrawn_reason
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN sellers s ON s.id = l.seller_id
    JOIN pieces p ON p.id = l.piece_id";

/// The order is paid, not cancelled and not dispatched: the workshop may still work on it.
const LIVE: &str = "EXISTS (SELECT 1 FROM orders o WHERE o.id = order_lines.order_id
    AND o.state = 'paid' AND o.cancelled_at IS NULL AND o.dispatched_at IS NULL)";

async fn lines_where(db: &Db, filter: &str, bound: i64) -> Result<Vec<WorkshopLine>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {LINE_COLUMNS} WHERE l.ship_to = 'workshop' AND o.state = 'paid' AND {filter}
         ORDER BY o.paid_at, l.order_id, l.piece_id LIMIT 1000"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, WorkshopLine>(sql).bind(bound).fetch_all(p).await)?)
}

/// One grouped order's lines.
pub async fn lines_of(db: &Db, order_id: i64) -> Result<Vec<WorkshopLine>, StoreError> {
    lines_where(db, "l.order_id = $1", order_id).await
}

/// F2: the lines of every grouped order the workshop still has to ship, oldest payment first.
pub async fn station(db: &Db) -> Result<Vec<WorkshopLine>, StoreError> {
    let open = "o.cancelled_at IS NULL AND o.dispatched_at IS NULL AND o.paid_at <= $1";
    lines_where(db, open, i64::MAX).await
}

/// Late pieces: not received, still in the order, of an order paid at or before `paid_before`.
pub async fn late(db: &Db, paid_before: i64) -> Result<Vec<WorkshopLine>, StoreError> {
    let late = "o.cancelled_at IS NULL AND o.dispatched_at IS NULL AND l.arrived_at IS NULL
         AND l.withdrawn_at IS NULL AND o.paid_at <= $1";
    lines_where(db, late, paid_before).await
}

/// The scanned tracking number of a piece on its way to the workshop, as its seller typed it.
pub async fn by_sent_tracking(db: &Db, tracking: &str) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT order_id, piece_id FROM order_lines
         WHERE sent_tracking = $1 AND ship_to = 'workshop' ORDER BY order_id DESC, piece_id")
        .bind(tracking).fetch_all(p).await)?)
}

/// The grouped order a piece was last sold in.
pub async fn order_of_piece(db: &Db, piece_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT l.order_id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.piece_id = $1 AND l.ship_to = 'workshop' AND o.state = 'paid'
         ORDER BY l.order_id DESC LIMIT 1")
        .bind(piece_id).fetch_optional(p).await)?)
}

/// F2: the seller handed their piece to a carrier for the workshop (carrier and number
/// optional: some drop pieces off by hand). False when already marked, not theirs, or the
/// order is over.
pub async fn mark_sent(
    db: &Db,
    order_id: i64,
    piece_id: i64,
    seller_id: i64,
    carrier: Option<&str>,
    tracking: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET sent_at = $6, sent_carrier = $4, sent_tracking = $5
         WHERE order_id = $1 AND piece_id = $2 AND seller_id = $3 AND ship_to = 'workshop'
           AND sent_at IS NULL AND arrived_at IS NULL AND withdrawn_at IS NULL AND {LIVE}"
    ));
    let n = on_db!(db, p => sqlx::query(sql)
        .bind(order_id).bind(piece_id).bind(seller_id).bind(carrier).bind(tracking).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F2: the piece is at the workshop. False when it was already, or left the order.
pub async fn mark_arrived(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET arrived_at = $3
         WHERE order_id = $1 AND piece_id = $2 AND ship_to = 'workshop'
           AND arrived_at IS NULL AND withdrawn_at IS NULL AND {LIVE}"
    ));
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(piece_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F2: the check's outcome; a failed piece waits for its buyer until `choice_due` (F6).
/// False when the piece has not arrived or was checked already.
pub async fn mark_checked(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    passed: bool,
    note: &str,
    choice_due: Option<i64>,
    now: i64,
) -> Result<bool, StoreError> {
    let state = if passed { "passed" } else { "failed" };
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET check_state = $3, check_note = $4, checked_at = $5, choice_due = $6
         WHERE order_id = $1 AND piece_id = $2 AND ship_to = 'workshop'
           AND arrived_at IS NOT NULL AND check_state IS NULL AND withdrawn_at IS NULL AND {LIVE}"
    ));
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(piece_id).bind(state).bind(note)
        .bind(now).bind(choice_due).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F2: one photo of a failed check, its files already stored under `storage_key`.
pub async fn add_check_photo(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    storage_key: &str,
    now: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO check_photos (order_id, piece_id, storage_key, created_at) VALUES ($1, $2, $3, $4)")
        .bind(order_id).bind(piece_id).bind(storage_key).bind(now).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// F2: the storage keys of a checked piece's photos, in the order they were taken.
pub async fn check_photos(
    db: &Db,
    order_id: i64,
    piece_id: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT storage_key FROM check_photos WHERE order_id = $1 AND piece_id = $2 ORDER BY id")
        .bind(order_id).bind(piece_id).fetch_all(p).await)?)
}

/// F6: the choice on a failed piece, once; `drop` takes the line out of the order. False when
/// the piece did not fail, was already decided, or the order is over.
pub async fn choose(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    keep: bool,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET choice = $3, choice_at = $4,
             withdrawn_at = CASE WHEN $3 = 'drop' THEN $4 ELSE NULL END,
             withdrawn_reason = CASE WHEN $3 = 'drop' THEN 'qc_drop' ELSE NULL END
         WHERE order_id = $1 AND piece_id = $2 AND check_state = 'failed' AND choice IS NULL
           AND withdrawn_at IS NULL AND {LIVE}"
    ));
    let choice = if keep { "keep" } else { "drop" };
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(piece_id).bind(choice).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F6: failed pieces whose buyer did not choose by now (the timer drops them).
pub async fn choices_due(db: &Db, now: i64, limit: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT l.order_id, l.piece_id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.check_state = 'failed' AND l.choice IS NULL AND l.withdrawn_at IS NULL
           AND l.choice_due <= $1 AND o.state = 'paid' AND o.cancelled_at IS NULL
         ORDER BY l.choice_due, l.order_id, l.piece_id LIMIT $2")
        .bind(now).bind(limit).fetch_all(p).await)?)
}

/// Late pieces: the seller is reminded on `day`, at most once that day. False when already
/// reminded that day, or the piece arrived or left the order.
pub async fn mark_reminded(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    day: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET reminded_day = $3
         WHERE order_id = $1 AND piece_id = $2 AND ship_to = 'workshop' AND arrived_at IS NULL
           AND withdrawn_at IS NULL AND (reminded_day IS NULL OR reminded_day < $3) AND {LIVE}"
    ));
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(piece_id).bind(day)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Late pieces: a line whose seller was reminded and that still has not arrived leaves the
/// order. False when it arrived meanwhile (the arrival won), was never reminded, or left.
pub async fn cancel_late(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_lines SET withdrawn_at = $3, withdrawn_reason = 'late'
         WHERE order_id = $1 AND piece_id = $2 AND ship_to = 'workshop' AND arrived_at IS NULL
           AND withdrawn_at IS NULL AND reminded_day IS NOT NULL AND {LIVE}"
    ));
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(piece_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A piece that left its order (F6 drop, late) goes back to its seller, off sale: withdrawn,
/// so the seller decides whether (and after what repair) to list it again.
pub async fn withdraw_sold_piece(tx: &mut Tx, piece_id: i64, now: i64) -> Result<(), StoreError> {
    let seq = crate::catalog::next_change(tx).await?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET state = 'withdrawn', sold_at = NULL, updated_at = $2,
             version = version + 1, change_seq = $3
         WHERE id = $1 AND state = 'sold'")
        .bind(piece_id).bind(now).bind(seq).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Every line of the order is settled, and at least one travels (the parcel would be empty).
const READY: &str = "NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = $1
        AND l.withdrawn_at IS NULL AND NOT (l.check_state = 'passed' OR l.choice = 'keep'))
    AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = $1 AND l.withdrawn_at IS NULL)";

/// F2: the workshop's parcel is packed under its label. The readiness is part of the
/// compare-and-set, so a piece failed by another bench meanwhile stops it. False when packed
/// already, not ready, or the order is over.
pub async fn mark_packed(
    tx: &mut Tx,
    order_id: i64,
    carrier: &str,
    tracking: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE order_parcels SET carrier = $2, tracking = $3, packed_at = $4
         WHERE order_id = $1 AND seller_id IS NULL AND packed_at IS NULL AND {READY}
           AND EXISTS (SELECT 1 FROM orders o WHERE o.id = $1 AND o.mode = 'grouped'
                       AND o.state = 'paid' AND o.cancelled_at IS NULL)"
    ));
    let n = on_tx!(tx, c => sqlx::query(sql).bind(order_id).bind(carrier).bind(tracking).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether the order is ready to pack (what [`mark_packed`] requires), to say why it refused.
pub async fn ready(db: &Db, order_id: i64) -> Result<bool, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT CASE WHEN {READY} THEN 1 ELSE 0 END"));
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i32>(sql).bind(order_id).fetch_one(p).await)? == 1)
}

/// F2/F3: the packed parcel is handed to its carrier. False when not packed or gone already.
pub async fn mark_packed_shipped(
    tx: &mut Tx,
    order_id: i64,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE order_parcels SET shipped_at = $2
         WHERE order_id = $1 AND seller_id IS NULL AND packed_at IS NOT NULL AND shipped_at IS NULL
         RETURNING parcel")
        .bind(order_id).bind(now).fetch_optional(c).await)?)
}

/// Lines that left their order (F6 drop, late) whose refund is not made yet, with the reason.
pub async fn withdrawn_unrefunded(
    db: &Db,
    limit: i64,
) -> Result<Vec<(i64, i64, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT order_id, piece_id, withdrawn_reason FROM order_lines
         WHERE withdrawn_at IS NOT NULL AND refunded_at IS NULL AND payable_at IS NULL
         ORDER BY withdrawn_at, order_id, piece_id LIMIT $1")
        .bind(limit).fetch_all(p).await)?)
}
