//! R1/R2/R4: asking a return. Each named piece's line is claimed by one compare-and-set that
//! states the window (delivered less than the policy's days ago), that no return of it is
//! under way and that its earning is neither payable nor refunded; all lines of one request
//! in one transaction, so a refused piece writes nothing.

use pepite_domain::FieldErrors;
use pepite_domain::commerce::{ReturnPiece, ReturnReason, ReturnRoute, RouteError, route_return};
use pepite_domain::time::DAY_US;
use pepite_store::commerce::orders::{self as orders_store, LineRow, NewEvent, OrderRow};
use pepite_store::commerce::returns::{self as store, NewReturn};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::receive::{Told, queue_accepted};
use super::{buyers_order, labels};
use crate::accounts::Principal;
use crate::notify::NoticeLine;
use crate::photos::{check_upload, discard_files, process_off_thread, store_files};
use crate::{App, AppError, idempotency};

/// The longest note a buyer may write about a defect.
const NOTE_MAX: usize = 2_000;

/// What the buyer asks: pieces of one order, why, and for a defect their note and photos.
#[derive(Debug, Clone, Default)]
pub struct ReturnAsk {
    pub pieces: Vec<i64>,
    /// `change_of_mind` or `defective`.
    pub reason: String,
    pub note: String,
    /// R4: the defect's photos, as uploaded (JPEG, PNG or WebP).
    pub photos: Vec<Vec<u8>>,
    /// R2: the charge the buyer was shown; a different one now is the conflict
    /// `charge_changed` (the rate table changed in between).
    pub expected_charge_cents: Option<i64>,
}

/// What an accepted request answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub return_id: i64,
    /// `claimed` (a defect claim awaiting staff) or `accepted`.
    pub state: String,
    pub charge_cents: i64,
    pub buyer_pays: bool,
}

/// The request as its idempotency key remembers it: the photos by their digest.
#[derive(Serialize)]
struct Fingerprint<'a> {
    order_id: i64,
    pieces: &'a [i64],
    reason: &'a str,
    note: &'a str,
    photos: Vec<String>,
}

/// R1 with O7's exactly-once answer: the same key for the same request answers the first
/// outcome again; for another request it is `idempotency_key_reused`.
pub async fn ask_once(
    app: &App,
    who: &Principal,
    idempotency_key: &str,
    order_id: i64,
    req: &ReturnAsk,
) -> Result<Asked, AppError> {
    let photos = req
        .photos
        .iter()
        .map(|p| format!("{:x}", Sha256::digest(p)))
        .collect();
    let print = Fingerprint {
        order_id,
        pieces: &req.pieces,
        reason: &req.reason,
        note: &req.note,
        photos,
    };
    idempotency::once(
        app,
        who.user_id,
        "order_return",
        idempotency_key,
        &print,
        || ask(app, who, order_id, req),
    )
    .await
}

/// R2: how the named pieces would travel back and what the buyer would pay, shown before
/// they confirm. Checks the pieces and the reason as [`ask`] does, not the window.
pub async fn preview(
    app: &App,
    who: &Principal,
    order_id: i64,
    pieces: &[i64],
) -> Result<ReturnRoute, AppError> {
    let order = buyers_order(app, who, order_id).await?;
    let pieces = checked_pieces(app, &order, pieces).await?;
    let policy = app.policy_of(order.shop_id).await?;
    route_return(&order.country, &pieces, &policy.shipping_rates).map_err(route_error)
}

