//! The money side of a line leaving a grouped order (F6 drop, late piece), through the
//! foundation's `refunds::refund_lines`, once per dedupe. The line leaves first (a
//! compare-and-set, committed), the refund follows; the `workshop.timers` job makes any refund
//! still owed after a crash between the two.

use pepite_store::commerce::workshop as store;

use crate::refunds::{RefundAsk, refund_lines};
use crate::{App, AppError};

/// How many owed refunds one sweep makes.
const BATCH: i64 = 100;

/// Refunds the share of a line that left its order for `reason` (`qc_drop`: the piece's price
/// less its discounts, fees kept since the check was made and the parcel still travels;
/// `late`: shipping and QC fee shares too).
pub(crate) async fn refund_withdrawn(
    app: &App,
    order_id: i64,
    piece_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let (reason, with_fees) = if reason == "late" {
        ("late", true)
    } else {
        ("qc_drop", false)
    };
    let dedupe = format!("{reason}:{order_id}:{piece_id}");
    let ask = RefundAsk {
        order_id,
        pieces: &[piece_id],
        with_fees,
        deduct_cents: 0,
        reason,
        dedupe: &dedupe,
    };
    refund_lines(app, &ask).await?;
    Ok(())
}

/// Refunds still owed for lines that left their order, and for parcels staff chose to refund
/// (F7). A failure is logged and left for the next run.
pub(crate) async fn sweep(app: &App) -> Result<(), AppError> {
    for (order_id, piece_id, reason) in store::withdrawn_unrefunded(&app.db, BATCH).await? {
        if let Err(e) = refund_withdrawn(app, order_id, piece_id, &reason).await {
            tracing::warn!(order_id, piece_id, error = %e, "refund of a withdrawn line still owed");
        }
    }
    crate::lost_parcels::refunds_owed(app).await
}
