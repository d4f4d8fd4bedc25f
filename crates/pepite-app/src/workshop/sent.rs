//! F2: a seller marks a piece of a grouped order sent to the workshop, as they mark a direct
//! parcel shipped (F1); the carrier and tracking number are optional (a piece may be dropped
//! off by hand), and when given are checked like a direct parcel's.

use crate::accounts::Principal;
use crate::shipping::carrier_and_tracking;
use crate::{App, AppError};
use pepite_store::commerce::workshop as store;

use super::{WorkshopLine, load};

/// F2: `who`'s piece `piece_id` of grouped order `order_id` left for the workshop. Someone
/// else's piece is not found (A4); marked twice, `already_sent`; a piece that already arrived,
/// left the order, or an order cancelled or shipped, `not_expected`.
pub async fn mark_sent(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
    carrier: &str,
    tracking: &str,
) -> Result<WorkshopLine, AppError> {
    let seller = who.seller_id.ok_or(AppError::NotFound)?;
    let bench = load(app, order_id).await?;
    if !bench
        .lines
        .iter()
        .any(|l| l.piece_id == piece_id && l.seller_id == seller)
    {
        return Err(AppError::NotFound);
    }
    let (carrier, tracking) = if carrier.trim().is_empty() && tracking.trim().is_empty() {
        (None, None)
    } else {
        let (known, number) = carrier_and_tracking(app, carrier, tracking).await?;
        (Some(known.code), Some(number))
    };
    let now = app.now_us().await?;
    let (c, t) = (carrier.as_deref(), tracking.as_deref());
    if !store::mark_sent(&app.db, order_id, piece_id, seller, c, t, now).await? {
        let why = super::station::refusal(app, order_id, piece_id, |l| {
            l.sent_at.is_some().then_some("already_sent")
        })
        .await?;
        return Err(AppError::Conflict(why.unwrap_or("not_expected")));
    }
    // A4: the seller sees their own line only.
    load(app, order_id)
        .await?
        .lines
        .into_iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)
}
