//! Returns (R1–R6): the buyer asks within the window from delivery, naming pieces and a
//! reason (`ask`); R2 routes them (free to each seller in metropolitan France, at the buyer's
//! cost elsewhere) with prepaid labels (`labels`); staff decide defect claims (R4); whoever
//! receives a piece checks it, and a passed piece is refunded and listed again, a failed one
//! refused and its earning released to the seller (`receive`). No exchanges (R3): every
//! piece is unique, so a return is always a refund.

mod ask;
pub(crate) mod labels;
mod receive;

pub use ask::{ReturnAsk, ask, ask_once, preview};
pub use labels::ensure_labels;
pub use pepite_store::commerce::returns::{
    CreditNoteRow, ReturnLineRow, ReturnParcelRow, ReturnRow,
};
pub use receive::{Receipt, decide, receive, withdraw};

use pepite_domain::account::Role;
use pepite_store::commerce::orders::{self as orders_store, OrderRow};
use pepite_store::commerce::returns as store;

use crate::accounts::Principal;
use crate::{App, AppError};

/// One return with everything its pages, documents and the API show.
#[derive(Debug, Clone)]
pub struct ReturnDetail {
    pub ret: ReturnRow,
    pub lines: Vec<ReturnLineRow>,
    pub parcels: Vec<ReturnParcelRow>,
    /// R4: storage keys of the claim's photos.
    pub photos: Vec<String>,
}

/// Whether `who` is staff who handle returns (customer service decides claims, the workshop
/// receives grouped returns).
pub(crate) fn is_return_staff(who: &Principal) -> bool {
    who.has(Role::CustomerService) || who.has(Role::Workshop)
}

/// A4: the buyer's own order (anyone else's is not found, like a missing one).
pub(crate) async fn buyers_order(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<OrderRow, AppError> {
    orders_store::by_id(&app.db, order_id)
        .await?
        .filter(|o| o.buyer_id == who.user_id)
        .ok_or(AppError::NotFound)
}

async fn detail_of(app: &App, ret: ReturnRow) -> Result<ReturnDetail, AppError> {
    Ok(ReturnDetail {
        lines: store::lines(&app.db, ret.id).await?,
        parcels: store::parcels(&app.db, ret.id).await?,
        photos: store::photos(&app.db, ret.id).await?,
        ret,
    })
}

/// The returns of `who`'s order, newest first (A4: someone else's order is not found).
pub async fn of_order(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<Vec<ReturnDetail>, AppError> {
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if order.buyer_id != who.user_id && !is_return_staff(who) {
        return Err(AppError::NotFound);
    }
    let mut out = Vec::new();
    for ret in store::of_order(&app.db, order_id).await? {
        out.push(detail_of(app, ret).await?);
    }
    Ok(out)
}

/// One return for its buyer, for staff, or for a seller a parcel of it goes to (who then
/// sees only their own pieces).
pub async fn get(app: &App, who: &Principal, return_id: i64) -> Result<ReturnDetail, AppError> {
    let ret = store::by_id(&app.db, return_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut d = detail_of(app, ret).await?;
    if d.ret.buyer_id == who.user_id || is_return_staff(who) {
        return Ok(d);
    }
    let seller = who.seller_id.ok_or(AppError::NotFound)?;
    d.parcels.retain(|p| p.seller_id == Some(seller));
    if d.parcels.is_empty() || d.ret.state == "claimed" {
        return Err(AppError::NotFound);
    }
    let mine: Vec<i64> = d.parcels.iter().map(|p| p.parcel).collect();
    d.lines.retain(|l| mine.contains(&l.parcel));
    d.photos.clear();
    Ok(d)
}

/// Staff's queue: returns in `state` (`claimed` awaiting a decision, `accepted` on their way).
pub async fn queue(app: &App, who: &Principal, state: &str) -> Result<Vec<ReturnRow>, AppError> {
    if !is_return_staff(who) {
        return Err(AppError::Forbidden);
    }
    Ok(store::in_state(&app.db, state, 200).await?)
}

/// A seller's returns coming to them (and received), newest first.
pub async fn of_seller(app: &App, who: &Principal) -> Result<Vec<ReturnRow>, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    Ok(store::coming_to_seller(&app.db, seller, 200).await?)
}

/// R5/O11: the credit notes of an order, for its buyer and staff (A4: anyone else's order is
/// not found).
pub async fn credit_notes(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<Vec<CreditNoteRow>, AppError> {
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = is_return_staff(who) || who.has(Role::Finance);
    if order.buyer_id != who.user_id && !staff {
        return Err(AppError::NotFound);
    }
    Ok(store::credit_notes(&app.db, order_id).await?)
}
