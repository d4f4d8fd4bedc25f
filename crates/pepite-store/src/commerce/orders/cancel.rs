//! F5: cancelling a paid order before its first parcel leaves. The order row decides between
//! a cancellation and a dispatch (see the migration `order_cancellation`): each writes its own
//! column only while the other is NULL.

use crate::db::on_tx;
use crate::{StoreError, Tx};

/// F1/F5: the first dispatch of a paid, live order is recorded on its row (later ones keep the
/// first time). False when the order is not paid or was cancelled.
pub async fn mark_dispatched(tx: &mut Tx, order_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE orders SET dispatched_at = COALESCE(dispatched_at, $2)
         WHERE id = $1 AND state = 'paid' AND cancelled_at IS NULL")
        .bind(order_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// F5: `buyer_id`'s paid order is cancelled, if nothing was dispatched and it was not already.
pub async fn mark_cancelled(
    tx: &mut Tx,
    order_id: i64,
    buyer_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE orders SET cancelled_at = $3
         WHERE id = $1 AND buyer_id = $2 AND state = 'paid' AND cancelled_at IS NULL
           AND dispatched_at IS NULL AND refund_count = 0")
        .bind(order_id).bind(buyer_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// C3/F5: the order's sold pieces are listed again, as staff relist a piece
/// (`catalog::relist`): a numbered catalogue change, and the alerts set on them fire once
/// (L1). Returns how many came back.
pub async fn relist_pieces(tx: &mut Tx, order_id: i64, now: i64) -> Result<usize, StoreError> {
    let change_seq = crate::catalog::next_change(tx).await?;
    let ids = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE pieces SET state = 'listed', sold_at = NULL, listed_at = $2, updated_at = $2,
             version = version + 1, change_seq = $3
         WHERE id IN (SELECT piece_id FROM order_lines WHERE order_id = $1) AND state = 'sold'
         RETURNING id")
        .bind(order_id).bind(now).bind(change_seq).fetch_all(c).await)?;
    for id in &ids {
        crate::alerts::fire(tx, *id, now).await?;
    }
    Ok(ids.len())
}
