//! After a return is asked: staff decide a defect claim (R4), the buyer may withdraw before
//! anything is received, and whoever receives a piece records its check once (R5, R6, P1):
//! passed → refunded (its share of the return charge deducted) and listed again, which fires
//! its alerts once; failed → the return of it is refused and the seller's earning released.

use pepite_domain::account::Role;
use pepite_store::Tx;
use pepite_store::commerce::orders::{self as orders_store, NewEvent, OrderRow};
use pepite_store::commerce::payables;
use pepite_store::commerce::returns::{self as store, ReturnLineRow, ReturnParcelRow};

use super::{is_return_staff, labels};
use crate::accounts::Principal;
use crate::notify::{self, Notice, NoticeLine, Recipient};
use crate::refunds::{self, RefundAsk};
use crate::{App, AppError};

/// What the receiver found: the piece as it was sent (passed), or not (failed, with a note).
#[derive(Debug, Clone, Default)]
pub struct Receipt {
    pub passed: bool,
    pub note: String,
}

/// R4: customer service decide a defect claim once: upheld → free wherever the buyer lives
/// and everything paid for the pieces refunded on receipt; rejected → it stands as a change
/// of mind at the charge the buyer was shown, which they may withdraw. Labels follow.
pub async fn decide(
    app: &App,
    who: &Principal,
    return_id: i64,
    upheld: bool,
) -> Result<(), AppError> {
    who.require(Role::CustomerService)?;
    let ret = store::by_id(&app.db, return_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let order = orders_store::by_id(&app.db, ret.order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = store::lines(&app.db, return_id).await?;
    let parcels = store::parcels(&app.db, return_id).await?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::decide(&mut tx, return_id, upheld, who.user_id, now).await? {
        return Err(AppError::Conflict("already_decided"));
    }
    let told = Told {
        return_id,
        charge_cents: if upheld { 0 } else { ret.charge_cents },
        buyer_pays: ret.buyer_pays && !upheld,
        upheld: Some(upheld),
    };
    queue_accepted(&mut tx, &order, &told, &by_parcel(&parcels, &lines), now).await?;
    let detail = return_id.to_string();
    let kind = if upheld {
        "return_claim_upheld"
    } else {
        "return_claim_rejected"
    };
    let event = NewEvent {
        kind,
        user_id: Some(who.user_id),
        seller_id: None,
        detail: &detail,
    };
    orders_store::add_events(&mut tx, order.id, &[event], now).await?;
    tx.commit().await?;
    app.ring();
    if let Err(e) = labels::ensure_labels(app, return_id).await {
        tracing::warn!(return_id, error = %e, "return labels not bought yet");
    }
    Ok(())
}

/// The buyer keeps the pieces after all, before any was received: the lines are free again
/// (P1 then releases them when the window closes). Someone else's return is not found.
pub async fn withdraw(app: &App, who: &Principal, return_id: i64) -> Result<(), AppError> {
    let ret = store::by_id(&app.db, return_id)
        .await?
        .filter(|r| r.buyer_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::withdraw(&mut tx, return_id, who.user_id, now).await? {
        return Err(AppError::Conflict("not_withdrawable"));
    }
    let detail = return_id.to_string();
    let event = NewEvent {
        kind: "return_withdrawn",
        user_id: Some(who.user_id),
        seller_id: None,
        detail: &detail,
    };
    orders_store::add_events(&mut tx, ret.order_id, &[event], now).await?;
    tx.commit().await?;
    app.ring();
    Ok(())
}

/// R5/R6/P1: `who` records receipt and check of `piece_id` of return `return_id`: the seller
/// it was sent to, or staff (the workshop's parcels, or any on a seller's behalf). Recorded
/// once: a second submission, even at the same instant, is the conflict `already_received`
/// and refunds nothing. A claim awaiting staff or a withdrawn return is `not_expected`.
pub async fn receive(
    app: &App,
    who: &Principal,
    return_id: i64,
    piece_id: i64,
    receipt: &Receipt,
) -> Result<(), AppError> {
    let ret = store::by_id(&app.db, return_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = store::lines(&app.db, return_id).await?;
    let parcels = store::parcels(&app.db, return_id).await?;
    let line = lines
        .iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    let parcel = parcels
        .iter()
        .find(|p| p.parcel == line.parcel)
        .ok_or(AppError::NotFound)?;
    let receiver =
        is_return_staff(who) || (parcel.seller_id.is_some() && parcel.seller_id == who.seller_id);
    if !receiver {
        return Err(AppError::NotFound);
    }
    let note = receipt.note.trim();
    if !receipt.passed && note.is_empty() {
        return Err(AppError::field("note", "required"));
    }
    if note.chars().count() > 2_000 {
        return Err(AppError::field_with_limit("note", "too_long", 2_000));
    }
    let order = orders_store::by_id(&app.db, ret.order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::receive(
        &mut tx,
        return_id,
        piece_id,
        who.user_id,
        receipt.passed,
        note,
        now,
    )
    .await?
    {
        drop(tx);
        let again = store::lines(&app.db, return_id).await?;
        let received = again
            .iter()
            .any(|l| l.piece_id == piece_id && l.received_at.is_some());
        return Err(AppError::Conflict(if received {
            "already_received"
        } else {
            "not_expected"
        }));
    }
    let detail = format!("{return_id}:{piece_id}");
    let kind = if receipt.passed {
        "return_passed"
    } else {
        "return_failed"
    };
    let event = NewEvent {
        kind,
        user_id: Some(who.user_id),
        seller_id: parcel.seller_id,
        detail: &detail,
    };
    orders_store::add_events(&mut tx, order.id, &[event], now).await?;
    if !receipt.passed {
        // P1: the return of this piece is refused, so its earning is the seller's.
        payables::release_line(&mut tx, order.id, piece_id, now).await?;
        let notice = Notice::ReturnRefused {
            order_id: order.id,
            return_id,
            number: order.number.clone().unwrap_or_default(),
            note: note.to_owned(),
            lines: vec![notice_line(line)],
        };
        let dedupe = format!("return:{return_id}:{piece_id}:refused");
        notify::queue(
            &mut tx,
            Recipient::User(order.buyer_id),
            &dedupe,
            &notice,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    app.ring();
    if receipt.passed {
        refund_and_relist(app, &ret, line, now).await?;
    }
    Ok(())
}

/// R5: the piece's refund (everything paid for it when a defect was upheld, R4; its share
/// of the return charge deducted otherwise), under a key fixed by the return and piece so
/// it is made once; then R6: listed again, its alerts firing once (L1).
async fn refund_and_relist(
    app: &App,
    ret: &store::ReturnRow,
    line: &ReturnLineRow,
    now: i64,
) -> Result<(), AppError> {
    let upheld = ret.decision.as_deref() == Some("upheld");
    let dedupe = format!("return:{}:{}", ret.id, line.piece_id);
    let ask = RefundAsk {
        order_id: ret.order_id,
        pieces: &[line.piece_id],
        with_fees: upheld,
        reason: if upheld { "return_defect" } else { "return" },
        dedupe: &dedupe,
        deduct_cents: line.deduct_cents,
    };
    let made = refunds::refund_lines(app, &ask).await?;
    store::set_refund(&app.db, ret.id, line.piece_id, made.refund_id).await?;
    pepite_store::catalog::relist(&app.db, line.piece_id, now).await?;
    app.ring();
    Ok(())
}

/// What the accepted-return notices say beyond the pieces.
pub(super) struct Told {
    pub return_id: i64,
    pub charge_cents: i64,
    pub buyer_pays: bool,
    /// R4: the decision on a claim, None for a change of mind.
    pub upheld: Option<bool>,
}

/// The pieces of each parcel, as the notices list them: (seller, or None for the workshop).
pub(super) fn by_parcel(
    parcels: &[ReturnParcelRow],
    lines: &[ReturnLineRow],
) -> Vec<(Option<i64>, Vec<NoticeLine>)> {
    parcels
        .iter()
        .map(|p| {
            let ls = lines
                .iter()
                .filter(|l| l.parcel == p.parcel)
                .map(notice_line);
            (p.seller_id, ls.collect())
        })
        .collect()
}

fn notice_line(l: &ReturnLineRow) -> NoticeLine {
    NoticeLine {
        title: l.title.clone(),
        price_cents: l.price_cents,
    }
}

/// E1: the buyer's "return accepted" (labels on the order page) and each seller's "return
/// coming" for the pieces sent back to them, in the acceptance's transaction.
pub(super) async fn queue_accepted(
    tx: &mut Tx,
    order: &OrderRow,
    told: &Told,
    parcels: &[(Option<i64>, Vec<NoticeLine>)],
    now: i64,
) -> Result<(), AppError> {
    let number = order.number.clone().unwrap_or_default();
    let event = format!("return:{}:accepted", told.return_id);
    let buyer = Notice::ReturnAccepted {
        order_id: order.id,
        return_id: told.return_id,
        number: number.clone(),
        buyer_pays: told.buyer_pays,
        charge_cents: told.charge_cents,
        labels: parcels.len(),
        upheld: told.upheld,
        lines: parcels.iter().flat_map(|(_, ls)| ls.clone()).collect(),
    };
    notify::queue(tx, Recipient::User(order.buyer_id), &event, &buyer, now).await?;
    let mut sellers: Vec<i64> = parcels.iter().filter_map(|(s, _)| *s).collect();
    sellers.sort_unstable();
    sellers.dedup();
    for seller in sellers {
        let lines = parcels
            .iter()
            .filter(|(s, _)| *s == Some(seller))
            .flat_map(|(_, ls)| ls.clone())
            .collect();
        let coming = Notice::ReturnComing {
            order_id: order.id,
            return_id: told.return_id,
            number: number.clone(),
            lines,
        };
        notify::queue(tx, Recipient::Seller(seller), &event, &coming, now).await?;
    }
    Ok(())
}
