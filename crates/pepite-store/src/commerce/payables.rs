//! P1: a sold piece's earning becomes payable to its seller once, by a compare-and-set on its
//! order line: never after the line was refunded, never twice. The journal moving the earning
//! from pending to payable is written in the same transaction, deduplicated by line.

use pepite_domain::commerce::payable_batch_journal;

use super::ledger::{self, Posting};
use crate::db::on_tx;
use crate::{StoreError, Tx};

/// P1: releases the earning (price less commission) of `piece_id` in `order_id` to its
/// seller, if it was neither released nor refunded. True when this call released it. The
/// caller decides when (the return window closed with no return, a return refused, a piece
/// kept after a failed check): this only guards against paying twice or paying a refund.
pub async fn release_line(
    tx: &mut Tx,
    order_id: i64,
    piece_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let released = on_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(
        "UPDATE order_lines SET payable_at = $3
         WHERE order_id = $1 AND piece_id = $2 AND payable_at IS NULL AND refunded_at IS NULL
           AND EXISTS (SELECT 1 FROM orders o WHERE o.id = $1 AND o.state = 'paid'
                                                AND o.cancelled_at IS NULL)
         RETURNING seller_id, price_cents - commission_cents")
        .bind(order_id).bind(piece_id).bind(now)
        .fetch_optional(c).await)?;
    let Some((seller_id, earning)) = released else {
        return Ok(false);
    };
    if earning > 0 {
        let journal = payable_batch_journal(&[(seller_id, earning)]);
        let entries = journal.keyed_entries();
        ledger::post(
            tx,
            &Posting {
                kind: journal.kind,
                dedupe: &format!("payable:{order_id}:{piece_id}"),
                order_id: Some(order_id),
                instrument_id: None,
                entries: &entries,
            },
            now,
        )
        .await?;
    }
    Ok(true)
}
