//! F2 at the bench: a piece's arrival, its check (pass, or fail with a note and photos, which
//! asks the buyer to choose, F6), then the order's parcel packed under a label from the
//! `Carrier` port and shipped. Shipping is the order's dispatch: the same compare-and-set on
//! the order row as a seller's (F5), and the buyer is told with the tracking link (F3).

use pepite_domain::FieldErrors;
use pepite_domain::time::DAY_US;
use pepite_store::Tx;
use pepite_store::commerce::carriers as carrier_store;
use pepite_store::commerce::orders::{self as orders_store, NewEvent, ParcelRow};
use pepite_store::commerce::workshop as store;

use super::{Bench, load, require_workshop};
use crate::accounts::Principal;
use crate::carriers::{Consignment, LabelError, LabelRequest};
use crate::notify::{self, Notice, Recipient};
use crate::shipping::{Sent, tell_shipped};
use crate::{App, AppError, photos};

/// The longest note a failed check may carry.
const NOTE_MAX: usize = 2_000;

/// F2: a piece arrived at the workshop. Scanned twice, or raced by a second bench: the second
/// is the conflict `already_arrived`; a piece that left the order is `not_expected`.
pub async fn arrive(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
) -> Result<Bench, AppError> {
    require_workshop(who)?;
    let bench = load(app, order_id).await?;
    let line = bench
        .lines
        .iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::mark_arrived(&mut tx, order_id, piece_id, now).await? {
        drop(tx);
        return Err(AppError::Conflict(
            refusal(app, order_id, piece_id, |l| {
                l.arrived_at.is_some().then_some("already_arrived")
            })
            .await?
            .unwrap_or("not_expected"),
        ));
    }
    piece_event(
        &mut tx,
        order_id,
        "piece_arrived",
        line.seller_id,
        piece_id,
        now,
    )
    .await?;
    tx.commit().await?;
    load(app, order_id).await
}

/// F2: what the bench found. A failed check needs a note; photos are optional.
#[derive(Debug, Clone, Default)]
pub struct Check {
    pub passed: bool,
    pub note: String,
    /// Uploaded images, checked and re-encoded like piece photos.
    pub photos: Vec<Vec<u8>>,
}

