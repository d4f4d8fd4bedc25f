//! F5: the buyer, or customer service for the platform (issue 11, item 6), cancels a paid
//! order until its first parcel is dispatched: everything paid comes back (card or PayPal
//! through the provider under a key fixed by the order, gift cards to their balance, shipping
//! and fees included), the pieces are listed again (C3) and the sellers are told who cancelled.
//! A cancellation racing a dispatch, or another cancellation, is decided by the order row: one
//! compare-and-set wins. Through the API the request carries an idempotency key (O7): the
//! same key for the same order answers the first outcome again.

use pepite_domain::account::Role;
use pepite_domain::commerce::{self, OrderPayment, Quote, Unsold, order_cancelled_journal};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::orders::{self as store, NewEvent, OrderRow, SaleLine};
use pepite_store::commerce::{discounts, instruments, payments};
use serde::{Deserialize, Serialize};

use crate::accounts::Principal;
use crate::checkout::settle::{journal_lines, notice_lines};
use crate::notify::{self, Notice, Recipient};
use crate::payments::unsold;
use crate::{App, AppError, idempotency};

/// What a cancellation gave back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancelled {
    /// Refunded to the card or PayPal account (0 when gift cards paid it all).
    pub card_cents: i64,
    /// Credited back to the gift cards that paid part of it.
    pub gift_cards_cents: i64,
    /// False when the provider did not answer: the refund is owed and the
    /// `payments.refund_owed` job makes it under the same key.
    pub refunded: bool,
}

/// F5 with O7's exactly-once answer: the first request under `idempotency_key` cancels (as
/// [`cancel`]) and its outcome is stored; the same key for the same order gets that outcome
/// again (nothing refunded twice), the same key for another order is the conflict
/// `idempotency_key_reused`. A refusal stores nothing.
pub async fn cancel_once(
    app: &App,
    who: &Principal,
    idempotency_key: &str,
    order_id: i64,
) -> Result<Cancelled, AppError> {
    idempotency::once(
        app,
        who.user_id,
        "order_cancel",
        idempotency_key,
        &order_id,
        || cancel(app, who, order_id),
    )
    .await
}

/// F5: `who` cancels their order `order_id`. Someone else's order is not found (A4); an order
/// already dispatched is the conflict `dispatched` (a return is the way then), one cancelled
/// before is `already_cancelled`, an unpaid one `not_paid`, and one with a piece already
/// refunded (dropped after a failed check, a late line cancelled) `partly_refunded`: a
/// cancellation gives back the whole order, which would pay that piece's share twice.
pub async fn cancel(app: &App, who: &Principal, order_id: i64) -> Result<Cancelled, AppError> {
    cancel_as(app, who, Canceller::Buyer, order_id).await
}

/// Who cancels: the notices and the order's history say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canceller {
    Buyer,
    /// Customer service, for the platform.
    Staff,
}

