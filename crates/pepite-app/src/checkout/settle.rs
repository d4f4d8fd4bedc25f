//! Settling an order once the provider has answered: paid (the holds become a sale, the
//! invoice gets its number, the ledger its journal), or failed (everything held is given
//! back). Each is one compare-and-set transaction, so a repeated answer changes nothing.

use crate::payments::{Charge, ChargeRequest, ChargeStatus, ProviderError, unsold};
use pepite_domain::commerce::{self, OrderPayment, Quote, QuoteLine};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::orders::{self as store, NewEvent};
use pepite_store::commerce::{carts, discounts, instruments, payments};

use super::{CheckoutOutcome, PaymentOutcome};
use crate::notify::{self, Notice, NoticeLine, Recipient};
use crate::{App, AppError};

/// An order's lines as its ledger journals read them (the piece, its seller, its price): the
/// sale's and, reversed, the cancellation's.
pub(crate) fn journal_lines(lines: &[store::SaleLine]) -> Vec<QuoteLine> {
    lines
        .iter()
        .map(|l| QuoteLine {
            piece_id: l.piece_id,
            seller_id: l.seller_id,
            price_cents: l.price_cents,
            weight_g: 0,
            brand: String::new(),
            category: String::new(),
        })
        .collect()
}

/// E1: an order's lines as its e-mails list them: all of them, or one seller's.
pub(crate) fn notice_lines(lines: &[store::SaleLine], seller: Option<i64>) -> Vec<NoticeLine> {
    lines
        .iter()
        .filter(|l| seller.is_none_or(|s| s == l.seller_id))
        .map(|l| NoticeLine {
            title: l.title.clone(),
            price_cents: l.price_cents,
        })
        .collect()
}

/// Whether a provider error leaves the charge's outcome unknown (it may have been made).
pub(crate) fn outcome_unknown(e: &ProviderError) -> bool {
    matches!(e, ProviderError::Timeout | ProviderError::BadResponse(_))
}

/// Asks the provider for the card part and settles the order with its answer. A timeout or an
/// unreadable answer is asked again with the same idempotency key, which can only replay the
/// first charge, never make a second. If that too goes unanswered the outcome stays unknown
/// (O7): the order keeps waiting for its payment with its hold, and the
/// `payments.settle_pending` job asks the provider by the order's reference.
pub(crate) async fn charge(
    app: &App,
    order_id: i64,
    payment_id: Option<i64>,
    request: &ChargeRequest,
) -> Result<CheckoutOutcome, AppError> {
    let mut answer = app.payments.charge(request).await;
    let mut unknown = false;
    if let Err(e) = &answer
        && outcome_unknown(e)
    {
        tracing::warn!(order_id, error = %e, "payment answer unknown; asking again");
        unknown = true;
        answer = app.payments.charge(request).await;
    }
    match answer {
        Ok(charge) => apply(app, order_id, payment_id, &charge).await,
        // After a first unanswered attempt any error (the key still in use, a second timeout)
        // says nothing of that attempt: the card may have been charged.
        Err(e) if unknown || outcome_unknown(&e) => {
            tracing::warn!(order_id, error = %e, "payment outcome unknown; the order stays pending");
            Ok(CheckoutOutcome {
                order_id,
                number: None,
                payment: PaymentOutcome::Processing,
            })
        }
        Err(e) => {
            tracing::error!(order_id, error = %e, "payment provider failed; order released");
            failed(app, order_id, payment_id, "failed", "payment_unavailable").await?;
            Err(match e {
                ProviderError::Rejected(_) => AppError::field("token", "payment_rejected"),
                _ => AppError::Unavailable("payment_provider"),
            })
        }
    }
}

/// Settles an order with what the provider says of its payment.
pub(crate) async fn apply(
    app: &App,
    order_id: i64,
    payment_id: Option<i64>,
    charge: &Charge,
) -> Result<CheckoutOutcome, AppError> {
    let now = app.now_us().await?;
    let outcome = |payment| CheckoutOutcome {
        order_id,
        number: None,
        payment,
    };
    let reference = Some(charge.provider_ref.as_str()).filter(|r| !r.is_empty());
    // The provider's reference and any authentication step are noted first; the final state
    // is written by the settlement below, in its own transaction (a success notes the
    // reference there, in the same commit as the sale).
    if let Some(id) = payment_id
        && !matches!(
            charge.status,
            ChargeStatus::Canceled | ChargeStatus::Succeeded
        )
    {
        let (state, redirect) = match &charge.status {
            ChargeStatus::RequiresAction { redirect_url } => {
                ("requires_action", Some(redirect_url.as_str()))
            }
            _ => ("pending", None),
        };
        payments::record(&app.db, id, reference, state, redirect, None, now).await?;
    }
    match &charge.status {
        ChargeStatus::Succeeded => match paid(app, order_id, payment_id, reference).await? {
            Some(number) => Ok(CheckoutOutcome {
                number: Some(number),
                ..outcome(PaymentOutcome::Paid)
            }),
            None => {
                if let Some(id) = payment_id {
                    payments::record(&app.db, id, reference, "pending", None, None, now).await?;
                }
                refund_unsold(app, order_id, payment_id, charge).await?;
                Ok(outcome(PaymentOutcome::Declined {
                    code: "pieces_gone_refunded".into(),
                }))
            }
        },
        ChargeStatus::RequiresAction { redirect_url } => {
            Ok(outcome(PaymentOutcome::ActionRequired {
                redirect_url: redirect_url.clone(),
            }))
        }
        ChargeStatus::Processing => Ok(outcome(PaymentOutcome::Processing)),
        ChargeStatus::Declined { code } => {
            failed(app, order_id, payment_id, "declined", code).await?;
            Ok(outcome(PaymentOutcome::Declined { code: code.clone() }))
        }
        ChargeStatus::Canceled => {
            failed(app, order_id, payment_id, "canceled", "payment_canceled").await?;
            Ok(outcome(PaymentOutcome::Declined {
                code: "payment_canceled".into(),
            }))
        }
    }
}

