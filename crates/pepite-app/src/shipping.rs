//! After the sale, a parcel's journey (F1, F3, F4): its seller hands it to a carrier with the
//! tracking number (checked against the carrier's format), the buyer is told with a link to
//! the carrier's page; it is delivered by the carrier's signed event or a staff entry, which
//! records the date the return window starts from (R1), and the buyer is told. Each move is
//! a compare-and-set in the store: marking twice or racing changes it once.

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::commerce::{matches_format, normalise_tracking, tracking_link};
use pepite_store::Tx;
use pepite_store::commerce::carriers as carrier_store;
use pepite_store::commerce::orders::{self as store, NewEvent, OrderRow, ParcelRow};
use pepite_store::commerce::webhooks;

use crate::accounts::Principal;
use crate::carriers::DeliveryEventKind;
use crate::notify::{self, Notice, NoticeLine, Recipient};
use crate::payments::WebhookError;
use crate::{App, AppError};

/// F1: the seller's parcel `parcel` of order `order_id` leaves with `carrier` under
/// `tracking`. Someone else's parcel, an unpaid order or a grouped order's (the workshop
/// ships those) is not found (A4); a parcel already shipped, or an order the buyer cancelled
/// (F5), is a conflict.
pub async fn ship_parcel(
    app: &App,
    who: &Principal,
    order_id: i64,
    parcel: i64,
    carrier: &str,
    tracking: &str,
) -> Result<ParcelRow, AppError> {
    let seller = who.seller_id.ok_or(AppError::NotFound)?;
    let order = store::by_id(&app.db, order_id)
        .await?
        .filter(|o| o.state == "paid")
        .ok_or(AppError::NotFound)?;
    let mine = |p: &ParcelRow| p.parcel == parcel && p.seller_id == Some(seller);
    if !store::parcels(&app.db, order_id).await?.iter().any(mine) {
        return Err(AppError::NotFound);
    }
    let (known, number) = carrier_and_tracking(app, carrier, tracking).await?;
    let now = app.now_us().await?;
    let lines = parcel_lines(app, order_id, parcel).await?;
    let mut tx = app.db.begin().await?;
    // F5: the order row first: a cancellation that got there before wins, and one that comes
    // after finds the order dispatched.
    if !store::mark_dispatched(&mut tx, order_id, now).await? {
        return Err(AppError::Conflict("order_cancelled"));
    }
    if !store::mark_shipped(&mut tx, order_id, parcel, seller, &known.code, &number, now).await? {
        return Err(AppError::Conflict("already_shipped"));
    }
    let sent = Sent {
        parcel,
        seller: Some(seller),
        lines,
        event: "shipped",
    };
    tell_shipped(&mut tx, &order, &known, &number, sent, now).await?;
    tx.commit().await?;
    app.ring();
    store::parcels(&app.db, order_id)
        .await?
        .into_iter()
        .find(|p| p.parcel == parcel)
        .ok_or(AppError::NotFound)
}

