//! Returns (R1–R4): the window a return may be asked in, how the pieces travel back (R2) and
//! what the buyer pays for it. Pure: the caller reads the clock, the order and the policy.

use serde::{Deserialize, Serialize};

use super::shipping::{ShippingMode, ShippingRate, shipping_charge};
use crate::time::DAY_US;

/// R1/R4: why a piece goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// The buyer changed their mind: shipping and fees are kept (R5).
    ChangeOfMind,
    /// Defective or not as described: photos, and staff decide (R4).
    Defective,
}

impl ReturnReason {
    pub const ALL: &'static [ReturnReason] = &[ReturnReason::ChangeOfMind, ReturnReason::Defective];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnReason::ChangeOfMind => "change_of_mind",
            ReturnReason::Defective => "defective",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.as_str() == s.trim())
    }
}

/// R1: the last instant (exclusive) a return of a piece delivered at `delivered_at` may be
/// asked: exactly `window_days` × 24 h later, the instant P1 makes the earning payable, so a
/// request and the payout timer never both win.
pub fn return_window_end(delivered_at: i64, window_days: i64) -> i64 {
    delivered_at.saturating_add(window_days.saturating_mul(DAY_US))
}

/// R2: whether returns from `country` go back free, each piece to its seller: metropolitan
/// France only. Its ISO code is "FR" (Corsica included). Monaco is priced as France for
/// shipping (O3) but is not France, and the overseas departments (GP, MQ, GF, RE, YT) have
/// codes of their own and travel as overseas parcels: both are "elsewhere".
pub fn free_return_zone(country: &str) -> bool {
    country.trim().eq_ignore_ascii_case("FR")
}

/// A piece asked back: its seller and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnPiece {
    pub piece_id: i64,
    pub seller_id: i64,
    pub weight_g: i64,
}

/// Where a return parcel goes: a seller, or the workshop (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnParcel {
    pub seller_id: Option<i64>,
    pub piece_ids: Vec<i64>,
    pub weight_g: i64,
}

/// R2's routing of one request, with the return shipping the buyer would pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRoute {
    pub parcels: Vec<ReturnParcel>,
    /// Outside the free zone the buyer pays; R4 waives it when a defect is upheld.
    pub buyer_pays: bool,
    /// The rate table's price of the parcels (0 when free).
    pub charge_cents: i64,
    /// The charge shared over the pieces by weight (same order as the request), so each
    /// piece's refund is reduced by its own part; they add up to `charge_cents`.
    pub deductions: Vec<i64>,
}

/// Why a route cannot be priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteError {
    NoPieces,
    /// The rate table has no band for this destination and weight.
    NoRate,
}

/// R2: in metropolitan France each piece goes to its own seller, free; elsewhere one piece
/// goes to its seller and several travel together to the workshop, at the buyer's cost (the
/// O3 table's direct rate for the buyer's zone and the parcel's weight: carriers price the
/// lane either way alike).
pub fn route_return(
    country: &str,
    pieces: &[ReturnPiece],
    rates: &[ShippingRate],
) -> Result<ReturnRoute, RouteError> {
    let parcel = |p: &[ReturnPiece], seller_id: Option<i64>| ReturnParcel {
        seller_id,
        piece_ids: p.iter().map(|x| x.piece_id).collect(),
        weight_g: p.iter().map(|x| x.weight_g).sum(),
    };
    let (parcels, buyer_pays) = match pieces {
        [] => return Err(RouteError::NoPieces),
        _ if free_return_zone(country) => (
            pieces
                .iter()
                .map(|p| parcel(std::slice::from_ref(p), Some(p.seller_id)))
                .collect::<Vec<_>>(),
            false,
        ),
        [one] => (
            vec![parcel(std::slice::from_ref(one), Some(one.seller_id))],
            true,
        ),
        several => (vec![parcel(several, None)], true),
    };
    let charge_cents = if buyer_pays {
        parcels.iter().try_fold(0i64, |sum, p| {
            shipping_charge(rates, country, p.weight_g, ShippingMode::Direct)
                .map(|c| sum.saturating_add(c))
                .ok_or(RouteError::NoRate)
        })?
    } else {
        0
    };
    let weights: Vec<i64> = pieces.iter().map(|p| p.weight_g).collect();
    Ok(ReturnRoute {
        parcels,
        buyer_pays,
        charge_cents,
        deductions: share_by_weight(charge_cents, &weights),
    })
}

