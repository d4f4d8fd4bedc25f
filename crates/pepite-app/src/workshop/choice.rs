//! F6: a piece that failed its check waits for its buyer: drop it (its share refunded, with
//! dedupe `qc_drop:ORDER:PIECE`, the piece back to its seller, off sale) or keep it as is (the
//! seller's earning payable at once, P1). No answer by `choice_due` (the policy's
//! `qc_choice_days` after the check) drops it: the `workshop.timers` job, safe with several
//! instances because the choice is a compare-and-set.

use pepite_store::commerce::orders as orders_store;
use pepite_store::commerce::payables;
use pepite_store::commerce::workshop::{self as store, WorkshopLine};

use super::station::piece_event;
use super::{load, refund_withdrawn};
use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError};

/// How many due choices one timer run drops (the next run takes the rest).
const BATCH: i64 = 200;

/// F6: the buyer's choice on their failed piece. Someone else's order is not found (A4); a
/// piece not awaiting a choice (passed, decided already, dropped by the delay) is the conflict
/// `not_awaiting_choice`.
pub async fn choose(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
    keep: bool,
) -> Result<WorkshopLine, AppError> {
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .filter(|o| o.buyer_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    let bench = load(app, order.id).await?;
    let line = bench
        .lines
        .iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    let done = if keep {
        kept(app, line).await?
    } else {
        dropped(app, line, false).await?
    };
    if !done {
        return Err(AppError::Conflict("not_awaiting_choice"));
    }
    load(app, order_id)
        .await?
        .lines
        .into_iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)
}

/// F6/P1: kept as is: the choice and the seller's payable in one transaction.
async fn kept(app: &App, line: &WorkshopLine) -> Result<bool, AppError> {
    let now = app.now_us().await?;
    let (order_id, piece_id) = (line.order_id, line.piece_id);
    let mut tx = app.db.begin().await?;
    if !store::choose(&mut tx, order_id, piece_id, true, now).await? {
        return Ok(false);
    }
    payables::release_line(&mut tx, order_id, piece_id, now).await?;
    piece_event(
        &mut tx,
        order_id,
        "piece_kept",
        line.seller_id,
        piece_id,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    Ok(true)
}

/// F6: dropped, by the buyer or by the delay (`by_timer`: then the buyer is told too): the
/// line leaves the order, the piece goes back to its seller (told), then its share is refunded.
async fn dropped(app: &App, line: &WorkshopLine, by_timer: bool) -> Result<bool, AppError> {
    let now = app.now_us().await?;
    let (order_id, piece_id) = (line.order_id, line.piece_id);
    let mut tx = app.db.begin().await?;
    if !store::choose(&mut tx, order_id, piece_id, false, now).await? {
        return Ok(false);
    }
    store::withdraw_sold_piece(&mut tx, piece_id, now).await?;
    let number = line.number.clone().unwrap_or_default();
    let event = format!("order:{order_id}:piece:{piece_id}:withdrawn");
    let seller = Notice::SaleLineWithdrawn {
        order_id,
        number: number.clone(),
        piece_id,
        title: line.title.clone(),
        reason: "qc_drop".into(),
    };
    notify::queue(
        &mut tx,
        Recipient::Seller(line.seller_id),
        &event,
        &seller,
        now,
    )
    .await?;
    if by_timer {
        let buyer = Notice::OrderLineWithdrawn {
            order_id,
            number,
            title: line.title.clone(),
            price_cents: line.price_cents,
            reason: "qc_drop".into(),
        };
        notify::queue(&mut tx, Recipient::User(line.buyer_id), &event, &buyer, now).await?;
    }
    piece_event(
        &mut tx,
        order_id,
        "piece_dropped",
        line.seller_id,
        piece_id,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    refund_withdrawn(app, order_id, piece_id, "qc_drop").await?;
    Ok(true)
}

/// F6: drops every failed piece whose buyer did not choose in time, then makes any refund of
/// a line that left its order and is still owed (a crash between the two steps). Returns how
/// many pieces this run dropped; another instance's run drops each at most once.
pub async fn run_timers(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let mut dropped_now = 0;
    for (order_id, piece_id) in store::choices_due(&app.db, now, BATCH).await? {
        let bench = load(app, order_id).await?;
        if let Some(line) = bench.lines.iter().find(|l| l.piece_id == piece_id)
            && dropped(app, line, true).await?
        {
            dropped_now += 1;
        }
    }
    super::refund::sweep(app).await?;
    Ok(dropped_now)
}
