//! What selling here costs and when the money comes (P1), said before a piece is listed: the
//! commission, what the seller receives of the price typed, and when it becomes payable.

use pepite_domain::Money;
use pepite_domain::commerce::apply_bps;
use pepite_domain::money::MAX_PRICE;
use pepite_domain::policy::Policy;

use super::piece_form::PieceForm;

pub(super) struct SellingTerms {
    pub commission_bps: i64,
    pub return_window_days: i64,
    /// The price in the form and what the seller would receive of it, when it reads.
    pub example: Option<(i64, i64)>,
}

impl SellingTerms {
    pub fn new(policy: &Policy, form: &PieceForm) -> Self {
        let price = Money::parse_amount("price", form.price.trim(), MAX_PRICE)
            .ok()
            .map(Money::cents)
            .filter(|&p| p > 0);
        SellingTerms {
            commission_bps: policy.commission_bps,
            return_window_days: policy.return_window_days,
            example: price.map(|p| (p, p - apply_bps(p, policy.commission_bps))),
        }
    }
}