/// F1: an active carrier and a tracking number in its format, or the field errors of both.
pub(crate) async fn carrier_and_tracking(
    app: &App,
    carrier: &str,
    tracking: &str,
) -> Result<(carrier_store::CarrierRow, String), AppError> {
    let mut errors = FieldErrors::new();
    let known = carrier_store::by_code(&app.db, carrier.trim())
        .await?
        .filter(|c| c.active);
    if known.is_none() {
        errors.add("carrier", "unknown_value");
    }
    let number = errors.take(normalise_tracking("tracking", tracking));
    if let (Some(c), Some(n)) = (&known, &number)
        && !matches_format(c.tracking_format.as_deref(), n)
    {
        errors.add("tracking", "tracking_format");
    }
    match (known, number) {
        (Some(known), Some(number)) if errors.is_empty() => Ok((known, number)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// A parcel leaving: which, whose (none for the workshop's), what it carries, and the event
/// its buyer is told of once (`shipped`, or `resent` after a loss, F7).
pub(crate) struct Sent {
    pub parcel: i64,
    pub seller: Option<i64>,
    pub lines: Vec<NoticeLine>,
    pub event: &'static str,
}

/// F3: the order's history and the buyer's notice with the carrier's tracking link, in `tx`.
pub(crate) async fn tell_shipped(
    tx: &mut Tx,
    order: &OrderRow,
    carrier: &carrier_store::CarrierRow,
    number: &str,
    sent: Sent,
    now: i64,
) -> Result<(), AppError> {
    let detail = format!("{} {number}", carrier.code);
    let event = NewEvent {
        kind: "parcel_shipped",
        user_id: Some(order.buyer_id),
        seller_id: sent.seller,
        detail: &detail,
    };
    store::add_events(tx, order.id, &[event], now).await?;
    let notice = Notice::ParcelShipped {
        order_id: order.id,
        number: order.number.clone().unwrap_or_default(),
        carrier: carrier.name.clone(),
        tracking_link: tracking_link(&carrier.tracking_url, number),
        tracking: number.to_owned(),
        lines: sent.lines,
    };
    let dedupe = format!("order:{}:parcel:{}:{}", order.id, sent.parcel, sent.event);
    notify::queue(tx, Recipient::User(order.buyer_id), &dedupe, &notice, now).await?;
    Ok(())
}

/// F4: staff (workshop or customer service) record that a shipped parcel arrived, now.
pub async fn deliver_parcel(
    app: &App,
    who: &Principal,
    order_id: i64,
    parcel: i64,
) -> Result<(), AppError> {
    if !(who.has(Role::Workshop) || who.has(Role::CustomerService)) {
        return Err(AppError::Forbidden);
    }
    let order = store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let found = store::parcels(&app.db, order_id)
        .await?
        .into_iter()
        .find(|p| p.parcel == parcel)
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let lines = parcel_lines(app, order_id, parcel).await?;
    let mut tx = app.db.begin().await?;
    if !delivered(&mut tx, &order, parcel, now, lines, "staff", now).await? {
        return Err(AppError::Conflict(if found.shipped_at.is_none() {
            "not_shipped"
        } else {
            "already_delivered"
        }));
    }
    tx.commit().await?;
    app.ring();
    Ok(())
}

/// What became of a carrier's delivery event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryAck {
    /// The parcel is now delivered, the buyer told.
    Delivered,
    /// Its parcels were already delivered (by staff, or an earlier event): nothing changed.
    AlreadyDelivered,
    /// This event id was handled before: nothing done again.
    Duplicate,
    /// Not a delivery (in transit…): nothing to record.
    Ignored,
}

/// F4: a carrier's signed delivery event for `carrier` (the path's code). An unknown carrier
/// is not found; a bad signature is a `signature` field error; a tracking number of no
/// shipped parcel is the conflict `unknown_parcel`. None of them writes anything. The event
/// id is recorded in the same transaction as the delivery: the primary key of
/// `webhook_events` decides whether a repeated event is new.
pub async fn delivery_event(
    app: &App,
    carrier: &str,
    signature: Option<&str>,
    body: &[u8],
) -> Result<DeliveryAck, AppError> {
    let known = carrier_store::by_code(&app.db, carrier)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let event = app
        .carrier
        .parse_event(signature, body, now / 1_000_000)
        .map_err(|e| {
            tracing::warn!(error = ?e, carrier, "carrier event refused");
            match e {
                WebhookError::NotSupported => AppError::NotFound,
                WebhookError::Malformed(_) => AppError::field("body", "invalid"),
                _ => AppError::field("signature", "invalid"),
            }
        })?;
    if event.kind != DeliveryEventKind::Delivered {
        return Ok(DeliveryAck::Ignored);
    }
    let number = normalise_tracking("tracking", &event.tracking)
        .map_err(|_| AppError::field("body", "invalid"))?;
    let parcels = store::by_tracking(&app.db, &known.code, &number).await?;
    if parcels.is_empty() {
        return Err(AppError::Conflict("unknown_parcel"));
    }
    let mut reads = Vec::with_capacity(parcels.len());
    for p in &parcels {
        let order = store::by_id(&app.db, p.order_id)
            .await?
            .ok_or(AppError::NotFound)?;
        // The event's own time, but never before dispatch nor after now.
        let at = event
            .occurred_at
            .saturating_mul(1_000_000)
            .clamp(p.shipped_at, now);
        reads.push((
            order,
            p.parcel,
            at,
            parcel_lines(app, p.order_id, p.parcel).await?,
        ));
    }
    let mut tx = app.db.begin().await?;
    let provider = format!("carrier:{}", known.code);
    if !webhooks::record_in(&mut tx, &provider, &event.id, "delivered", now).await? {
        return Ok(DeliveryAck::Duplicate);
    }
    let mut any = false;
    for (order, parcel, at, lines) in reads {
        any |= delivered(&mut tx, &order, parcel, at, lines, "carrier", now).await?;
    }
    tx.commit().await?;
    app.ring();
    Ok(if any {
        DeliveryAck::Delivered
    } else {
        DeliveryAck::AlreadyDelivered
    })
}

/// F4: the compare-and-set, the order's history and the buyer's notice, in `tx`. False when
/// the parcel was not shipped or was already delivered (nothing written).
async fn delivered(
    tx: &mut Tx,
    order: &OrderRow,
    parcel: i64,
    at: i64,
    lines: Vec<NoticeLine>,
    source: &str,
    now: i64,
) -> Result<bool, AppError> {
    if !store::mark_delivered(tx, order.id, parcel, at).await? {
        return Ok(false);
    }
    let event = NewEvent {
        kind: "parcel_delivered",
        user_id: Some(order.buyer_id),
        seller_id: None,
        detail: source,
    };
    store::add_events(tx, order.id, &[event], now).await?;
    let notice = Notice::ParcelDelivered {
        order_id: order.id,
        number: order.number.clone().unwrap_or_default(),
        delivered_at: at,
        lines,
    };
    let dedupe = format!("order:{}:parcel:{parcel}:delivered", order.id);
    notify::queue(tx, Recipient::User(order.buyer_id), &dedupe, &notice, now).await?;
    Ok(true)
}

/// The pieces travelling in one parcel, as the e-mails list them.
pub(crate) async fn parcel_lines(
    app: &App,
    order_id: i64,
    parcel: i64,
) -> Result<Vec<NoticeLine>, AppError> {
    Ok(store::lines(&app.db, order_id)
        .await?
        .into_iter()
        .filter(|l| l.parcel == parcel)
        .map(|l| NoticeLine {
            title: l.title,
            price_cents: l.price_cents,
        })
        .collect())
}
