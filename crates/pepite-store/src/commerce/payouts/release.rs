//! P1: the window timer's batched release. Its compare-and-set is the one of
//! `payables::release_line` applied to a set of lines: a line becomes payable once, only
//! while not refunded and with no return asked, whichever statement (this one, a return
//! request, a refund, another instance's timer) reaches its row first.

use sqlx::FromRow;

use crate::db::on_tx;
use crate::{StoreError, Tx};

/// A line whose earning one call released.
#[derive(Debug, Clone, FromRow)]
pub struct Released {
    pub order_id: i64,
    pub piece_id: i64,
    pub seller_id: i64,
    /// The seller's part: the price less the commission, as the sale's journal credited it.
    pub earning_cents: i64,
}

/// P1: makes payable (at `now`) up to `limit` lines whose parcel was delivered at or before
/// `delivered_by` (now less the return window), neither released, refunded nor asked back.
/// Returns how many were due and the lines this call released (fewer when others took some
/// meanwhile). The candidates are read first, then updated by key
/// with the conditions stated again: the UPDATE re-checks them on each row, so under
/// PostgreSQL a row another transaction changed meanwhile (released by another instance,
/// asked back by the buyer) is skipped, never released twice. (One statement with an
/// `IN (SELECT … LIMIT)` let PostgreSQL, before its statistics knew the table, re-run the
/// subquery per row: 9 s for 2,000 lines. And the UPDATE states "neither released, refunded
/// nor asked back" as one `COALESCE(…) IS NULL`, which the partial index
/// `order_lines_unreleased` cannot answer: with its three `IS NULL`s, PostgreSQL with
/// statistics from before the lines existed chose that index as the outer side of a nested
/// loop over the 2,000 keys, 1.4 s per batch and minutes for 100,000 lines; by the key it is a
/// primary-key lookup per line whatever the statistics.)
pub async fn release_window_closed(
    tx: &mut Tx,
    shop_id: i64,
    delivered_by: i64,
    now: i64,
    limit: i64,
) -> Result<(usize, Vec<Released>), StoreError> {
    let due = on_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(
        "SELECT l.order_id, l.piece_id FROM order_lines l
         JOIN order_parcels p ON p.order_id = l.order_id AND p.parcel = l.parcel
         JOIN orders o ON o.id = l.order_id
         WHERE l.payable_at IS NULL AND l.refunded_at IS NULL AND l.return_asked_at IS NULL
           AND p.delivered_at IS NOT NULL AND p.delivered_at <= $1 AND o.shop_id = $3
         LIMIT $2")
        .bind(delivered_by).bind(limit).bind(shop_id).fetch_all(c).await)?;
    if due.is_empty() {
        return Ok((0, Vec::new()));
    }
    let sql = format!(
        "UPDATE order_lines SET payable_at = ${}
         WHERE (order_id, piece_id) IN (VALUES {})
           AND COALESCE(payable_at, refunded_at, return_asked_at) IS NULL
         RETURNING order_id, piece_id, seller_id, price_cents - commission_cents AS earning_cents",
        due.len() * 2 + 1,
        crate::db::values_list(due.len(), 2)
    );
    let released = on_tx!(tx, c => {
        let mut q = sqlx::query_as::<_, Released>(sqlx::AssertSqlSafe(sql.clone()));
        for (order_id, piece_id) in &due {
            q = q.bind(order_id).bind(piece_id);
        }
        q.bind(now).fetch_all(c).await
    })?;
    Ok((due.len(), released))
}
