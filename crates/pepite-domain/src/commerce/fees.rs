//! The quality-control fee (O2) and the bulk discount (O9).

use serde::{Deserialize, Serialize};

use super::apply_bps;
use super::shipping::ShippingMode;
use crate::policy::Policy;

/// O2: 10 % of the pieces' total capped at 15 €, only for grouped orders.
pub fn qc_fee(policy: &Policy, goods_cents: i64, mode: ShippingMode) -> i64 {
    match mode {
        ShippingMode::Direct => 0,
        ShippingMode::Grouped => {
            apply_bps(goods_cents, policy.qc_fee_bps).min(policy.qc_fee_cap_cents.max(0))
        }
    }
}

/// O9: from `min_pieces` pieces in one order, `bps` off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkTier {
    pub min_pieces: i64,
    pub bps: i64,
}

/// O9: the reduction of the best tier reached by `pieces`, applied to `base_cents`.
pub fn bulk_discount(tiers: &[BulkTier], pieces: usize, base_cents: i64) -> i64 {
    apply_bps(base_cents, bulk_rate(tiers, pieces))
}

/// O9: the rate, basis points, of the best tier reached by `pieces`; 0 below every tier.
/// "Best" is the highest rate among the tiers reached, so a table listed out of order still
/// gives the buyer what it promises; a rate above 100 % counts as 100 %.
pub fn bulk_rate(tiers: &[BulkTier], pieces: usize) -> i64 {
    let pieces = i64::try_from(pieces).unwrap_or(i64::MAX);
    tiers
        .iter()
        .filter(|t| t.min_pieces <= pieces)
        .map(|t| t.bps.clamp(0, 10_000))
        .max()
        .unwrap_or(0)
}

/// O9: the nearest tier that would give more than `pieces` get now, so a cart can say "one
/// more piece and it is 15 %"; None at the best tier.
pub fn bulk_next_tier(tiers: &[BulkTier], pieces: usize) -> Option<BulkTier> {
    let now = bulk_rate(tiers, pieces);
    let pieces = i64::try_from(pieces).unwrap_or(i64::MAX);
    tiers
        .iter()
        .filter(|t| t.min_pieces > pieces && t.bps.clamp(0, 10_000) > now)
        .min_by_key(|t| (t.min_pieces, -t.bps))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o9_the_cart_knows_its_tier_and_the_next_one() {
        let tiers = [
            BulkTier {
                min_pieces: 5,
                bps: 1_500,
            },
            BulkTier {
                min_pieces: 3,
                bps: 1_000,
            },
        ];
        assert_eq!(bulk_rate(&tiers, 2), 0);
        assert_eq!(bulk_next_tier(&tiers, 2), Some(tiers[1].clone()));
        assert_eq!(bulk_rate(&tiers, 3), 1_000);
        assert_eq!(bulk_next_tier(&tiers, 4), Some(tiers[0].clone()));
        assert_eq!(bulk_rate(&tiers, 9), 1_500);
        assert_eq!(bulk_next_tier(&tiers, 5), None);
    }

    #[test]
    fn o2_qc_fee_is_ten_percent_capped_at_fifteen_euros() {
        let p = Policy::marketplace();
        assert_eq!(qc_fee(&p, 8_000, ShippingMode::Grouped), 800);
        assert_eq!(qc_fee(&p, 8_005, ShippingMode::Grouped), 801, "half up");
        assert_eq!(qc_fee(&p, 15_000, ShippingMode::Grouped), 1_500);
        assert_eq!(qc_fee(&p, 90_000, ShippingMode::Grouped), 1_500);
    }

    #[test]
    fn o2_direct_orders_pay_no_qc_fee() {
        assert_eq!(
            qc_fee(&Policy::marketplace(), 90_000, ShippingMode::Direct),
            0
        );
    }

    #[test]
    fn o9_the_best_tier_reached_applies() {
        let tiers = Policy::marketplace().bulk_tiers;
        assert_eq!(bulk_discount(&tiers, 2, 10_000), 0);
        assert_eq!(bulk_discount(&tiers, 3, 10_000), 500);
        assert_eq!(bulk_discount(&tiers, 4, 10_000), 500);
        assert_eq!(bulk_discount(&tiers, 5, 10_000), 1_000);
        assert_eq!(bulk_discount(&tiers, 12, 10_001), 1_000, "half up");
        assert_eq!(bulk_discount(&[], 12, 10_000), 0);
    }
}
