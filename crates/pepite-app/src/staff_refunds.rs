//! R5 by staff's decision (issue 11, item 6): customer service or finance refund some lines of
//! a paid order, as a goodwill gesture (the pieces' share) or after a defect claim they uphold
//! (R4: shipping and fees included), through [`refunds::refund_lines`]. A line already
//! refunded, held by a return or payable to its seller, or an order not paid, is refused
//! (`not_refundable`). The same lines asked again (a double submit, a retried or concurrent
//! request) are one refund: its key is made of the order, the reason and the pieces.

use pepite_domain::account::Role;
use pepite_store::commerce::refunds as store;

use crate::accounts::Principal;
use crate::refunds::{self, RefundAsk, RefundMade};
use crate::{App, AppError};

/// Why staff refund: it decides what comes back and how the credit note reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffReason {
    /// The pieces' share only.
    Goodwill,
    /// R4: everything paid for the pieces, shipping and fees included.
    Defect,
}

impl StaffReason {
    pub fn code(self) -> &'static str {
        match self {
            StaffReason::Goodwill => "goodwill",
            StaffReason::Defect => "defect",
        }
    }
}

/// Customer service and finance refund (admins hold both roles).
pub fn may_refund(who: &Principal) -> bool {
    who.has(Role::CustomerService) || who.has(Role::Finance)
}

/// The pieces of order `order_id` that `who` could refund now (none for other staff).
pub async fn refundable(app: &App, who: &Principal, order_id: i64) -> Result<Vec<i64>, AppError> {
    if !may_refund(who) {
        return Ok(Vec::new());
    }
    Ok(store::open_lines(&app.db, order_id).await?)
}

/// `who` refunds `pieces` of order `order_id` for `reason`.
pub async fn refund(
    app: &App,
    who: &Principal,
    order_id: i64,
    pieces: &[i64],
    reason: StaffReason,
) -> Result<RefundMade, AppError> {
    if !may_refund(who) {
        return Err(AppError::Forbidden);
    }
    let mut sorted = pieces.to_vec();
    sorted.sort_unstable();
    let listed: Vec<String> = sorted.iter().map(i64::to_string).collect();
    let dedupe = format!("staff:{order_id}:{}:{}", reason.code(), listed.join(","));
    refunds::refund_lines(
        app,
        &RefundAsk {
            order_id,
            pieces: &sorted,
            with_fees: reason == StaffReason::Defect,
            deduct_cents: 0,
            reason: reason.code(),
            dedupe: &dedupe,
        },
    )
    .await
}
