//! The workshop (F2, F6, late pieces): grouped orders' pieces sent by their sellers, received
//! and checked at the bench, the buyer's choice on a failed piece, reminders and cancellation
//! of pieces that never came, then the order's one parcel packed under a label bought through
//! the `Carrier` port and shipped. Every move is a compare-and-set in the store
//! (`pepite_store::commerce::workshop`), so a double scan or two benches change a piece once.

mod choice;
mod late;
mod refund;
mod sent;
mod station;

pub use choice::{choose, run_timers};
pub use late::{cancel_late_line, late_pieces, remind_seller};
pub(crate) use refund::refund_withdrawn;
pub use sent::mark_sent;
pub use station::{Check, arrive, check, pack, ship};

use pepite_domain::account::Role;
use pepite_domain::commerce::normalise_tracking;
use pepite_store::commerce::orders::{self as orders_store, ParcelRow};
use pepite_store::commerce::workshop as store;
pub use pepite_store::commerce::workshop::WorkshopLine;

use crate::accounts::Principal;
use crate::notify::NoticeLine;
use crate::{App, AppError};

/// One grouped order at the bench: its pieces and its parcel.
#[derive(Debug, Clone)]
pub struct Bench {
    pub order_id: i64,
    pub number: String,
    pub paid_at: i64,
    pub lines: Vec<WorkshopLine>,
    /// The workshop's parcel (packed once it has a tracking number, shipped once it left).
    pub parcel: Option<ParcelRow>,
}

impl Bench {
    /// F2: every piece passed, was kept after failing, or left the order; one at least travels.
    pub fn ready(&self) -> bool {
        self.lines.iter().all(WorkshopLine::resolved)
            && self.lines.iter().any(|l| l.withdrawn_at.is_none())
    }

    /// Packed: the label is bought (the workshop's parcel only has a number from then on).
    pub fn packed(&self) -> bool {
        self.parcel.as_ref().is_some_and(|p| p.tracking.is_some())
    }

    /// The pieces that travel, as the e-mails list them.
    pub(crate) fn travelling(&self) -> Vec<NoticeLine> {
        self.lines
            .iter()
            .filter(|l| l.withdrawn_at.is_none())
            .map(|l| NoticeLine {
                title: l.title.clone(),
                price_cents: l.price_cents,
            })
            .collect()
    }
}

/// The workshop's staff (admins too).
fn require_workshop(who: &Principal) -> Result<(), AppError> {
    who.require(Role::Workshop)
}

/// Groups lines (sorted by payment, then order) into benches.
fn benches(lines: Vec<WorkshopLine>) -> Vec<Bench> {
    let mut out: Vec<Bench> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some(b) if b.order_id == line.order_id => b.lines.push(line),
            _ => out.push(Bench {
                order_id: line.order_id,
                number: line.number.clone().unwrap_or_default(),
                paid_at: line.paid_at.unwrap_or_default(),
                lines: vec![line],
                parcel: None,
            }),
        }
    }
    out
}

/// F2: the grouped orders still to ship, oldest payment first.
pub async fn queue(app: &App, who: &Principal) -> Result<Vec<Bench>, AppError> {
    require_workshop(who)?;
    Ok(benches(store::station(&app.db).await?))
}

/// F2: one grouped order at the bench, with its parcel.
pub async fn bench(app: &App, who: &Principal, order_id: i64) -> Result<Bench, AppError> {
    require_workshop(who)?;
    load(app, order_id).await
}

pub(crate) async fn load(app: &App, order_id: i64) -> Result<Bench, AppError> {
    let mut bench = benches(store::lines_of(&app.db, order_id).await?)
        .pop()
        .ok_or(AppError::NotFound)?;
    bench.parcel = orders_store::parcels(&app.db, order_id)
        .await?
        .into_iter()
        .find(|p| p.seller_id.is_none());
    Ok(bench)
}

/// What a scan named: an order, and the piece when the code was a piece's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scanned {
    pub order_id: i64,
    pub piece_id: Option<i64>,
}

/// F2: what the bench's scanner typed: an order number (`2026-000123`), a piece id, or the
/// tracking number a seller sent a piece under. Anything else is the field error
/// `code`/`not_found`, so the page can keep the focus in the field.
pub async fn scan(app: &App, who: &Principal, code: &str) -> Result<Scanned, AppError> {
    require_workshop(who)?;
    let code = code.trim();
    let not_found = || AppError::field("code", "not_found");
    if code.is_empty() {
        return Err(AppError::field("code", "required"));
    }
    if let Some(order) = orders_store::by_number(&app.db, code).await?
        && order.mode == "grouped"
    {
        return Ok(Scanned {
            order_id: order.id,
            piece_id: None,
        });
    }
    if let Ok(piece_id) = code.trim_start_matches('#').parse::<i64>()
        && let Some(order_id) = store::order_of_piece(&app.db, piece_id).await?
    {
        return Ok(Scanned {
            order_id,
            piece_id: Some(piece_id),
        });
    }
    let tracking = normalise_tracking("code", code).map_err(|_| not_found())?;
    let found = store::by_sent_tracking(&app.db, &tracking).await?;
    let &(order_id, piece_id) = found.first().ok_or_else(not_found)?;
    // One parcel from a seller may carry several pieces: then the order, not one piece.
    let alone = found.iter().all(|&(o, p)| o == order_id && p == piece_id);
    Ok(Scanned {
        order_id,
        piece_id: alone.then_some(piece_id),
    })
}

/// F6: the photos of each failed check among `lines` (as [`lines_for`] gave them to the
/// person, so only what they may follow), by piece, in the order they were taken.
pub async fn failed_check_photos(
    app: &App,
    lines: &[WorkshopLine],
) -> Result<Vec<(i64, Vec<String>)>, AppError> {
    let mut out = Vec::new();
    for l in lines
        .iter()
        .filter(|l| l.check_state.as_deref() == Some("failed"))
    {
        let keys = store::check_photos(&app.db, l.order_id, l.piece_id).await?;
        if !keys.is_empty() {
            out.push((l.piece_id, keys));
        }
    }
    Ok(out)
}

/// A grouped order's pieces as one person may follow them (A4): all of them for the buyer,
/// their own for a seller; anyone else, or a direct order, finds nothing.
pub async fn lines_for(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<Vec<WorkshopLine>, AppError> {
    let lines = store::lines_of(&app.db, order_id).await?;
    let buyer = lines.first().is_some_and(|l| l.buyer_id == who.user_id);
    Ok(lines
        .into_iter()
        .filter(|l| buyer || Some(l.seller_id) == who.seller_id)
        .collect())
}
