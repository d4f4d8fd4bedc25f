//! P1: the window timer. Every line whose parcel was delivered at least the policy's return
//! window ago, with no return asked and nothing refunded, becomes payable: batch by batch,
//! each batch one transaction holding the compare-and-set and its balanced journal, so the
//! ledger never shows a release the rows do not, nor the reverse.

use pepite_domain::commerce::payable_batch_journal;
use pepite_domain::time::DAY_US;
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::payouts as store;

use crate::{App, AppError};

/// Lines released per transaction: short transactions (a return request waits at most one
/// batch for a row), and one journal's entries far inside every backend's bind limit.
pub const RELEASE_BATCH: i64 = 2_000;

/// P1: releases everything due by now, shop by shop (P3: each order waits out its own shop's
/// return window); returns how many lines. Safe to run on several instances at once: each
/// line is released by exactly one of them.
pub async fn release_due(app: &App) -> Result<u64, AppError> {
    let now = app.now_us().await?;
    let mut total = 0;
    for shop in app.shops().await?.all() {
        let window = app.policy_of(shop.id).await?.return_window_days;
        // Delivered at t: payable from t + window exactly, not a microsecond before.
        total += release_shop(app, shop.id, now - window * DAY_US, now).await?;
    }
    Ok(total)
}

async fn release_shop(
    app: &App,
    shop_id: i64,
    delivered_by: i64,
    now: i64,
) -> Result<u64, AppError> {
    let mut total = 0;
    loop {
        let mut tx = app.db.begin().await?;
        let (due, lines) =
            store::release_window_closed(&mut tx, shop_id, delivered_by, now, RELEASE_BATCH)
                .await?;
        if due == 0 {
            return Ok(total);
        }
        // Every candidate taken meanwhile (by another instance, a return): read again.
        let Some(first) = lines.first() else {
            continue;
        };
        let earnings: Vec<(i64, i64)> = lines
            .iter()
            .map(|l| (l.seller_id, l.earning_cents))
            .collect();
        let journal = payable_batch_journal(&earnings);
        // The batch's first line names it: lines are released once, so no two batches (nor a
        // `release_line` of that line, `payable:ORDER:PIECE`) share the key.
        let dedupe = format!("payable:batch:{}:{}", first.order_id, first.piece_id);
        if !journal.entries.is_empty() {
            let posting = Posting {
                kind: journal.kind,
                dedupe: &dedupe,
                order_id: None,
                instrument_id: None,
                entries: &journal.keyed_entries(),
            };
            ledger::post(&mut tx, &posting, now).await?;
        }
        tx.commit().await?;
        total += lines.len() as u64;
    }
}