/// R1: `who` asks a return of pieces of their order. Someone else's order is not found (A4);
/// a piece delivered `return_window_days` ago or more is the conflict `return_window_closed`,
/// one already asked back `return_already_asked`, one refunded or already paid to its seller
/// `not_returnable`, one not delivered yet `not_delivered`. Nothing is written unless every
/// piece is accepted. A change of mind is accepted at once, with its labels; a defect claim
/// waits for staff (R4).
pub async fn ask(
    app: &App,
    who: &Principal,
    order_id: i64,
    req: &ReturnAsk,
) -> Result<Asked, AppError> {
    let order = buyers_order(app, who, order_id).await?;
    let policy = app.policy_of(order.shop_id).await?;
    let mut errors = FieldErrors::new();
    let reason = ReturnReason::parse(&req.reason);
    if reason.is_none() {
        errors.add("reason", "unknown_value");
    }
    let note = req.note.trim();
    if note.chars().count() > NOTE_MAX {
        errors.add_limit("note", "too_long", NOTE_MAX as i64);
    }
    if reason == Some(ReturnReason::Defective) {
        if req.photos.is_empty() {
            errors.add("photos", "required");
        } else if req.photos.len() > policy.photos_per_piece {
            errors.add_limit("photos", "too_many", policy.photos_per_piece as i64);
        }
    }
    let pieces = match checked_pieces(app, &order, &req.pieces).await {
        Ok(p) => Some(p),
        Err(AppError::Invalid(e)) => {
            errors.0.extend(e.0);
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(reason), Some(pieces), true) = (reason, pieces, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let route =
        route_return(&order.country, &pieces, &policy.shipping_rates).map_err(route_error)?;
    if req
        .expected_charge_cents
        .is_some_and(|c| c != route.charge_cents)
    {
        return Err(AppError::Conflict("charge_changed"));
    }
    // R4: photos are checked and stored before the rows that name them (as a piece's).
    let mut keys = Vec::new();
    if reason == ReturnReason::Defective {
        for bytes in &req.photos {
            check_upload(&policy, bytes)?;
        }
        for bytes in &req.photos {
            match process_off_thread(bytes.clone()).await {
                Ok(p) => keys.push(store_files(app, p).await?),
                Err(e) => {
                    discard(app, &keys).await;
                    return Err(e);
                }
            }
        }
    }
    let now = app.now_us().await?;
    let window_us = policy.return_window_days.saturating_mul(DAY_US);
    let order_lines = orders_store::lines(&app.db, order.id).await?;
    let recorded = record(
        app,
        who,
        &order,
        reason,
        note,
        &route,
        &keys,
        &order_lines,
        window_us,
        now,
    )
    .await;
    let return_id = match recorded {
        Ok(Some(id)) => id,
        refused => {
            discard(app, &keys).await;
            return Err(match refused {
                Err(e) => e,
                Ok(_) => AppError::Conflict(refusal(app, &order, &pieces, window_us, now).await?),
            });
        }
    };
    app.ring();
    let claimed = reason == ReturnReason::Defective;
    if !claimed {
        // A carrier that does not answer now is asked again when the label is downloaded.
        if let Err(e) = labels::ensure_labels(app, return_id).await {
            tracing::warn!(return_id, error = %e, "return labels not bought yet");
        }
    }
    Ok(Asked {
        return_id,
        state: if claimed { "claimed" } else { "accepted" }.into(),
        charge_cents: route.charge_cents,
        buyer_pays: route.buyer_pays,
    })
}

/// The claims, the return's rows, its history and notices, in one transaction; None when a
/// line's compare-and-set refused (the transaction is dropped: nothing written).
#[allow(clippy::too_many_arguments)]
async fn record(
    app: &App,
    who: &Principal,
    order: &OrderRow,
    reason: ReturnReason,
    note: &str,
    route: &ReturnRoute,
    photo_keys: &[String],
    order_lines: &[LineRow],
    window_us: i64,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let claimed = reason == ReturnReason::Defective;
    let mut tx = app.db.begin().await?;
    for parcel in &route.parcels {
        for piece in &parcel.piece_ids {
            if !store::claim_line(&mut tx, order.id, who.user_id, *piece, window_us, now).await? {
                return Ok(None);
            }
        }
    }
    let new = NewReturn {
        order_id: order.id,
        buyer_id: who.user_id,
        reason: reason.as_str(),
        note,
        state: if claimed { "claimed" } else { "accepted" },
        charge_cents: route.charge_cents,
        buyer_pays: route.buyer_pays,
    };
    let return_id = store::insert(&mut tx, &new, now).await?;
    let mut deductions = route.deductions.iter();
    for (n, parcel) in route.parcels.iter().enumerate() {
        let number = labels::parcel_number(return_id, n);
        store::add_parcel(
            &mut tx,
            return_id,
            number,
            parcel.seller_id,
            parcel.weight_g,
        )
        .await?;
        for piece in &parcel.piece_ids {
            let deduct = deductions.next().copied().unwrap_or(0);
            store::add_line(&mut tx, return_id, order.id, *piece, number, deduct).await?;
        }
    }
    for (i, key) in photo_keys.iter().enumerate() {
        store::add_photo(&mut tx, return_id, i as i64, key).await?;
    }
    let detail = return_id.to_string();
    let event = NewEvent {
        kind: if claimed {
            "return_claimed"
        } else {
            "return_asked"
        },
        user_id: Some(who.user_id),
        seller_id: None,
        detail: &detail,
    };
    orders_store::add_events(&mut tx, order.id, &[event], now).await?;
    if !claimed {
        let told = Told {
            return_id,
            charge_cents: route.charge_cents,
            buyer_pays: route.buyer_pays,
            upheld: None,
        };
        let parcels = told_parcels(route, order_lines);
        queue_accepted(&mut tx, order, &told, &parcels, now).await?;
    }
    tx.commit().await?;
    Ok(Some(return_id))
}

/// The pieces, each once and each of this order, with their sellers and weights, in the
/// request's order (R2's shares follow it).
async fn checked_pieces(
    app: &App,
    order: &OrderRow,
    ids: &[i64],
) -> Result<Vec<ReturnPiece>, AppError> {
    let lines = orders_store::lines(&app.db, order.id).await?;
    let mut out: Vec<ReturnPiece> = Vec::new();
    for id in ids {
        let line = lines.iter().find(|l| l.piece_id == *id);
        let piece = pepite_store::catalog::by_id(&app.db, *id).await?;
        match (line, piece) {
            (Some(l), Some(p)) if !out.iter().any(|x| x.piece_id == *id) => out.push(ReturnPiece {
                piece_id: *id,
                seller_id: l.seller_id,
                weight_g: p.weight_g,
            }),
            _ => return Err(AppError::field("pieces", "invalid")),
        }
    }
    if out.is_empty() {
        return Err(AppError::field("pieces", "required"));
    }
    // Route in parcel order: R2's parcels and shares then follow the order's lines.
    out.sort_by_key(|p| lines.iter().position(|l| l.piece_id == p.piece_id));
    Ok(out)
}

/// The pieces of each parcel of `route`, as the notices list them.
fn told_parcels(route: &ReturnRoute, lines: &[LineRow]) -> Vec<(Option<i64>, Vec<NoticeLine>)> {
    route
        .parcels
        .iter()
        .map(|p| {
            let ls = lines.iter().filter(|l| p.piece_ids.contains(&l.piece_id));
            let ls = ls.map(|l| NoticeLine {
                title: l.title.clone(),
                price_cents: l.price_cents,
            });
            (p.seller_id, ls.collect())
        })
        .collect()
}

fn route_error(e: RouteError) -> AppError {
    match e {
        RouteError::NoPieces => AppError::field("pieces", "required"),
        RouteError::NoRate => AppError::Conflict("no_return_rate"),
    }
}

/// Why a claim was refused, read afterwards only to say so: the first piece that cannot go
/// back names the reason.
async fn refusal(
    app: &App,
    order: &OrderRow,
    pieces: &[ReturnPiece],
    window_us: i64,
    now: i64,
) -> Result<&'static str, AppError> {
    let parcels = orders_store::parcels(&app.db, order.id).await?;
    let lines = orders_store::lines(&app.db, order.id).await?;
    let states = store::line_states(&app.db, order.id).await?;
    for piece in pieces {
        let parcel = lines
            .iter()
            .find(|l| l.piece_id == piece.piece_id)
            .and_then(|l| parcels.iter().find(|p| p.parcel == l.parcel));
        let state = states.iter().find(|s| s.piece_id == piece.piece_id);
        match (parcel.and_then(|p| p.delivered_at), state) {
            (_, Some(s)) if s.refunded_at.is_some() || s.payable_at.is_some() => {
                return Ok("not_returnable");
            }
            (_, Some(s)) if s.return_asked_at.is_some() => return Ok("return_already_asked"),
            (None, _) => return Ok("not_delivered"),
            (Some(at), _) if now >= at + window_us => return Ok("return_window_closed"),
            _ => {}
        }
    }
    Ok(if order.cancelled_at.is_some() {
        "order_cancelled"
    } else {
        "not_returnable"
    })
}

async fn discard(app: &App, keys: &[String]) {
    for key in keys {
        discard_files(app, key).await;
    }
}
