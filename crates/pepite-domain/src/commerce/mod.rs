//! Commerce rules (K, O, F, P, G): carriers and order states, shipping, delivery estimates, fees, discounts, the quote a
//! buyer pays, gift cards and the double-entry journals that record every payment. Pure
//! arithmetic on integer cents: the callers read the clock, the randomness and the database.

mod calendar;
mod carrier;
pub mod code128;
mod delivery;
mod discount;
mod fees;
mod gift_card;
mod iban;
mod ledger;
mod legal_identity;
mod progress;
mod quote;
mod refund;
mod returns;
mod sepa;
mod shipping;

#[cfg(test)]
mod props;

pub use calendar::{add_business_days, easter_sunday, is_business_day, is_french_holiday};
pub use carrier::{
    CarrierInput, TRACKING_PLACEHOLDER, matches_format, normalise_tracking, parse_code,
    tracking_link, validate_carrier,
};
pub use delivery::{DeliveryEstimate, Region, default_delivery_days, delivery_estimate, region_of};
pub use discount::{
    DiscountRefusal, DiscountRule, DiscountScope, DiscountValue, discount_amount, normalise_code,
    validate_rule,
};
pub use fees::{BulkTier, bulk_discount, bulk_next_tier, bulk_rate, qc_fee};
pub use gift_card::{
    allocate_instruments, check_gift_card_amount, gift_card_code, gift_card_expiry,
    masked_gift_card_code, normalise_gift_card_code,
};
pub use iban::{
    HOLDER_MAX_CHARS, PayoutAccount, PayoutAccountInput, masked_iban, normalise_bic,
    normalise_iban, validate_payout_account,
};
pub use ledger::{
    Account, Journal, OrderPayment, Unbalanced, Unsold, gift_card_held_journal,
    gift_card_released_journal, gift_card_sold_journal, net_balances, order_cancelled_journal,
    order_paid_journal, try_order_paid_journal, unsold_charge_journal,
    unsold_charge_refunded_journal,
};
pub use ledger::{payable_batch_journal, payout_sent_journal};
pub use ledger::{
    tradein_credit_journal, voucher_expired_journal, voucher_issued_journal,
    voucher_redeemed_journal, voucher_redemption_reversed_journal,
    voucher_request_cancelled_journal, voucher_requested_journal,
};
pub use legal_identity::LegalIdentity;
pub use progress::{OrderProgress, ReturnCounts, order_progress};
pub use quote::{Customs, Parcel, Quote, QuoteError, QuoteLine, customs, quote};
pub use refund::{
    LineShare, Means, OrderCharges, RefundPlan, RefundRefusal, SoldLine, line_shares, plan_refund,
    refund_journal, refund_paid_journal,
};
pub use returns::{
    ReturnParcel, ReturnPiece, ReturnReason, ReturnRoute, RouteError, free_return_zone,
    return_window_end, route_return, share_by_weight,
};
pub use sepa::{CreditTransfer, Debtor, Transfer, euros, pain_001, sepa_text};
pub use shipping::{
    ShippingMode, ShippingRate, Zone, default_shipping_rates, in_eu_customs_territory, is_eu,
    shipping_charge, zone_of,
};

/// `bps` basis points of `base`, rounded half up to the cent. Every rate in commerce goes
/// through here so the rounding is the same everywhere; the product is taken in i128 so no
/// amount a shop could hold overflows. Negative bases and rates count as zero: a fee, a
/// commission or a reduction is never negative.
pub fn apply_bps(base_cents: i64, bps: i64) -> i64 {
    let base = i128::from(base_cents.max(0));
    let bps = i128::from(bps.max(0));
    let v = (base * bps + 5_000) / 10_000;
    i64::try_from(v).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_to_the_cent() {
        // 15 % of 1.03 € = 15.45 c → 15 c; 15 % of 1.10 € = 16.5 c → 17 c.
        assert_eq!(apply_bps(103, 1500), 15);
        assert_eq!(apply_bps(110, 1500), 17);
        assert_eq!(apply_bps(-500, 1000), 0);
        assert_eq!(apply_bps(500, -1000), 0);
    }
}
