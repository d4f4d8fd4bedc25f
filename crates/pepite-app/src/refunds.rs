//! R5 (and F6, F7, R4): refunding some lines of a paid order to the means that paid them, in
//! proportion. One transaction takes the lines (a compare-and-set: never a line refunded twice,
//! never one already payable to its seller), writes the refund once per cause, numbers its
//! credit note, credits the gift cards back, books the journal and queues the buyer's notice;
//! only then is the provider asked for the card part, under a key fixed by the refund, and a
//! refund it did not make is retried by the `refunds.owed` job until it is.

use pepite_domain::commerce::{
    self, LineShare, Means, OrderCharges, RefundPlan, RefundRefusal, SoldLine,
};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::orders::{self as orders, NewEvent, OrderRow};
use pepite_store::commerce::refunds::{self as store, NewRefund, RefundRow, RefundableLine};
use pepite_store::commerce::{instruments, payments};
use serde::{Deserialize, Serialize};

use crate::checkout::settle::paris_year;
use crate::notify::{self, Notice, NoticeLine, Recipient};
use crate::{App, AppError};

/// What to refund, and why.
#[derive(Debug, Clone)]
pub struct RefundAsk<'a> {
    pub order_id: i64,
    /// The pieces refunded (each at most once, whatever the cause).
    pub pieces: &'a [i64],
    /// R4/F7: their shares of shipping and of the QC fee come back too.
    pub with_fees: bool,
    /// R2: return shipping the buyer pays, kept from the refund (0 when free).
    pub deduct_cents: i64,
    /// Why, as staff and the credit note read it (`return`, `qc_drop`, `lost`, `late`…).
    pub reason: &'a str,
    /// Once per cause: `return:N`, `qc_drop:O:P`, `lost:O:P`, `late:O:P`. Asking again with
    /// the same key answers the first refund.
    pub dedupe: &'a str,
}

/// A refund as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundMade {
    pub refund_id: i64,
    pub order_id: i64,
    pub credit_note_number: String,
    pub total_cents: i64,
    /// Back to the card or PayPal account.
    pub card_cents: i64,
    /// Back to gift cards and vouchers.
    pub instruments_cents: i64,
    /// Kept for the return shipping (R2).
    pub deducted_cents: i64,
    /// False while the provider has not made the card part (the job retries it).
    pub refunded: bool,
}

impl From<&RefundRow> for RefundMade {
    fn from(r: &RefundRow) -> Self {
        RefundMade {
            refund_id: r.id,
            order_id: r.order_id,
            credit_note_number: r.credit_note_number.clone(),
            total_cents: r.total_cents,
            card_cents: r.card_cents,
            instruments_cents: r.instruments_cents,
            deducted_cents: r.deducted_cents,
            refunded: r.state == "made",
        }
    }
}

