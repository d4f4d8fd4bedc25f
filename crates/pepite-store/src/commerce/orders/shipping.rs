//! A parcel's journey (F1, F3, F4): handed to a carrier with its tracking number, then
//! delivered. Each move is one compare-and-set, so marking twice or two people racing change
//! it once; the caller learns whether it was this call that did.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// F1: the seller's parcel of a paid order leaves with `carrier` under `tracking`, if it had
/// not left yet. False when it already had, or is not this seller's, or the order is not paid.
pub async fn mark_shipped(
    tx: &mut Tx,
    order_id: i64,
    parcel: i64,
    seller_id: i64,
    carrier: &str,
    tracking: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE order_parcels SET carrier = $4, tracking = $5, shipped_at = $6
         WHERE order_id = $1 AND parcel = $2 AND seller_id = $3 AND shipped_at IS NULL
           AND EXISTS (SELECT 1 FROM orders o WHERE o.id = $1 AND o.state = 'paid')")
        .bind(order_id).bind(parcel).bind(seller_id).bind(carrier).bind(tracking).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F4: a shipped parcel arrived at `at`. False when it was not shipped or already delivered.
pub async fn mark_delivered(
    tx: &mut Tx,
    order_id: i64,
    parcel: i64,
    at: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE order_parcels SET delivered_at = $3
         WHERE order_id = $1 AND parcel = $2 AND shipped_at IS NOT NULL AND delivered_at IS NULL")
        .bind(order_id).bind(parcel).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A shipped parcel as a delivery needs it.
#[derive(Debug, Clone, FromRow)]
pub struct ShippedParcel {
    pub order_id: i64,
    pub parcel: i64,
    pub buyer_id: i64,
    pub number: Option<String>,
    pub shipped_at: i64,
    pub delivered_at: Option<i64>,
}

/// F4: the shipped parcels a carrier's event names (a tracking number may, rarely, cover
/// parcels of several orders packed together).
pub async fn by_tracking(
    db: &Db,
    carrier: &str,
    tracking: &str,
) -> Result<Vec<ShippedParcel>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ShippedParcel>(
        "SELECT p.order_id, p.parcel, o.buyer_id, o.number, p.shipped_at, p.delivered_at
         FROM order_parcels p JOIN orders o ON o.id = p.order_id
         WHERE p.carrier = $1 AND p.tracking = $2 AND p.shipped_at IS NOT NULL
         ORDER BY p.order_id, p.parcel")
        .bind(carrier).bind(tracking).fetch_all(p).await)?)
}
