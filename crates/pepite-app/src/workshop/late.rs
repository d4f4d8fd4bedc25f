//! Late pieces: a grouped order's piece not received at the workshop within the policy's
//! `workshop_late_days` after payment. Staff see them, remind the seller (at most once a day,
//! recorded on the line), then cancel the line: the piece leaves the order, its share is
//! refunded including its part of shipping and of the QC fee (dedupe `late:ORDER:PIECE`; the
//! buyer pays for no service that could not be rendered), and the piece goes back to its
//! seller off sale (withdrawn: a seller who did not send it may not have it any more).

use pepite_domain::account::Role;
use pepite_domain::time::DAY_US;
use pepite_store::commerce::workshop::{self as store, WorkshopLine};

use super::station::piece_event;
use super::{load, refund_withdrawn};
use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError};

/// The workshop or customer service.
fn require_staff(who: &Principal) -> Result<(), AppError> {
    if who.has(Role::Workshop) {
        Ok(())
    } else {
        who.require(Role::CustomerService)
    }
}

/// Late pieces, oldest payment first.
pub async fn late_pieces(app: &App, who: &Principal) -> Result<Vec<WorkshopLine>, AppError> {
    require_staff(who)?;
    let now = app.now_us().await?;
    let policy = app.policy_now().await?;
    Ok(store::late(&app.db, now - policy.workshop_late_days * DAY_US).await?)
}

/// One line, if it is late now (else the conflict `not_late`).
async fn late_line(app: &App, order_id: i64, piece_id: i64) -> Result<WorkshopLine, AppError> {
    let now = app.now_us().await?;
    let policy = app.policy_now().await?;
    let line = load(app, order_id)
        .await?
        .lines
        .into_iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    let due = line.paid_at.unwrap_or(now) + policy.workshop_late_days * DAY_US;
    if line.arrived_at.is_some() || line.withdrawn_at.is_some() || now < due {
        return Err(AppError::Conflict("not_late"));
    }
    Ok(line)
}

/// Staff remind the seller of a late piece: a notice, recorded on the line, once a day (the
/// second the same day is the conflict `already_reminded`).
pub async fn remind_seller(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
) -> Result<(), AppError> {
    require_staff(who)?;
    let line = late_line(app, order_id, piece_id).await?;
    let now = app.now_us().await?;
    let day = now.div_euclid(DAY_US);
    let mut tx = app.db.begin().await?;
    if !store::mark_reminded(&mut tx, order_id, piece_id, day).await? {
        return Err(AppError::Conflict("already_reminded"));
    }
    let notice = Notice::WorkshopReminder {
        order_id,
        number: line.number.clone().unwrap_or_default(),
        piece_id,
        title: line.title.clone(),
    };
    let dedupe = format!("order:{order_id}:piece:{piece_id}:reminded:{day}");
    notify::queue(
        &mut tx,
        Recipient::Seller(line.seller_id),
        &dedupe,
        &notice,
        now,
    )
    .await?;
    piece_event(
        &mut tx,
        order_id,
        "seller_reminded",
        line.seller_id,
        piece_id,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    Ok(())
}

/// Staff cancel a late line after reminding its seller (`not_reminded` before). An arrival
/// recorded meanwhile wins (`not_late`); buyer and seller are told, then the share refunded.
pub async fn cancel_late_line(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
) -> Result<(), AppError> {
    require_staff(who)?;
    let line = late_line(app, order_id, piece_id).await?;
    if line.reminded_day.is_none() {
        return Err(AppError::Conflict("not_reminded"));
    }
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::cancel_late(&mut tx, order_id, piece_id, now).await? {
        return Err(AppError::Conflict("not_late"));
    }
    store::withdraw_sold_piece(&mut tx, piece_id, now).await?;
    let number = line.number.clone().unwrap_or_default();
    let event = format!("order:{order_id}:piece:{piece_id}:withdrawn");
    let buyer = Notice::OrderLineWithdrawn {
        order_id,
        number: number.clone(),
        title: line.title.clone(),
        price_cents: line.price_cents,
        reason: "late".into(),
    };
    notify::queue(&mut tx, Recipient::User(line.buyer_id), &event, &buyer, now).await?;
    let seller = Notice::SaleLineWithdrawn {
        order_id,
        number,
        piece_id,
        title: line.title.clone(),
        reason: "late".into(),
    };
    notify::queue(
        &mut tx,
        Recipient::Seller(line.seller_id),
        &event,
        &seller,
        now,
    )
    .await?;
    piece_event(
        &mut tx,
        order_id,
        "line_cancelled",
        line.seller_id,
        piece_id,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    refund_withdrawn(app, order_id, piece_id, "late").await
}
