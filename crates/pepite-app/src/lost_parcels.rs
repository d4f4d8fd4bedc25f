//! F7: a parcel lost, or refused at customs, reported by its buyer from the order (once it
//! left and before it is delivered: a parcel refused at customs comes back, never delivered).
//! Staff decide once (a compare-and-set on the report): resend, when the piece is found, under
//! a new tracking number (the buyer told as for any dispatch, F3), or refund every piece of the
//! parcel with shipping and fees (dedupe `lost:ORDER:PARCEL`: nothing arrived). Buyer and
//! sellers are told either way.

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_store::commerce::orders::{self as orders_store, NewEvent, OrderRow};
use pepite_store::commerce::parcel_reports as store;
pub use pepite_store::commerce::parcel_reports::ReportRow;

use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::refunds::{RefundAsk, refund_lines};
use crate::shipping::{Sent, carrier_and_tracking, parcel_lines, tell_shipped};
use crate::{App, AppError};

const NOTE_MAX: usize = 2_000;
/// How many owed parcel refunds one sweep makes.
const BATCH: i64 = 100;

/// What the buyer reports: `lost` or `refused` (at customs).
pub const KINDS: &[&str] = &["lost", "refused"];

/// F7: the buyer reports their parcel. Someone else's order is not found (A4); a parcel not
/// shipped or already delivered is `not_in_transit`; reported twice, `already_reported`.
pub async fn report(
    app: &App,
    who: &Principal,
    order_id: i64,
    parcel: i64,
    kind: &str,
    note: &str,
) -> Result<ReportRow, AppError> {
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .filter(|o| o.buyer_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    if !orders_store::parcels(&app.db, order_id)
        .await?
        .iter()
        .any(|p| p.parcel == parcel)
    {
        return Err(AppError::NotFound);
    }
    let kind = kind.trim();
    let note = note.trim();
    let mut errors = FieldErrors::new();
    if !KINDS.contains(&kind) {
        errors.add("kind", "unknown_value");
    }
    if note.chars().count() > NOTE_MAX {
        errors.add_limit("note", "too_long", NOTE_MAX as i64);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::report(&mut tx, order_id, parcel, kind, note, now).await? {
        drop(tx);
        let reported = store::of_order(&app.db, order_id)
            .await?
            .iter()
            .any(|r| r.parcel == parcel);
        return Err(AppError::Conflict(if reported {
            "already_reported"
        } else {
            "not_in_transit"
        }));
    }
    let detail = format!("{parcel} {kind}");
    event(&mut tx, &order, "parcel_reported", &detail, now).await?;
    tx.commit().await?;
    mine(app, order_id, parcel).await
}

async fn mine(app: &App, order_id: i64, parcel: i64) -> Result<ReportRow, AppError> {
    store::of_order(&app.db, order_id)
        .await?
        .into_iter()
        .find(|r| r.parcel == parcel)
        .ok_or(AppError::NotFound)
}

/// F7: an order's reports, for its buyer (A4) or staff.
pub async fn of_order(
    app: &App,
    who: &Principal,
    order: &OrderRow,
) -> Result<Vec<ReportRow>, AppError> {
    if order.buyer_id != who.user_id && !who.is_staff() {
        return Err(AppError::NotFound);
    }
    Ok(store::of_order(&app.db, order.id).await?)
}

/// F7: reports waiting for a decision, oldest first (customer service, the workshop).
pub async fn open(app: &App, who: &Principal) -> Result<Vec<ReportRow>, AppError> {
    require_staff(who)?;
    Ok(store::open(&app.db).await?)
}

fn require_staff(who: &Principal) -> Result<(), AppError> {
    if who.has(Role::Workshop) {
        Ok(())
    } else {
        who.require(Role::CustomerService)
    }
}

/// F7: what staff chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Found: it leaves again with this carrier under this number.
    Resend { carrier: String, tracking: String },
    /// Not found: every piece of the parcel is refunded, shipping and fees included.
    Refund,
}

/// F7: staff decide a report, once (`already_decided`; no report: not found). A resend of a
/// parcel delivered meanwhile is `delivered`.
pub async fn decide(
    app: &App,
    who: &Principal,
    order_id: i64,
    parcel: i64,
    decision: &Decision,
) -> Result<ReportRow, AppError> {
    require_staff(who)?;
    let report = mine(app, order_id, parcel).await?;
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let resend = match decision {
        Decision::Resend { carrier, tracking } => {
            Some(carrier_and_tracking(app, carrier, tracking).await?)
        }
        Decision::Refund => None,
    };
    let lines = parcel_lines(app, order_id, parcel).await?;
    let sellers = parcel_sellers(app, order_id, parcel).await?;
    let now = app.now_us().await?;
    let word = if resend.is_some() { "resend" } else { "refund" };
    let mut tx = app.db.begin().await?;
    if report.decision.is_some()
        || !store::decide(&mut tx, order_id, parcel, word, who.user_id, now).await?
    {
        return Err(AppError::Conflict("already_decided"));
    }
    if let Some((carrier, number)) = &resend {
        if !store::resend(&mut tx, order_id, parcel, &carrier.code, number, now).await? {
            return Err(AppError::Conflict("delivered"));
        }
        let sent = Sent {
            parcel,
            seller: None,
            lines: lines.clone(),
            event: "resent",
        };
        tell_shipped(&mut tx, &order, carrier, number, sent, now).await?;
    }
    let notice = Notice::ParcelReportDecided {
        order_id,
        number: order.number.clone().unwrap_or_default(),
        parcel,
        resend: resend.is_some(),
        lines,
    };
    let dedupe = format!("order:{order_id}:parcel:{parcel}:report_decided");
    if resend.is_none() {
        notify::queue(
            &mut tx,
            Recipient::User(order.buyer_id),
            &dedupe,
            &notice,
            now,
        )
        .await?;
    }
    for seller in sellers {
        notify::queue(&mut tx, Recipient::Seller(seller), &dedupe, &notice, now).await?;
    }
    let detail = format!("{parcel} {word}");
    event(&mut tx, &order, "parcel_report_decided", &detail, now).await?;
    tx.commit().await?;
    app.ring();
    if resend.is_none() {
        refund_parcel(app, order_id, parcel).await?;
    }
    mine(app, order_id, parcel).await
}

/// The sellers whose pieces travel in the parcel.
async fn parcel_sellers(app: &App, order_id: i64, parcel: i64) -> Result<Vec<i64>, AppError> {
    let mut sellers: Vec<i64> = orders_store::lines(&app.db, order_id)
        .await?
        .into_iter()
        .filter(|l| l.parcel == parcel)
        .map(|l| l.seller_id)
        .collect();
    sellers.sort_unstable();
    sellers.dedup();
    Ok(sellers)
}

/// F7: every refundable piece of the parcel, shipping and fees included, once.
async fn refund_parcel(app: &App, order_id: i64, parcel: i64) -> Result<(), AppError> {
    let pieces = store::parcel_pieces(&app.db, order_id, parcel).await?;
    if pieces.is_empty() {
        return Ok(());
    }
    let dedupe = format!("lost:{order_id}:{parcel}");
    let ask = RefundAsk {
        order_id,
        pieces: &pieces,
        with_fees: true,
        deduct_cents: 0,
        reason: "lost",
        dedupe: &dedupe,
    };
    refund_lines(app, &ask).await?;
    Ok(())
}

/// F7: parcel refunds decided but not made (a crash in between), made now; failures are
/// logged and left for the next run.
pub(crate) async fn refunds_owed(app: &App) -> Result<(), AppError> {
    for (order_id, parcel) in store::refunds_owed(&app.db, BATCH).await? {
        if let Err(e) = refund_parcel(app, order_id, parcel).await {
            tracing::warn!(order_id, parcel, error = %e, "refund of a lost parcel still owed");
        }
    }
    Ok(())
}

async fn event(
    tx: &mut pepite_store::Tx,
    order: &OrderRow,
    kind: &str,
    detail: &str,
    now: i64,
) -> Result<(), AppError> {
    let e = NewEvent {
        kind,
        user_id: Some(order.buyer_id),
        seller_id: None,
        detail,
    };
    orders_store::add_events(tx, order.id, &[e], now).await?;
    Ok(())
}
