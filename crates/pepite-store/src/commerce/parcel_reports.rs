//! F7: parcels the buyer reports lost or refused at customs, and staff's decision on each
//! (resend when found, or refund). One report per parcel (its primary key), one decision per
//! report (a compare-and-set on `decision IS NULL`).

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// A report with what staff need to decide it.
#[derive(Debug, Clone, FromRow)]
pub struct ReportRow {
    pub order_id: i64,
    pub number: Option<String>,
    pub buyer_id: i64,
    pub parcel: i64,
    /// `lost` or `refused` (at customs).
    pub kind: String,
    pub note: String,
    pub reported_at: i64,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub shipped_at: Option<i64>,
    /// `resend` or `refund`, once decided.
    pub decision: Option<String>,
    pub decided_at: Option<i64>,
}

const COLUMNS: &str = "r.order_id, o.number, o.buyer_id, r.parcel, r.kind, r.note,
    r.reported_at, p.carrier, p.tracking, p.shipped_at, r.decision, r.decided_at
    FROM parcel_reports r JOIN orders o ON o.id = r.order_id
    JOIN order_parcels p ON p.order_id = r.order_id AND p.parcel = r.parcel";

/// F7: the buyer's report of a parcel that left and never arrived. False when the parcel was
/// not shipped, was delivered, or was reported already.
pub async fn report(
    tx: &mut Tx,
    order_id: i64,
    parcel: i64,
    kind: &str,
    note: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO parcel_reports (order_id, parcel, kind, note, reported_at)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM order_parcels p
             WHERE p.order_id = $1 AND p.parcel = $2 AND p.shipped_at IS NOT NULL
               AND p.delivered_at IS NULL)
         ON CONFLICT (order_id, parcel) DO NOTHING")
        .bind(order_id).bind(parcel).bind(kind).bind(note).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F7: staff's decision, once. False when decided already (or never reported).
pub async fn decide(
    tx: &mut Tx,
    order_id: i64,
    parcel: i64,
    decision: &str,
    staff_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE parcel_reports SET decision = $3, decided_at = $5, decided_by = $4
         WHERE order_id = $1 AND parcel = $2 AND decision IS NULL")
        .bind(order_id).bind(parcel).bind(decision).bind(staff_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F7: the found piece leaves again under a new tracking number (the parcel keeps its number
/// in the order; it stays undelivered until its carrier or staff say otherwise).
pub async fn resend(
    tx: &mut Tx,
    order_id: i64,
    parcel: i64,
    carrier: &str,
    tracking: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE order_parcels SET carrier = $3, tracking = $4, shipped_at = $5
         WHERE order_id = $1 AND parcel = $2 AND shipped_at IS NOT NULL AND delivered_at IS NULL")
        .bind(order_id).bind(parcel).bind(carrier).bind(tracking).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F7: reports staff have not decided yet, oldest first.
pub async fn open(db: &Db) -> Result<Vec<ReportRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE r.decision IS NULL ORDER BY r.reported_at, r.order_id LIMIT 500"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ReportRow>(sql).fetch_all(p).await)?)
}

/// F7: an order's reports, by parcel.
pub async fn of_order(db: &Db, order_id: i64) -> Result<Vec<ReportRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE r.order_id = $1 ORDER BY r.parcel"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ReportRow>(sql).bind(order_id).fetch_all(p).await)?)
}

/// F7: the pieces travelling in a parcel that are still in the order and can be refunded
/// (not refunded, their earning not released: a piece kept after a failed check is payable).
pub async fn parcel_pieces(db: &Db, order_id: i64, parcel: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT piece_id FROM order_lines WHERE order_id = $1 AND parcel = $2
           AND withdrawn_at IS NULL AND refunded_at IS NULL AND payable_at IS NULL
         ORDER BY piece_id")
        .bind(order_id).bind(parcel).fetch_all(p).await)?)
}

/// F7: parcels staff chose to refund with pieces still not refunded (a crash after the
/// decision; the refund's dedupe makes a repeat harmless).
pub async fn refunds_owed(db: &Db, limit: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT r.order_id, r.parcel FROM parcel_reports r WHERE r.decision = 'refund'
           AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = r.order_id
               AND l.parcel = r.parcel AND l.withdrawn_at IS NULL AND l.refunded_at IS NULL
               AND l.payable_at IS NULL)
         ORDER BY r.decided_at LIMIT $1")
        .bind(limit).fetch_all(p).await)?)
}