/// Gift cards paid everything: no provider, straight to the sale.
pub(crate) async fn paid_without_card(
    app: &App,
    order_id: i64,
) -> Result<CheckoutOutcome, AppError> {
    match paid(app, order_id, None, None).await? {
        Some(number) => Ok(CheckoutOutcome {
            order_id,
            number: Some(number),
            payment: PaymentOutcome::Paid,
        }),
        None => {
            failed(app, order_id, None, "failed", "pieces_gone").await?;
            Err(AppError::Conflict("pieces_gone"))
        }
    }
}

/// C3/O11/P2: the sale. Returns the invoice number, or None when a piece could not be sold
/// (its hold lapsed and someone else bought it): then nothing of this transaction remains.
pub(crate) async fn paid(
    app: &App,
    order_id: i64,
    payment_id: Option<i64>,
    provider_ref: Option<&str>,
) -> Result<Option<String>, AppError> {
    let now = app.now_us().await?;
    // O11/P3: the invoice keeps the legal identity in force now, whatever is edited later.
    // Read before the transaction: on SQLite it holds the only writer's connection, and
    // waiting for a second one from a pool that other payers fill would stall them all.
    let shop = pepite_store::shops::of_order(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let issuer = serde_json::to_string(&app.policy_of(shop).await?.legal_identity)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut tx = app.db.begin().await?;
    let order = store::by_id_in(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match order.state.as_str() {
        "paid" => return Ok(order.number),
        "failed" => return Ok(None),
        _ => {}
    }
    let lines = store::lines_in(&mut tx, order_id).await?;
    let parts = if order.instruments_cents > 0 {
        store::instruments_in(&mut tx, order_id).await?
    } else {
        Vec::new()
    };
    let quote: Quote =
        serde_json::from_str(&order.quote).map_err(|e| AppError::Internal(e.to_string()))?;
    let quote_lines = journal_lines(&lines);
    let journal = commerce::try_order_paid_journal(&OrderPayment {
        order_id,
        lines: &quote_lines,
        quote: &quote,
        card_cents: order.card_cents,
        instruments: &parts,
        commission_bps: order.commission_bps,
    })
    .map_err(|e| AppError::Internal(format!("order {order_id} does not add up: {e:?}")))?;
    if let Some(id) = payment_id {
        payments::record_in(&mut tx, id, provider_ref, "succeeded", None, now).await?;
    }
    ledger::post(
        &mut tx,
        &Posting {
            kind: journal.kind,
            dedupe: &format!("order:{order_id}:paid"),
            order_id: Some(order_id),
            instrument_id: None,
            entries: &journal.keyed_entries(),
        },
        now,
    )
    .await?;
    // O13: the buyer's confirmation and one ship request per seller, in one statement.
    let ship_to = if order.mode == "grouped" {
        "workshop"
    } else {
        "buyer"
    };
    let mut sellers: Vec<i64> = lines.iter().map(|l| l.seller_id).collect();
    sellers.sort_unstable();
    sellers.dedup();
    let mut events = vec![NewEvent {
        kind: "order_confirmed",
        user_id: Some(order.buyer_id),
        seller_id: None,
        detail: "",
    }];
    events.extend(sellers.iter().map(|&seller| NewEvent {
        kind: "ship_request",
        user_id: None,
        seller_id: Some(seller),
        detail: ship_to,
    }));
    store::add_events(&mut tx, order_id, &events, now).await?;
    let used_code = order.discount_code_id.is_some();
    carts::remove_bought(&mut tx, order.buyer_id, order_id, used_code).await?;
    end_offers(&mut tx, order_id, order.buyer_id, &lines, now).await?;
    // The two shared counters come last: their row locks are held only until the commit.
    let sold = store::sell_pieces(&mut tx, order_id, now).await?;
    if sold != lines.len() as u64 {
        return Ok(None);
    }
    let year = paris_year(now);
    let number = format!(
        "{year}-{:06}",
        store::next_invoice_number(&mut tx, year).await?
    );
    if !store::mark_paid(&mut tx, order_id, &number, &issuer, now).await? {
        return Ok(None);
    }
    queue_paid_notices(&mut tx, &order, &number, &lines, &sellers, now).await?;
    tx.commit().await?;
    app.ring();
    Ok(Some(number))
}

/// N7: the sale ends every live offer on its pieces; their buyers are told (the buyer's own
/// agreed offer is marked bought instead).
async fn end_offers(
    tx: &mut pepite_store::Tx,
    order_id: i64,
    buyer_id: i64,
    lines: &[store::SaleLine],
    now: i64,
) -> Result<(), AppError> {
    for (offer_id, offer_buyer, piece_id) in
        pepite_store::offers::end_for_sale(tx, order_id, buyer_id, now).await?
    {
        let title = lines
            .iter()
            .find(|l| l.piece_id == piece_id)
            .map(|l| l.title.clone())
            .unwrap_or_default();
        let notice = Notice::OfferEnded {
            offer_id,
            piece_id,
            title,
        };
        let event = format!("offer:{offer_id}:ended");
        notify::queue(tx, Recipient::User(offer_buyer), &event, &notice, now).await?;
    }
    Ok(())
}

/// E1/O13: the buyer's confirmation and each seller's new order, in the sale's transaction
/// (they need the invoice number, so they come after it).
async fn queue_paid_notices(
    tx: &mut pepite_store::Tx,
    order: &store::OrderRow,
    number: &str,
    lines: &[store::SaleLine],
    sellers: &[i64],
    now: i64,
) -> Result<(), AppError> {
    let notice_lines = |seller: Option<i64>| notice_lines(lines, seller);
    let grouped = order.mode == "grouped";
    let confirmed = Notice::OrderConfirmed {
        order_id: order.id,
        number: number.to_owned(),
        total_cents: order.total_cents,
        grouped,
        lines: notice_lines(None),
    };
    let event = format!("order:{}:paid", order.id);
    notify::queue(tx, Recipient::User(order.buyer_id), &event, &confirmed, now).await?;
    for &seller in sellers {
        let new_order = Notice::NewOrder {
            order_id: order.id,
            number: number.to_owned(),
            to_workshop: grouped,
            lines: notice_lines(Some(seller)),
        };
        notify::queue(tx, Recipient::Seller(seller), &event, &new_order, now).await?;
    }
    Ok(())
}

/// Payment failed, was declined or never finished: the order closes and gives back its
/// pieces, gift-card parts and discount use. False if it was no longer awaiting payment.
pub(crate) async fn failed(
    app: &App,
    order_id: i64,
    payment_id: Option<i64>,
    payment_state: &str,
    code: &str,
) -> Result<bool, AppError> {
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::mark_failed(&mut tx, order_id, code, now).await? {
        return Ok(false);
    }
    store::release_holds(&mut tx, order_id).await?;
    let parts = store::instruments_in(&mut tx, order_id).await?;
    for (id, amount) in &parts {
        instruments::give_back(&mut tx, *id, *amount).await?;
    }
    if !parts.is_empty() {
        let journal = commerce::gift_card_released_journal(order_id, &parts);
        ledger::post(
            &mut tx,
            &Posting {
                kind: journal.kind,
                dedupe: &format!("order:{order_id}:released"),
                order_id: Some(order_id),
                instrument_id: None,
                entries: &journal.keyed_entries(),
            },
            now,
        )
        .await?;
    }
    let order = store::by_id_in(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(code_id) = order.discount_code_id {
        discounts::give_back_use(&mut tx, code_id).await?;
    }
    if let Some(id) = payment_id {
        payments::record_in(&mut tx, id, None, payment_state, Some(code), now).await?;
    }
    let event = NewEvent {
        kind: "payment_failed",
        user_id: Some(order.buyer_id),
        seller_id: None,
        detail: code,
    };
    store::add_events(&mut tx, order_id, &[event], now).await?;
    tx.commit().await?;
    Ok(true)
}

/// A charge succeeded for an order that can no longer be sold (its pieces went to someone
/// else, or it had already failed): the money goes straight back. No charge without an order.
pub(crate) async fn refund_unsold(
    app: &App,
    order_id: i64,
    payment_id: Option<i64>,
    charge: &Charge,
) -> Result<(), AppError> {
    let what = commerce::Unsold::Order(order_id);
    unsold::refund(
        app,
        what,
        payment_id,
        &charge.provider_ref,
        charge.amount_cents,
    )
    .await?;
    failed(app, order_id, payment_id, "refunded", "pieces_gone").await?;
    tracing::warn!(order_id, "the order's pieces were sold to someone else");
    Ok(())
}

/// The calendar year in Paris of an instant: invoices are numbered per French year.
pub(crate) fn paris_year(now_us: i64) -> i64 {
    jiff::Timestamp::from_microsecond(now_us)
        .ok()
        .and_then(|t| {
            jiff::tz::TimeZone::get("Europe/Paris")
                .ok()
                .map(|tz| t.to_zoned(tz).year())
        })
        .map_or(1970, i64::from)
}