/// F2: a received piece is checked, once (`already_checked`, or `not_arrived`). A failure asks
/// the buyer to choose by the policy's delay (F6), in their language, through the outbox.
pub async fn check(
    app: &App,
    who: &Principal,
    order_id: i64,
    piece_id: i64,
    input: Check,
) -> Result<Bench, AppError> {
    require_workshop(who)?;
    let bench = load(app, order_id).await?;
    let line = bench
        .lines
        .iter()
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?
        .clone();
    let policy = app.policy_now().await?;
    let note = input.note.trim().to_owned();
    let mut errors = FieldErrors::new();
    if !input.passed && note.is_empty() {
        errors.add("note", "required");
    }
    if note.chars().count() > NOTE_MAX {
        errors.add_limit("note", "too_long", NOTE_MAX as i64);
    }
    if input.photos.len() > policy.photos_per_piece {
        errors.add_limit("photos", "too_many", policy.photos_per_piece as i64);
    }
    if input
        .photos
        .iter()
        .any(|p| p.len() > policy.photo_max_bytes)
    {
        let mib = (policy.photo_max_bytes / (1024 * 1024)) as i64;
        errors.add_limit("photos", "file_too_large", mib);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // Files first (as piece photos): a refused check deletes them again.
    let mut keys = Vec::new();
    for bytes in input.photos {
        let processed = tokio::task::spawn_blocking(move || photos::process(&bytes))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let stored = match processed {
            Ok(p) => photos::store_files(app, p).await,
            Err(e) => Err(e),
        };
        match stored {
            Ok(key) => keys.push(key),
            Err(e) => {
                discard(app, &keys).await;
                return Err(e);
            }
        }
    }
    let now = app.now_us().await?;
    let choose_by = now + policy.qc_choice_days * DAY_US;
    let due = (!input.passed).then_some(choose_by);
    let written = checked(app, &bench, &line, input.passed, &note, due, &keys, now).await;
    match written {
        Ok(true) => load(app, order_id).await,
        Ok(false) => {
            discard(app, &keys).await;
            let why = refusal(app, order_id, piece_id, |l| {
                l.check_state.is_some().then_some("already_checked")
            })
            .await?;
            Err(AppError::Conflict(why.unwrap_or(
                if line.arrived_at.is_none() {
                    "not_arrived"
                } else {
                    "not_expected"
                },
            )))
        }
        Err(e) => {
            discard(app, &keys).await;
            Err(e)
        }
    }
}

/// The check's compare-and-set, its photos and, on failure, the buyer's notice, in one
/// transaction. False when the compare-and-set refused (nothing written).
#[allow(clippy::too_many_arguments)]
async fn checked(
    app: &App,
    bench: &Bench,
    line: &store::WorkshopLine,
    passed: bool,
    note: &str,
    choose_by: Option<i64>,
    keys: &[String],
    now: i64,
) -> Result<bool, AppError> {
    let (order_id, piece_id) = (bench.order_id, line.piece_id);
    let mut tx = app.db.begin().await?;
    if !store::mark_checked(&mut tx, order_id, piece_id, passed, note, choose_by, now).await? {
        return Ok(false);
    }
    for key in keys {
        store::add_check_photo(&mut tx, order_id, piece_id, key, now).await?;
    }
    let kind = if passed {
        "piece_passed"
    } else {
        "piece_failed"
    };
    piece_event(&mut tx, order_id, kind, line.seller_id, piece_id, now).await?;
    if let Some(choose_by) = choose_by {
        let notice = Notice::PieceCheckFailed {
            order_id,
            number: bench.number.clone(),
            piece_id,
            title: line.title.clone(),
            price_cents: line.price_cents,
            note: note.to_owned(),
            choose_by,
        };
        let dedupe = format!("order:{order_id}:piece:{piece_id}:check_failed");
        notify::queue(
            &mut tx,
            Recipient::User(line.buyer_id),
            &dedupe,
            &notice,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    app.ring();
    Ok(true)
}

/// Why a compare-and-set on a line refused, read afterwards only to say so: `why` of the line
/// as it is now, if it tells.
pub(super) async fn refusal(
    app: &App,
    order_id: i64,
    piece_id: i64,
    why: impl Fn(&store::WorkshopLine) -> Option<&'static str>,
) -> Result<Option<&'static str>, AppError> {
    Ok(load(app, order_id)
        .await?
        .lines
        .iter()
        .find(|l| l.piece_id == piece_id)
        .and_then(why))
}

async fn discard(app: &App, keys: &[String]) {
    for key in keys {
        photos::discard_files(app, key).await;
    }
}

/// F2: the order's parcel is packed under a label bought from `carrier` (an active carrier
/// serving the destination). Refused while a piece is unchecked, or failed and undecided
/// (`not_ready`); packed twice or raced, the second is `already_packed`. The label is bought
/// before the compare-and-set: the port gives the same label for the same parcel again.
pub async fn pack(
    app: &App,
    who: &Principal,
    order_id: i64,
    carrier: &str,
) -> Result<Bench, AppError> {
    require_workshop(who)?;
    let bench = load(app, order_id).await?;
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parcel = bench.parcel.clone().ok_or(AppError::NotFound)?;
    if parcel.tracking.is_some() {
        return Err(AppError::Conflict("already_packed"));
    }
    if !bench.ready() {
        return Err(AppError::Conflict("not_ready"));
    }
    let known = carrier_store::by_code(&app.db, carrier.trim())
        .await?
        .filter(|c| c.active && c.countries.split(',').any(|c| c == order.country))
        .ok_or_else(|| AppError::field("carrier", "unknown_value"))?;
    let request = LabelRequest {
        carrier: known.code.clone(),
        consignment: Consignment::Parcel {
            order_id,
            parcel: parcel.parcel,
        },
        weight_g: parcel.weight_g,
        to_country: order.country.clone(),
    };
    let label = app.carrier.buy_label(&request).await.map_err(|e| match e {
        LabelError::Unavailable(_) => AppError::Unavailable("carrier"),
        LabelError::Rejected(_) => AppError::Conflict("label_refused"),
    })?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::mark_packed(&mut tx, order_id, &known.code, &label.tracking, now).await? {
        drop(tx);
        return Err(AppError::Conflict(refused_pack(app, order_id).await?));
    }
    let detail = format!("{} {}", known.code, label.tracking);
    let packed = NewEvent {
        kind: "parcel_packed",
        user_id: None,
        seller_id: None,
        detail: &detail,
    };
    orders_store::add_events(&mut tx, order_id, &[packed], now).await?;
    tx.commit().await?;
    load(app, order_id).await
}

/// Why packing refused, read afterwards only to say so.
async fn refused_pack(app: &App, order_id: i64) -> Result<&'static str, AppError> {
    let bench = load(app, order_id).await?;
    Ok(if bench.packed() {
        "already_packed"
    } else if !store::ready(&app.db, order_id).await? {
        "not_ready"
    } else {
        "order_cancelled"
    })
}

/// F2/F3: the packed parcel is handed to its carrier: the order's dispatch (F5: a cancellation
/// that came first wins, `order_cancelled`), the buyer told with the tracking link. Shipped
/// twice or raced, the second is `already_shipped`; not packed yet, `not_packed`.
pub async fn ship(app: &App, who: &Principal, order_id: i64) -> Result<Bench, AppError> {
    require_workshop(who)?;
    let bench = load(app, order_id).await?;
    let order = orders_store::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parcel: ParcelRow = bench.parcel.clone().ok_or(AppError::NotFound)?;
    let (Some(code), Some(tracking)) = (&parcel.carrier, &parcel.tracking) else {
        return Err(AppError::Conflict("not_packed"));
    };
    let known = carrier_store::by_code(&app.db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    if parcel.shipped_at.is_some() {
        return Err(AppError::Conflict("already_shipped"));
    }
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !orders_store::mark_dispatched(&mut tx, order_id, now).await? {
        return Err(AppError::Conflict("order_cancelled"));
    }
    if store::mark_packed_shipped(&mut tx, order_id, now)
        .await?
        .is_none()
    {
        return Err(AppError::Conflict("already_shipped"));
    }
    let sent = Sent {
        parcel: parcel.parcel,
        seller: None,
        lines: bench.travelling(),
        event: "shipped",
    };
    tell_shipped(&mut tx, &order, &known, tracking, sent, now).await?;
    tx.commit().await?;
    app.ring();
    load(app, order_id).await
}

/// The order's history: what happened to one seller's piece.
pub(super) async fn piece_event(
    tx: &mut Tx,
    order_id: i64,
    kind: &str,
    seller_id: i64,
    piece_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let detail = piece_id.to_string();
    let e = NewEvent {
        kind,
        user_id: None,
        seller_id: Some(seller_id),
        detail: &detail,
    };
    orders_store::add_events(tx, order_id, &[e], now).await?;
    Ok(())
}