/// R5: refunds `ask.pieces` of `ask.order_id` (see [`RefundAsk`]). Refusals (conflicts):
/// `not_refundable` (a piece not in the order, already refunded, already payable to its
/// seller, or the order not paid or cancelled), `nothing_to_refund`, `bad_deduction`,
/// `exceeds_paid`. Access is the caller's to check: this is what staff, the workshop and the
/// returns desk call once they have decided.
pub async fn refund_lines(app: &App, ask: &RefundAsk<'_>) -> Result<RefundMade, AppError> {
    if let Some(done) = store::by_dedupe(&app.db, ask.dedupe).await? {
        return Ok(RefundMade::from(&done));
    }
    let order = orders::by_id(&app.db, ask.order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    // Refunds of one order queue on its row, so each reads what the one before gave back and
    // no means of payment is ever split past what it paid; the count also bars a cancellation
    // from giving the whole order back afterwards (F5).
    store::count_on_order(&mut tx, order.id).await?;
    if store::id_by_dedupe(&mut tx, ask.dedupe).await?.is_some() {
        // The same cause, refunded by a request that committed while this one waited.
        drop(tx);
        return answer(app, ask.dedupe).await;
    }
    // A line a return holds is that return's to refund (its reasons are `return…`).
    let of_a_return = ask.reason.starts_with("return");
    if !store::take_lines(&mut tx, order.id, ask.pieces, of_a_return, now).await? {
        return Err(AppError::Conflict("not_refundable"));
    }
    let all = store::order_lines(&mut tx, order.id).await?;
    let parcels = store::parcel_charges(&mut tx, order.id).await?;
    let paid_parts = orders::instruments_in(&mut tx, order.id).await?;
    let (card_back, parts_back) = store::refunded_so_far(&mut tx, order.id).await?;
    let plan = plan(
        &order,
        &all,
        parcels,
        &paid_parts,
        card_back,
        &parts_back,
        ask,
    )?;
    let number = format!(
        "AV-{}-{:06}",
        paris_year(now),
        store::next_credit_note(&mut tx, paris_year(now)).await?
    );
    let instruments_cents: i64 = plan.instruments.iter().map(|(_, a)| a).sum();
    let written = store::insert(
        &mut tx,
        &NewRefund {
            order_id: order.id,
            dedupe: ask.dedupe,
            reason: ask.reason,
            goods_cents: plan.goods_cents,
            shipping_cents: plan.shipping_cents,
            fees_cents: plan.fees_cents,
            deducted_cents: plan.deducted_cents,
            total_cents: plan.total_cents,
            card_cents: plan.card_cents,
            instruments_cents,
            credit_note_number: &number,
        },
        now,
    )
    .await?;
    let Some(refund_id) = written else {
        // The same cause refunded by a concurrent request: its refund is the answer.
        drop(tx);
        return answer(app, ask.dedupe).await;
    };
    let shares: Vec<store::RefundLineShare> = plan
        .lines
        .iter()
        .map(|l| {
            let (shipping, fees) = if ask.with_fees {
                (l.shipping_cents, l.fees_cents)
            } else {
                (0, 0)
            };
            (l.piece_id, l.price_cents, l.discount_cents, shipping, fees)
        })
        .collect();
    store::insert_parts(&mut tx, refund_id, order.id, &shares, &plan.instruments).await?;
    for &(id, amount) in &plan.instruments {
        instruments::give_back(&mut tx, id, amount).await?;
    }
    let journal = commerce::refund_journal(refund_id, &plan)
        .map_err(|e| AppError::Internal(format!("refund of order {} unbalanced: {e}", order.id)))?;
    post(
        &mut tx,
        &journal,
        &format!("refund:{refund_id}"),
        order.id,
        now,
    )
    .await?;
    queue_notice(&mut tx, &order, &all, ask, refund_id, &number, &plan, now).await?;
    tx.commit().await?;
    let made = RefundMade {
        refund_id,
        order_id: order.id,
        credit_note_number: number,
        total_cents: plan.total_cents,
        card_cents: plan.card_cents,
        instruments_cents,
        deducted_cents: plan.deducted_cents,
        refunded: plan.card_cents == 0,
    };
    if plan.card_cents == 0 {
        return Ok(made);
    }
    let refunded = pay_card_part(app, refund_id, order.id, plan.card_cents)
        .await
        .is_ok();
    Ok(RefundMade { refunded, ..made })
}

/// The refund already written for `dedupe`.
async fn answer(app: &App, dedupe: &str) -> Result<RefundMade, AppError> {
    store::by_dedupe(&app.db, dedupe)
        .await?
        .map(|r| RefundMade::from(&r))
        .ok_or(AppError::Conflict("not_refundable"))
}

/// The refund's amounts from the order as written (refusals as conflicts).
fn plan(
    order: &OrderRow,
    all: &[RefundableLine],
    parcels: Vec<(i64, i64)>,
    paid_parts: &[(i64, i64)],
    card_back: i64,
    parts_back: &[(i64, i64)],
    ask: &RefundAsk<'_>,
) -> Result<RefundPlan, AppError> {
    let sold: Vec<SoldLine> = all
        .iter()
        .map(|l| SoldLine {
            piece_id: l.piece_id,
            seller_id: l.seller_id,
            parcel: l.parcel,
            price_cents: l.price_cents,
            commission_cents: l.commission_cents,
        })
        .collect();
    let charges = OrderCharges {
        discount_cents: order.discount_cents + order.bulk_discount_cents,
        qc_fee_cents: order.qc_fee_cents,
        parcels,
    };
    let mut pieces = ask.pieces.to_vec();
    pieces.sort_unstable();
    pieces.dedup();
    if pieces.len() != ask.pieces.len() {
        return Err(AppError::Conflict("not_refundable"));
    }
    let chosen: Vec<LineShare> = commerce::line_shares(&sold, &charges)
        .into_iter()
        .filter(|s| pieces.contains(&s.piece_id))
        .collect();
    if chosen.len() != pieces.len() {
        return Err(AppError::Conflict("not_refundable"));
    }
    let mut means = vec![Means {
        instrument: None,
        paid_cents: order.card_cents,
        refunded_cents: card_back,
    }];
    means.extend(paid_parts.iter().map(|&(id, paid)| {
        Means {
            instrument: Some(id),
            paid_cents: paid,
            refunded_cents: parts_back
                .iter()
                .find(|(i, _)| *i == id)
                .map_or(0, |(_, a)| *a),
        }
    }));
    commerce::plan_refund(chosen, ask.with_fees, ask.deduct_cents, &means).map_err(|r| {
        AppError::Conflict(match r {
            RefundRefusal::NothingToRefund => "nothing_to_refund",
            RefundRefusal::BadDeduction => "bad_deduction",
            RefundRefusal::ExceedsPaid => "exceeds_paid",
        })
    })
}

/// Posts `journal` once under `dedupe`.
async fn post(
    tx: &mut pepite_store::Tx,
    journal: &commerce::Journal,
    dedupe: &str,
    order_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let entries = journal.keyed_entries();
    let posting = Posting {
        kind: journal.kind,
        dedupe,
        order_id: Some(order_id),
        instrument_id: None,
        entries: &entries,
    };
    ledger::post(tx, &posting, now).await?;
    Ok(())
}

/// E1: the buyer's refund notice, and the order's history.
#[allow(clippy::too_many_arguments)]
async fn queue_notice(
    tx: &mut pepite_store::Tx,
    order: &OrderRow,
    all: &[RefundableLine],
    ask: &RefundAsk<'_>,
    refund_id: i64,
    number: &str,
    plan: &RefundPlan,
    now: i64,
) -> Result<(), AppError> {
    let lines = all
        .iter()
        .filter(|l| ask.pieces.contains(&l.piece_id))
        .map(|l| NoticeLine {
            title: l.title.clone(),
            price_cents: l.price_cents,
        })
        .collect();
    let notice = Notice::RefundMade {
        order_id: order.id,
        refund_id,
        number: order.number.clone().unwrap_or_default(),
        credit_note: number.to_owned(),
        card_cents: plan.card_cents,
        gift_cards_cents: plan.instruments.iter().map(|(_, a)| a).sum(),
        deducted_cents: plan.deducted_cents,
        lines,
    };
    let event = format!("refund:{refund_id}");
    notify::queue(tx, Recipient::User(order.buyer_id), &event, &notice, now).await?;
    let detail = format!("{} {}", ask.reason, number);
    orders::add_events(
        tx,
        order.id,
        &[NewEvent {
            kind: "refund_made",
            user_id: Some(order.buyer_id),
            seller_id: None,
            detail: &detail,
        }],
        now,
    )
    .await?;
    Ok(())
}

/// The provider's key for a refund's card part: the same however often it is asked.
fn provider_key(refund_id: i64) -> String {
    format!("refund-{refund_id}")
}

/// Asks the provider for the card part of refund `refund_id`, then books it as made (once).
async fn pay_card_part(
    app: &App,
    refund_id: i64,
    order_id: i64,
    card_cents: i64,
) -> Result<(), AppError> {
    let charge = payments::of_order(&app.db, order_id)
        .await?
        .into_iter()
        .find(|p| p.provider_ref.is_some() && matches!(p.state.as_str(), "succeeded" | "refunded"))
        .and_then(|p| p.provider_ref);
    let Some(provider_ref) = charge else {
        tracing::error!(
            order_id,
            refund_id,
            "refund owed: no card charge known for the order"
        );
        return Err(AppError::Unavailable("payment_provider"));
    };
    app.payments
        .refund(&provider_ref, card_cents, &provider_key(refund_id))
        .await
        .map_err(|e| {
            tracing::error!(refund_id, error = %e, "card refund failed; the job retries");
            AppError::Unavailable("payment_provider")
        })?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if store::mark_made(&mut tx, refund_id, now).await? {
        let journal = commerce::refund_paid_journal(refund_id, card_cents);
        post(
            &mut tx,
            &journal,
            &format!("refund:{refund_id}:paid"),
            order_id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How long a card refund is left to the request that owes it before the job takes over.
const RETRY_AFTER_US: i64 = 60_000_000;

/// R5: card parts the provider did not make when first asked, asked again under the same key.
/// Returns how many were made.
pub async fn refund_owed(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let mut made = 0;
    for r in store::owed(&app.db, now - RETRY_AFTER_US, 100).await? {
        if pay_card_part(app, r.id, r.order_id, r.card_cents)
            .await
            .is_ok()
        {
            made += 1;
        }
    }
    Ok(made)
}

/// An order's refunds, for its pages and the API.
pub async fn of_order(app: &App, order_id: i64) -> Result<Vec<RefundMade>, AppError> {
    Ok(store::of_order(&app.db, order_id)
        .await?
        .iter()
        .map(RefundMade::from)
        .collect())
}