/// `total` shared in proportion to `weights`, rounded down, the cents left over given to the
/// largest remainders (earliest first on ties): the parts always add up to `total`.
pub fn share_by_weight(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut parts = vec![0; weights.len()];
        parts[0] = total;
        return parts;
    }
    let t = i128::from(total);
    let mut parts: Vec<(usize, i64, i128)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let exact = t * i128::from((*w).max(0));
            (i, (exact / sum) as i64, exact % sum)
        })
        .collect();
    let mut left = total - parts.iter().map(|p| p.1).sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| parts[*b].2.cmp(&parts[*a].2).then(a.cmp(b)));
    for i in order.into_iter().cycle() {
        if left <= 0 {
            break;
        }
        parts[i].1 += 1;
        left -= 1;
    }
    parts.into_iter().map(|p| p.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commerce::default_shipping_rates;

    fn piece(piece_id: i64, seller_id: i64, weight_g: i64) -> ReturnPiece {
        ReturnPiece {
            piece_id,
            seller_id,
            weight_g,
        }
    }

    #[test]
    fn r1_the_window_closes_fourteen_days_after_delivery() {
        assert_eq!(return_window_end(1_000, 14), 1_000 + 14 * DAY_US);
        assert_eq!(return_window_end(i64::MAX - 1, 14), i64::MAX);
    }

    #[test]
    fn r2_in_metropolitan_france_each_piece_goes_to_its_seller_free() {
        let rates = default_shipping_rates();
        let three = [piece(1, 10, 400), piece(2, 11, 700), piece(3, 10, 300)];
        let r = route_return("FR", &three, &rates).unwrap();
        assert!(!r.buyer_pays);
        assert_eq!((r.charge_cents, r.deductions.clone()), (0, vec![0, 0, 0]));
        let sellers: Vec<_> = r
            .parcels
            .iter()
            .map(|p| (p.seller_id, p.piece_ids.clone()))
            .collect();
        assert_eq!(
            sellers,
            [
                (Some(10), vec![1]),
                (Some(11), vec![2]),
                (Some(10), vec![3])
            ]
        );
        // Monaco and the overseas departments are not metropolitan France.
        for elsewhere in ["MC", "RE", "GP", "BE"] {
            assert!(!free_return_zone(elsewhere), "{elsewhere}");
        }
        assert!(free_return_zone(" fr "));
    }

    #[test]
    fn r2_elsewhere_one_piece_to_its_seller_several_to_the_workshop_at_the_buyers_cost() {
        let rates = default_shipping_rates();
        let one = route_return("DE", &[piece(1, 10, 400)], &rates).unwrap();
        assert!(one.buyer_pays);
        assert_eq!(one.parcels.len(), 1);
        assert_eq!(one.parcels[0].seller_id, Some(10));
        let rate = shipping_charge(&rates, "DE", 400, ShippingMode::Direct).unwrap();
        assert_eq!(
            (one.charge_cents, one.deductions.clone()),
            (rate, vec![rate])
        );

        let three = [piece(1, 10, 400), piece(2, 11, 700), piece(3, 10, 300)];
        let r = route_return("DE", &three, &rates).unwrap();
        assert_eq!(r.parcels.len(), 1, "together, in one parcel");
        assert_eq!(r.parcels[0].seller_id, None, "to the workshop");
        assert_eq!(r.parcels[0].weight_g, 1_400);
        let rate = shipping_charge(&rates, "DE", 1_400, ShippingMode::Direct).unwrap();
        assert_eq!(r.charge_cents, rate);
        assert_eq!(r.deductions.iter().sum::<i64>(), rate);
        assert_eq!(route_return("DE", &[], &rates), Err(RouteError::NoPieces));
        assert_eq!(route_return("DE", &three, &[]), Err(RouteError::NoRate));
    }

    #[test]
    fn shares_add_up_to_the_total() {
        assert_eq!(share_by_weight(1_000, &[1, 1, 1]), vec![334, 333, 333]);
        assert_eq!(share_by_weight(990, &[400, 700, 300]), vec![283, 495, 212]);
        assert_eq!(share_by_weight(7, &[0, 0]), vec![7, 0]);
        assert!(share_by_weight(5, &[]).is_empty());
        assert_eq!(
            ReturnReason::parse("defective"),
            Some(ReturnReason::Defective)
        );
        assert_eq!(ReturnReason::parse("exchange"), None);
    }
}