/// F5 for the platform: customer service (or an admin) cancels any paid order under the same
/// rules and refusals as its buyer would; the buyer and the sellers are told the platform
/// cancelled it. A second cancellation, even a concurrent one, is `already_cancelled`.
pub async fn cancel_by_staff(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<Cancelled, AppError> {
    if !who.has(Role::CustomerService) {
        return Err(AppError::Forbidden);
    }
    cancel_as(app, who, Canceller::Staff, order_id).await
}

/// The one cancellation: `who` cancels order `order_id` as `by` (a buyer only their own).
async fn cancel_as(
    app: &App,
    who: &Principal,
    by: Canceller,
    order_id: i64,
) -> Result<Cancelled, AppError> {
    let order = store::by_id(&app.db, order_id)
        .await?
        .filter(|o| by == Canceller::Staff || o.buyer_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let card_payment = payments::of_order(&app.db, order_id)
        .await?
        .into_iter()
        .find(|p| p.state == "succeeded" && p.provider_ref.is_some());
    let mut tx = app.db.begin().await?;
    if !store::mark_cancelled(&mut tx, order_id, order.buyer_id, now).await? {
        return Err(AppError::Conflict(refusal(app, order_id).await?));
    }
    let lines = store::lines_in(&mut tx, order_id).await?;
    let parts = store::instruments_in(&mut tx, order_id).await?;
    for (id, amount) in &parts {
        instruments::give_back(&mut tx, *id, *amount).await?;
    }
    if let Some(code_id) = order.discount_code_id {
        discounts::give_back_use(&mut tx, code_id).await?;
    }
    post_journals(&mut tx, &order, &lines, &parts, now).await?;
    queue_notices(&mut tx, &order, &lines, (by, who.user_id), now).await?;
    // Last: the catalogue's change counter is the row every catalogue write queues on, so its
    // lock is held only until the commit (as in the sale).
    store::relist_pieces(&mut tx, order_id, now).await?;
    tx.commit().await?;
    app.ring();
    let what = Unsold::Order(order_id);
    let refunded = match (&card_payment, order.card_cents > 0) {
        (_, false) => true,
        (Some(p), true) => {
            let provider_ref = p.provider_ref.as_deref().unwrap_or_default();
            unsold::refund(app, what, Some(p.id), provider_ref, order.card_cents)
                .await
                .is_ok()
        }
        // No reference known here: the job finds the charge by our reference.
        (None, true) => false,
    };
    Ok(Cancelled {
        card_cents: order.card_cents,
        gift_cards_cents: order.instruments_cents,
        refunded,
    })
}

/// Why the compare-and-set refused, read afterwards only to say so.
async fn refusal(app: &App, order_id: i64) -> Result<&'static str, AppError> {
    let order = store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(if order.cancelled_at.is_some() {
        "already_cancelled"
    } else if order.dispatched_at.is_some() {
        "dispatched"
    } else if order.refunded_count > 0 {
        "partly_refunded"
    } else {
        "not_paid"
    })
}

/// P2: the sale reversed, and the card part owed to the payer until the provider refunds it
/// (the journal `unsold::refund` and the `payments.refund_owed` job complete).
async fn post_journals(
    tx: &mut pepite_store::Tx,
    order: &OrderRow,
    lines: &[SaleLine],
    parts: &[(i64, i64)],
    now: i64,
) -> Result<(), AppError> {
    let quote: Quote =
        serde_json::from_str(&order.quote).map_err(|e| AppError::Internal(e.to_string()))?;
    let quote_lines = journal_lines(lines);
    let reversal = order_cancelled_journal(&OrderPayment {
        order_id: order.id,
        lines: &quote_lines,
        quote: &quote,
        card_cents: order.card_cents,
        instruments: parts,
        commission_bps: order.commission_bps,
    })
    .map_err(|e| AppError::Internal(format!("order {} does not add up: {e:?}", order.id)))?;
    let what = Unsold::Order(order.id);
    let owed = commerce::unsold_charge_journal(what, order.card_cents);
    let postings = [
        (&reversal, format!("order:{}:cancelled", order.id)),
        (&owed, unsold::dedupe(what, "unsold")),
    ];
    for (journal, dedupe) in postings {
        if journal.entries.is_empty() {
            continue;
        }
        let posting = Posting {
            kind: journal.kind,
            dedupe: &dedupe,
            order_id: Some(order.id),
            instrument_id: None,
            entries: &journal.keyed_entries(),
        };
        ledger::post(tx, &posting, now).await?;
    }
    Ok(())
}

/// E1: the buyer's cancellation notice and each seller's, with its own pieces, saying who
/// cancelled; the order's history names the staff member who did.
async fn queue_notices(
    tx: &mut pepite_store::Tx,
    order: &OrderRow,
    lines: &[SaleLine],
    (by, actor): (Canceller, i64),
    now: i64,
) -> Result<(), AppError> {
    let by_platform = by == Canceller::Staff;
    let number = order.number.clone().unwrap_or_default();
    let notice_lines = |seller: Option<i64>| notice_lines(lines, seller);
    let event = format!("order:{}:cancelled", order.id);
    let buyer = Notice::OrderCancelled {
        order_id: order.id,
        number: number.clone(),
        card_cents: order.card_cents,
        gift_cards_cents: order.instruments_cents,
        lines: notice_lines(None),
        by_platform,
    };
    notify::queue(tx, Recipient::User(order.buyer_id), &event, &buyer, now).await?;
    let mut sellers: Vec<i64> = lines.iter().map(|l| l.seller_id).collect();
    sellers.sort_unstable();
    sellers.dedup();
    let mut events = vec![NewEvent {
        kind: if by_platform {
            "order_cancelled_by_staff"
        } else {
            "order_cancelled"
        },
        user_id: Some(if by_platform { actor } else { order.buyer_id }),
        seller_id: None,
        detail: "",
    }];
    for &seller in &sellers {
        let told = Notice::SaleCancelled {
            order_id: order.id,
            number: number.clone(),
            lines: notice_lines(Some(seller)),
            by_platform,
        };
        notify::queue(tx, Recipient::Seller(seller), &event, &told, now).await?;
        events.push(NewEvent {
            kind: "sale_cancelled",
            user_id: None,
            seller_id: Some(seller),
            detail: "",
        });
    }
    store::add_events(tx, order.id, &events, now).await?;
    Ok(())
}
